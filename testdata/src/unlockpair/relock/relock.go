// Package relock covers `defer m.Lock(ctx)` where Unlock was meant (UP5).
package relock

import (
	"context"

	"go.etcd.io/etcd/client/v3/concurrency"
	recipe "go.etcd.io/etcd/client/v3/experimental/recipes"
)

func work() error { return nil }

func slip(ctx context.Context, s *concurrency.Session) error {
	m := concurrency.NewMutex(s, "/lock/")
	if err := m.Lock(ctx); err != nil { // want `the lock taken by m.Lock is not released: the function returns at relock.go:19`
		return err
	}
	defer m.Lock(ctx) // want `deferred m.Lock locks again where Unlock was meant: the lock taken at relock.go:15 is never released, so its key stays under the prefix and every other locker waits until the session's lease ends; defer m.Unlock instead`
	return work()
}

func slipFixed(ctx context.Context, s *concurrency.Session) error {
	m := concurrency.NewMutex(s, "/lock/")
	if err := m.Lock(ctx); err != nil {
		return err
	}
	defer m.Unlock(ctx)
	return work()
}

type guarded struct{ mu *concurrency.Mutex }

func (g *guarded) slip(ctx context.Context) error {
	if err := g.mu.Lock(ctx); err != nil { // want `the lock taken by g.mu.Lock is not released on an error path: the function returns an error at relock.go:38`
		return err
	}
	defer g.mu.Lock(ctx) // want `deferred g.mu.Lock locks again where Unlock was meant`
	return work()
}

func lockerSlip(s *concurrency.Session) error {
	l := concurrency.NewLocker(s, "/lock/")
	l.Lock()       // want `the lock taken by l.Lock on a concurrency.NewLocker is not released`
	defer l.Lock() // want `deferred l.Lock locks again where Unlock was meant`
	return work()
}

func rwSlip(s *concurrency.Session) error {
	rw := recipe.NewRWMutex(s, "/rw/")
	if err := rw.RLock(); err != nil { // want `the read lock taken by rw.RLock is not released`
		return err
	}
	defer rw.RLock() // want `deferred rw.RLock locks again where RUnlock was meant`
	return work()
}

// Two different mutexes: locking the second at the end is odd, not a slip.
func twoMutexes(ctx context.Context, s *concurrency.Session) error {
	a := concurrency.NewMutex(s, "/a/")
	b := concurrency.NewMutex(s, "/b/")
	if err := a.Lock(ctx); err != nil {
		return err
	}
	defer a.Unlock(ctx)
	defer b.Lock(ctx)
	return work()
}
