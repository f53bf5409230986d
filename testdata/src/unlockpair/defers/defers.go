// Package defers covers every way an Unlock, or the session's Close, can
// be deferred.
package defers

import (
	"context"
	"errors"
	"log"
	"time"

	clientv3 "go.etcd.io/etcd/client/v3"
	"go.etcd.io/etcd/client/v3/concurrency"
)

func work(context.Context) error { return nil }

func direct(ctx context.Context, s *concurrency.Session) error {
	m := concurrency.NewMutex(s, "/lock/")
	if err := m.Lock(ctx); err != nil {
		return err
	}
	defer m.Unlock(context.Background())
	return work(ctx)
}

func methodValue(ctx context.Context, s *concurrency.Session) error {
	m := concurrency.NewMutex(s, "/lock/")
	if err := m.Lock(ctx); err != nil {
		return err
	}
	unlock := m.Unlock
	defer unlock(context.Background())
	return work(ctx)
}

// The SPEC's own advice: a fresh, bounded ctx for the Unlock.
func deferredClosure(ctx context.Context, s *concurrency.Session) error {
	m := concurrency.NewMutex(s, "/lock/")
	if err := m.Lock(ctx); err != nil {
		return err
	}
	defer func() {
		ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
		defer cancel()
		if err := m.Unlock(ctx); err != nil {
			log.Printf("unlock: %v", err)
		}
	}()
	return work(ctx)
}

func unlockMutex(m *concurrency.Mutex) {
	if err := m.Unlock(context.Background()); err != nil {
		log.Print(err)
	}
}

func deferredHelper(ctx context.Context, s *concurrency.Session) error {
	m := concurrency.NewMutex(s, "/lock/")
	if err := m.Lock(ctx); err != nil {
		return err
	}
	defer unlockMutex(m)
	return work(ctx)
}

func logMutex(m *concurrency.Mutex) { log.Printf("holding %s", m.Key()) }

// A deferred helper that only logs does not unlock.
func deferredHelperNoUnlock(ctx context.Context, s *concurrency.Session) error {
	m := concurrency.NewMutex(s, "/lock/")
	if err := m.Lock(ctx); err != nil { // want `returns at defers.go:76 without unlocking it`
		return err
	}
	defer logMutex(m)
	return work(ctx)
}

// Deferring the Unlock before the Lock covers every path after it.
func deferredFirst(ctx context.Context, s *concurrency.Session) error {
	m := concurrency.NewMutex(s, "/lock/")
	defer m.Unlock(context.Background())
	if err := m.Lock(ctx); err != nil {
		return err
	}
	return work(ctx)
}

// A defer registered after an early return does not cover it.
func deferTooLate(ctx context.Context, s *concurrency.Session, skip bool) error {
	m := concurrency.NewMutex(s, "/lock/")
	if err := m.Lock(ctx); err != nil { // want `returns at defers.go:96 without unlocking it`
		return err
	}
	if skip {
		return nil
	}
	defer m.Unlock(context.Background())
	return work(ctx)
}

func deferTooLateFixed(ctx context.Context, s *concurrency.Session, skip bool) error {
	m := concurrency.NewMutex(s, "/lock/")
	if err := m.Lock(ctx); err != nil {
		return err
	}
	defer m.Unlock(context.Background())
	if skip {
		return nil
	}
	return work(ctx)
}

// Closing the session revokes its lease, and the lock key with it.
func sessionClosed(ctx context.Context, cli *clientv3.Client) error {
	s, err := concurrency.NewSession(cli)
	if err != nil {
		return err
	}
	defer s.Close()
	m := concurrency.NewMutex(s, "/lock/")
	if err := m.Lock(ctx); err != nil {
		return err
	}
	return work(ctx)
}

// The session closed by hand on the error path, unlocked on the other.
func sessionClosedOnError(ctx context.Context, s *concurrency.Session) error {
	m := concurrency.NewMutex(s, "/lock/")
	if err := m.Lock(ctx); err != nil {
		return err
	}
	if err := work(ctx); err != nil {
		s.Close()
		return err
	}
	return m.Unlock(ctx)
}

func sessionClosedInClosure(ctx context.Context, s *concurrency.Session) error {
	defer func() {
		if err := s.Close(); err != nil {
			log.Print(err)
		}
	}()
	m := concurrency.NewMutex(s, "/lock/")
	if err := m.Lock(ctx); err != nil {
		return err
	}
	return work(ctx)
}

// Orphan stops the keepalive but leaves the lease, and the key, until its
// TTL runs out: it does not release the lock.
func sessionOrphaned(ctx context.Context, s *concurrency.Session) error {
	m := concurrency.NewMutex(s, "/lock/")
	if err := m.Lock(ctx); err != nil { // want `returns at defers.go:162 without unlocking it`
		return err
	}
	s.Orphan()
	return nil
}

// The session's end ends the lock: the path that sees it has nothing to
// unlock.
func untilDone(ctx context.Context, s *concurrency.Session, stop <-chan struct{}) error {
	m := concurrency.NewMutex(s, "/lock/")
	if err := m.Lock(ctx); err != nil {
		return err
	}
	select {
	case <-stop:
		return m.Unlock(context.Background())
	case <-s.Done():
	}
	return errSessionExpired
}

var errSessionExpired = errors.New("session expired")

// The session's context ending is the session ending, as for sessionclose.
func leadUntilCtxDone(ctx context.Context, s *concurrency.Session) error {
	e := concurrency.NewElection(s, "/election/")
	if err := e.Campaign(ctx, "me"); err != nil {
		return err
	}
	<-s.Ctx().Done()
	return errSessionExpired
}
