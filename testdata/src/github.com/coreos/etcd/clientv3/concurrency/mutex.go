package concurrency

import (
	"context"
	"errors"
	"sync"

	v3 "github.com/coreos/etcd/clientv3"
)

var (
	ErrLocked         = errors.New("mutex: Locked by another session")
	ErrSessionExpired = errors.New("mutex: session is expired")
	ErrLockReleased   = errors.New("mutex: lock has already been released")
)

// Mutex implements the sync Locker interface with etcd.
type Mutex struct {
	s *Session

	pfx   string
	myKey string
	myRev int64
	hdr   *v3.ResponseHeader
}

func NewMutex(s *Session, pfx string) *Mutex {
	return &Mutex{s, pfx + "/", "", -1, nil}
}

// TryLock locks the mutex if not already locked by another session.
// If lock is held by another session, return immediately after attempting
// necessary cleanup with ErrLocked.
func (m *Mutex) TryLock(ctx context.Context) error { return nil }

// Lock locks the mutex with a cancelable context.
func (m *Mutex) Lock(ctx context.Context) error { return nil }

func (m *Mutex) tryAcquire(ctx context.Context) (*v3.TxnResponse, error) { return nil, nil }

func (m *Mutex) Unlock(ctx context.Context) error { return nil }

func (m *Mutex) IsOwner() v3.Cmp {
	return v3.Compare(v3.CreateRevision(m.myKey), "=", m.myRev)
}

func (m *Mutex) Key() string { return m.myKey }

// Header is the response header received from etcd on acquiring the lock.
func (m *Mutex) Header() *v3.ResponseHeader { return m.hdr }

type lockerMutex struct{ *Mutex }

func (lm *lockerMutex) Lock() {
	client := lm.s.Client()
	if err := lm.Mutex.Lock(client.Ctx()); err != nil {
		panic(err)
	}
}

func (lm *lockerMutex) Unlock() {
	client := lm.s.Client()
	if err := lm.Mutex.Unlock(client.Ctx()); err != nil {
		panic(err)
	}
}

// NewLocker creates a sync.Locker backed by an etcd mutex.
func NewLocker(s *Session, pfx string) sync.Locker {
	return &lockerMutex{NewMutex(s, pfx)}
}
