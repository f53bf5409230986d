// Package unclosableowner: a session kept in a field of a struct that owns
// the session's client. Closing that client ends the session (its
// keepalive stops and the lease expires), so a Close that closes the
// client closes the session too.
package unclosableowner

import (
	"context"

	clientv3 "go.etcd.io/etcd/client/v3"
	"go.etcd.io/etcd/client/v3/concurrency"
)

// Good: Close resigns and closes the client the session was made from.
type Registry struct {
	cli  *clientv3.Client
	sess *concurrency.Session
	e    *concurrency.Election
}

func (r *Registry) start(ctx context.Context, id string) error {
	s, err := concurrency.NewSession(r.cli, concurrency.WithTTL(10))
	if err != nil {
		return err
	}
	r.sess = s
	r.e = concurrency.NewElection(s, "/svc/leader")
	return r.e.Campaign(ctx, id)
}

func (r *Registry) Close() error {
	r.e.Resign(context.Background())
	return r.cli.Close()
}

// Bad: the struct closes a client, but not the one the session was made
// from.
type Mirror struct {
	src, dst *clientv3.Client
	sess     *concurrency.Session
	e        *concurrency.Election
}

func (m *Mirror) start(ctx context.Context, id string) error {
	s, err := concurrency.NewSession(m.src) // want `session from concurrency.NewSession can never be closed: it is stored in Mirror.sess, which nothing in this package closes, orphans or hands on`
	if err != nil {
		return err
	}
	m.sess = s
	m.e = concurrency.NewElection(s, "/mirror/leader")
	return m.e.Campaign(ctx, id)
}

func (m *Mirror) Close() error {
	m.e.Resign(context.Background())
	return m.dst.Close()
}

// Bad: the client is a shared one that nothing here closes.
type Service struct {
	cli  *clientv3.Client
	sess *concurrency.Session
	e    *concurrency.Election
}

func (s *Service) start(ctx context.Context, id string) error {
	sess, err := concurrency.NewSession(s.cli) // want `session from concurrency.NewSession can never be closed: it is stored in Service.sess, which nothing in this package closes, orphans or hands on`
	if err != nil {
		return err
	}
	s.sess = sess
	s.e = concurrency.NewElection(sess, "/svc/leader")
	return s.e.Campaign(ctx, id)
}

func (s *Service) Close() error { return s.e.Resign(context.Background()) }

// Good: the client is in an embedded struct whose promoted Close closes
// it.
type conn struct{ cli *clientv3.Client }

func (c *conn) Close() error { return c.cli.Close() }

type Node struct {
	conn
	sess *concurrency.Session
	e    *concurrency.Election
}

func (n *Node) campaign(ctx context.Context, id string) error {
	s, err := concurrency.NewSession(n.cli)
	if err != nil {
		return err
	}
	n.sess = s
	n.e = concurrency.NewElection(s, "/node/leader")
	return n.e.Campaign(ctx, id)
}

// Bad: the embedded struct holds the client and nothing closes it.
type shared struct{ cli *clientv3.Client }

type Peer struct {
	shared
	sess *concurrency.Session
	e    *concurrency.Election
}

func (p *Peer) campaign(ctx context.Context, id string) error {
	s, err := concurrency.NewSession(p.cli) // want `session from concurrency.NewSession can never be closed: it is stored in Peer.sess, which nothing in this package closes, orphans or hands on`
	if err != nil {
		return err
	}
	p.sess = s
	p.e = concurrency.NewElection(s, "/peer/leader")
	return p.e.Campaign(ctx, id)
}

func (p *Peer) Stop() error { return p.e.Resign(context.Background()) }
