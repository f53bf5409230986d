// Package release holds CT4: Unlock and Resign given the deadline-bounded
// context of the Lock or Campaign they release.
package release

import (
	"context"
	"time"

	"go.etcd.io/etcd/client/v3/concurrency"
)

type key struct{}

// The fixture's shape.
func unlockSame(s *concurrency.Session, work func(context.Context) error) error {
	m := concurrency.NewMutex(s, "/lock/")
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := m.Lock(ctx); err != nil {
		return err
	}
	if err := work(ctx); err != nil {
		m.Unlock(context.WithoutCancel(ctx))
		return err
	}
	return m.Unlock(ctx) // want `this Unlock is given the context of the Lock at release.go:19, whose deadline is set by context.WithTimeout at release.go:17, so once the work in between outlives it Unlock fails with context deadline exceeded and the lock key stays until the session's lease ends \(talos#8683\); give it a fresh context, e.g. context.WithTimeout\(context.WithoutCancel\(ctx\), 5\*time.Second\)`
}

func unlockSameFixed(s *concurrency.Session, work func(context.Context) error) error {
	m := concurrency.NewMutex(s, "/lock/")
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := m.Lock(ctx); err != nil {
		return err
	}
	werr := work(ctx)
	uctx, ucancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
	defer ucancel()
	if err := m.Unlock(uctx); err != nil {
		return err
	}
	return werr
}

// Deferred, with a deadline from WithDeadline.
func deferred(m *concurrency.Mutex, work func()) error {
	ctx, cancel := context.WithDeadline(context.Background(), time.Now().Add(5*time.Second))
	defer cancel()
	if err := m.Lock(ctx); err != nil {
		return err
	}
	defer m.Unlock(ctx) // want `this Unlock is given the context of the Lock at release.go:49, whose deadline is set by context.WithDeadline at release.go:47`
	work()
	return nil
}

// In a deferred closure, with a context derived from the Lock's.
func deferredClosure(m *concurrency.Mutex, work func()) error {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := m.Lock(ctx); err != nil {
		return err
	}
	defer func() {
		m.Unlock(context.WithValue(ctx, key{}, "unlock")) // want `this Unlock is given the context of the Lock at release.go:61, whose deadline is set by context.WithTimeout at release.go:59`
	}()
	work()
	return nil
}

func deferredClosureFixed(m *concurrency.Mutex, work func()) error {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := m.Lock(ctx); err != nil {
		return err
	}
	defer func() {
		uctx, ucancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
		defer ucancel()
		m.Unlock(uctx)
	}()
	work()
	return nil
}

// The deadline further up: the Lock's ctx derives from a timed one.
func inherited(m *concurrency.Mutex, work func()) error {
	tctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	ctx := context.WithValue(tctx, key{}, "v")
	if err := m.Lock(ctx); err != nil {
		return err
	}
	work()
	return m.Unlock(ctx) // want `whose deadline is set by context.WithTimeout at release.go:88`
}

func resign(e *concurrency.Election, work func()) error {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := e.Campaign(ctx, "me"); err != nil {
		return err
	}
	work()
	return e.Resign(ctx) // want `this Resign is given the context of the Campaign at release.go:101, whose deadline is set by context.WithTimeout at release.go:99, so once the work in between outlives it Resign fails with context deadline exceeded and the leader key stays`
}

func resignFixed(e *concurrency.Election, work func()) error {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := e.Campaign(ctx, "me"); err != nil {
		return err
	}
	work()
	return e.Resign(context.Background())
}

// Silent: WithoutCancel keeps the values and drops the deadline.
func withoutCancel(m *concurrency.Mutex) error {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := m.Lock(ctx); err != nil {
		return err
	}
	return m.Unlock(context.WithoutCancel(ctx))
}

// Silent: the caller's context; whether it has a deadline is the caller's
// business.
func param(ctx context.Context, m *concurrency.Mutex) error {
	if err := m.Lock(ctx); err != nil {
		return err
	}
	return m.Unlock(ctx)
}

// Silent: no deadline on the Lock's context.
func noDeadline(parent context.Context, m *concurrency.Mutex) error {
	ctx, cancel := context.WithCancel(parent)
	defer cancel()
	if err := m.Lock(ctx); err != nil {
		return err
	}
	return m.Unlock(ctx)
}

// Silent: a different mutex.
func otherMutex(m1, m2 *concurrency.Mutex) error {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := m1.Lock(ctx); err != nil {
		return err
	}
	return m2.Unlock(ctx)
}
