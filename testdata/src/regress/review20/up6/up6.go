// Package up6: lock and campaign errors read in the shapes real code
// reads them; UP6 must stay silent on all of them.
package up6

import (
	"context"
	"errors"
	"fmt"
	"log"
	"time"

	clientv3 "go.etcd.io/etcd/client/v3"
	"go.etcd.io/etcd/client/v3/concurrency"
	recipe "go.etcd.io/etcd/contrib/recipes"
	"golang.org/x/sync/errgroup"
)

// Read in a deferred closure through a captured variable.
func deferred(ctx context.Context, m *concurrency.Mutex, work func()) (err error) {
	defer func() {
		if err != nil {
			log.Printf("lock: %v", err)
		}
	}()
	if err = m.Lock(ctx); err != nil {
		return err
	}
	defer m.Unlock(context.Background())
	work()
	return nil
}

// Returned from an errgroup goroutine.
func group(ctx context.Context, m *concurrency.Mutex) error {
	g, gctx := errgroup.WithContext(ctx)
	g.Go(func() error { return m.Lock(gctx) })
	return g.Wait()
}

// A retry loop on TryLock.
func retry(ctx context.Context, m *concurrency.Mutex) error {
	for {
		switch err := m.TryLock(ctx); {
		case err == nil:
			return nil
		case errors.Is(err, concurrency.ErrLocked):
			time.Sleep(100 * time.Millisecond)
		default:
			return fmt.Errorf("trylock: %w", err)
		}
	}
}

// Sent on a channel.
func async(ctx context.Context, e *concurrency.Election, id string) <-chan error {
	errc := make(chan error, 1)
	go func() { errc <- e.Campaign(ctx, id) }()
	return errc
}

// A method value.
func methodValue(ctx context.Context, rw *recipe.RWMutex) error {
	lock := rw.RLock
	if err := lock(); err != nil {
		return err
	}
	return rw.RUnlock()
}

// A lock helper that panics, as sync.Locker's must.
type locker struct {
	m   *concurrency.Mutex
	ctx context.Context
}

func (l *locker) Lock() {
	if err := l.m.Lock(l.ctx); err != nil {
		panic(err)
	}
}

func (l *locker) Unlock() {
	if err := l.m.Unlock(l.ctx); err != nil {
		panic(err)
	}
}

// Fenced in a Txn by IsOwner.
func fencedWrite(ctx context.Context, cli *clientv3.Client, m *concurrency.Mutex) error {
	_ = m.Lock(ctx)
	defer m.Unlock(context.Background())
	_, err := cli.Txn(ctx).If(m.IsOwner()).Then(clientv3.OpPut("k", "v")).Commit()
	return err
}

// Stored in a result struct.
type result struct{ err error }

func into(ctx context.Context, m *concurrency.Mutex, r *result) {
	r.err = m.Lock(ctx)
}
