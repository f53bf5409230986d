// Package relockctx covers UP5's fix where the Lock had a deadline: the
// Unlock it defers gets a fresh context, not the Lock's, which may have
// expired by then (ctxtimeout's CT4).
package relockctx

import (
	"context"
	"time"

	"go.etcd.io/etcd/client/v3/concurrency"
)

func work() error { return nil }

func slipWithDeadline(ctx context.Context, s *concurrency.Session) error {
	m := concurrency.NewMutex(s, "/lock/")
	lctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	if err := m.Lock(lctx); err != nil { // want `the lock taken by m.Lock is not released: the function returns at relockctx.go:23`
		return err
	}
	defer m.Lock(lctx) // want `deferred m.Lock locks again where Unlock was meant: the lock taken at relockctx.go:19 is never released`
	return work()
}

// The fixed twin: the Unlock's context is a fresh one.
func slipWithDeadlineFixed(ctx context.Context, s *concurrency.Session) error {
	m := concurrency.NewMutex(s, "/lock/")
	lctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	if err := m.Lock(lctx); err != nil {
		return err
	}
	defer m.Unlock(context.Background())
	return work()
}

type guarded struct{ mu *concurrency.Mutex }

func (g *guarded) slip(ctx context.Context) error {
	lctx, cancel := context.WithTimeout(ctx, time.Second)
	defer cancel()
	if err := g.mu.Lock(lctx); err != nil { // want `the lock taken by g.mu.Lock is not released on an error path: the function returns an error at relockctx.go:47`
		return err
	}
	defer g.mu.Lock(lctx) // want `deferred g.mu.Lock locks again where Unlock was meant`
	return work()
}
