package concurrency

import (
	"context"
	"errors"

	v3 "github.com/coreos/etcd/clientv3"
)

var (
	ErrElectionNotLeader = errors.New("election: not leader")
	ErrElectionNoLeader  = errors.New("election: no leader")
)

type Election struct {
	session *Session

	keyPrefix string

	leaderKey     string
	leaderRev     int64
	leaderSession *Session
	hdr           *v3.ResponseHeader
}

// NewElection returns a new election on a given key prefix.
func NewElection(s *Session, pfx string) *Election {
	return &Election{session: s, keyPrefix: pfx + "/"}
}

// ResumeElection initializes an election with a known leader.
func ResumeElection(s *Session, pfx string, leaderKey string, leaderRev int64) *Election {
	return &Election{
		keyPrefix:     pfx,
		session:       s,
		leaderKey:     leaderKey,
		leaderRev:     leaderRev,
		leaderSession: s,
	}
}

// Campaign puts a value as eligible for the election on the prefix key.
// It blocks until it is elected, an error occurs, or the context is
// cancelled.
func (e *Election) Campaign(ctx context.Context, val string) error { return nil }

// Proclaim lets the leader announce a new value without another election.
func (e *Election) Proclaim(ctx context.Context, val string) error { return nil }

// Resign lets a leader start a new election.
func (e *Election) Resign(ctx context.Context) (err error) { return nil }

// Leader returns the leader value for the current election.
func (e *Election) Leader(ctx context.Context) (*v3.GetResponse, error) { return nil, nil }

// Observe returns a channel that reliably observes ordered leader proposals
// as GetResponse values on every current elected leader key.
func (e *Election) Observe(ctx context.Context) <-chan *v3.GetResponse {
	retc := make(chan *v3.GetResponse)
	return retc
}

func (e *Election) observe(ctx context.Context, ch chan<- *v3.GetResponse) {}

// Key returns the leader key if elected, empty string otherwise.
func (e *Election) Key() string { return e.leaderKey }

// Rev returns the leader key's creation revision, if elected.
func (e *Election) Rev() int64 { return e.leaderRev }

// Header is the response header from the last successful election proposal.
func (e *Election) Header() *v3.ResponseHeader { return e.hdr }
