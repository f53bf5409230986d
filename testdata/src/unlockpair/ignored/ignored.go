// Package ignored covers UP6: the error of Lock, TryLock, RLock or Campaign
// ignored, so the code after it runs whether the lock was taken or not. Each
// bad case unlocks, so UP1-UP4 have nothing to say.
package ignored

import (
	"context"
	"errors"
	"log"
	"sync"

	clientv3 "go.etcd.io/etcd/client/v3"
	"go.etcd.io/etcd/client/v3/concurrency"
	recipe "go.etcd.io/etcd/client/v3/experimental/recipes"
)

func work() error { return nil }

func discarded(ctx context.Context, s *concurrency.Session) error {
	m := concurrency.NewMutex(s, "/lock/")
	_ = m.Lock(ctx) // want `the error of m.Lock is ignored, so when Lock fails \(its context's deadline passed while another process held the lock, or the session's lease is gone\) the code after it runs without the lock, alongside the holder; check the error and skip the critical section when it is non-nil`
	defer m.Unlock(context.Background())
	return work()
}

func discardedFixed(ctx context.Context, s *concurrency.Session) error {
	m := concurrency.NewMutex(s, "/lock/")
	if err := m.Lock(ctx); err != nil {
		return err
	}
	defer m.Unlock(context.Background())
	return work()
}

func statement(ctx context.Context, s *concurrency.Session) error {
	m := concurrency.NewMutex(s, "/lock/")
	m.Lock(ctx) // want `the error of m.Lock is ignored`
	defer m.Unlock(context.Background())
	return work()
}

// The Lock's error is overwritten before anything reads it.
func overwritten(ctx context.Context, s *concurrency.Session) error {
	m := concurrency.NewMutex(s, "/lock/")
	err := m.Lock(ctx) // want `the error of m.Lock is ignored`
	defer m.Unlock(context.Background())
	err = work()
	if err != nil {
		return err
	}
	return nil
}

// Read on one path only: the check decides, silent.
func readOnOnePath(ctx context.Context, s *concurrency.Session, strict bool) error {
	m := concurrency.NewMutex(s, "/lock/")
	err := m.Lock(ctx)
	defer m.Unlock(context.Background())
	if strict {
		err = work()
	}
	return err
}

func tryLock(ctx context.Context, s *concurrency.Session) error {
	m := concurrency.NewMutex(s, "/lock/")
	_ = m.TryLock(ctx) // want `the error of m.TryLock is ignored, so ErrLocked is its normal outcome whenever another session holds the lock, and then the code after it runs without the lock, alongside the holder; check the error \(errors.Is\(err, concurrency.ErrLocked\) when another holder is expected\)`
	defer m.Unlock(context.Background())
	return work()
}

func tryLockFixed(ctx context.Context, s *concurrency.Session) error {
	m := concurrency.NewMutex(s, "/lock/")
	err := m.TryLock(ctx)
	if errors.Is(err, concurrency.ErrLocked) {
		return nil // someone else does it
	}
	if err != nil {
		return err
	}
	defer m.Unlock(context.Background())
	return work()
}

func tryLockSwitch(ctx context.Context, s *concurrency.Session) error {
	m := concurrency.NewMutex(s, "/lock/")
	switch err := m.TryLock(ctx); err {
	case nil:
	case concurrency.ErrLocked:
		return nil
	default:
		return err
	}
	defer m.Unlock(context.Background())
	return work()
}

func rw(s *concurrency.Session) error {
	rw := recipe.NewRWMutex(s, "/rw/")
	_ = rw.Lock() // want `the error of rw.Lock is ignored, so when Lock fails \(the session's lease is gone, or etcd could not be reached\) the code after it writes without the lock`
	defer rw.Unlock()
	return work()
}

func rwRead(s *concurrency.Session) error {
	rw := recipe.NewRWMutex(s, "/rw/")
	rw.RLock() // want `the error of rw.RLock is ignored, so when RLock fails \(the session's lease is gone, or etcd could not be reached\) the code after it reads without the lock, while a writer may hold it`
	defer rw.RUnlock()
	return work()
}

func rwReadFixed(s *concurrency.Session) error {
	rw := recipe.NewRWMutex(s, "/rw/")
	if err := rw.RLock(); err != nil {
		return err
	}
	defer rw.RUnlock()
	return work()
}

func campaign(ctx context.Context, s *concurrency.Session) error {
	e := concurrency.NewElection(s, "/leader/")
	_ = e.Campaign(ctx, "me") // want `the error of e.Campaign is ignored, so when Campaign fails \(its context's deadline passed while another candidate led, or the session's lease is gone\) the code after it acts as leader alongside the real one; check the error and do not act as leader when it is non-nil`
	defer e.Resign(context.Background())
	return work()
}

func campaignFixed(ctx context.Context, s *concurrency.Session) error {
	e := concurrency.NewElection(s, "/leader/")
	if err := e.Campaign(ctx, "me"); err != nil {
		return err
	}
	defer e.Resign(context.Background())
	return work()
}

// A lock owned by a struct: the Acquire method hands it to the caller, and
// tells it nothing when it failed.
type store struct{ mu *concurrency.Mutex }

func (c *store) acquire(ctx context.Context) {
	c.mu.Lock(ctx) // want `the error of c.mu.Lock is ignored`
}

func (c *store) acquireFixed(ctx context.Context) error {
	return c.mu.Lock(ctx)
}

// In a goroutine, too.
func background(ctx context.Context, m *concurrency.Mutex, done chan<- struct{}) {
	go func() {
		_ = m.Lock(ctx) // want `the error of m.Lock is ignored`
		defer m.Unlock(context.Background())
		work()
		close(done)
	}()
}

// A goroutine that only queues a waiter (tests do this) has no critical
// section to run unprotected: silent.
func queueWaiter(ctx context.Context, m *concurrency.Mutex) <-chan struct{} {
	done := make(chan struct{})
	go func() {
		defer close(done)
		m.Lock(ctx)
	}()
	return done
}

// But one that goes on to work is reported.
func queueAndWork(ctx context.Context, m *concurrency.Mutex) {
	go func() {
		m.Lock(ctx) // want `the error of m.Lock is ignored`
		work()
	}()
}

// A wrapper whose caller relies on it: nothing runs after the Lock here,
// but the critical section is the caller's.
type wrapper struct{ m *concurrency.Mutex }

func (w *wrapper) Lock(ctx context.Context) {
	_ = w.m.Lock(ctx) // want `the error of w.m.Lock is ignored`
}

// Handed on: to a helper, a channel.
func toHelper(ctx context.Context, m *concurrency.Mutex) {
	check(m.Lock(ctx))
}

func toChannel(ctx context.Context, m *concurrency.Mutex, errc chan<- error) {
	errc <- m.TryLock(ctx)
}

func check(err error) {
	if err != nil {
		panic(err)
	}
}

func logged(ctx context.Context, m *concurrency.Mutex) {
	if err := m.Lock(ctx); err != nil {
		log.Printf("lock: %v", err)
	}
}

// Kept in a variable a deferred closure reads.
func readLater(ctx context.Context, m *concurrency.Mutex) (err error) {
	err = m.Lock(ctx)
	defer func() {
		if err == nil {
			m.Unlock(context.Background())
		}
	}()
	return
}

// Fencing: the writes are guarded by m.IsOwner() in the Txn, not by the
// Lock's result.
func fenced(ctx context.Context, cli *clientv3.Client, s *concurrency.Session) error {
	m := concurrency.NewMutex(s, "/lock/")
	_ = m.Lock(ctx)
	defer m.Unlock(context.Background())
	_, err := cli.Txn(ctx).If(m.IsOwner()).Then(clientv3.OpPut("/k", "v")).Commit()
	return err
}

// Not etcd: sync.Mutex has no error, and another type's Lock is not ours.
type other struct{}

func (other) Lock(ctx context.Context) error { return nil }

func notEtcd(ctx context.Context, mu *sync.Mutex, o other) {
	mu.Lock()
	defer mu.Unlock()
	o.Lock(ctx)
}
