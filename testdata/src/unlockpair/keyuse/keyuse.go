// Package keyuse covers the lock's key used as the key of a read or a
// write: a use of the lock, not a hand-off. Only returning the key,
// storing it, writing it as a value or giving it to unknown code hands the
// lock on.
package keyuse

import (
	"context"

	clientv3 "go.etcd.io/etcd/client/v3"
	"go.etcd.io/etcd/client/v3/concurrency"
)

type leader struct {
	cli *clientv3.Client
	s   *concurrency.Session
	m   *concurrency.Mutex
}

// A Put at the lock's key that fails returns the error with the lock held.
func (l *leader) Lock(ctx context.Context, v string) error {
	if err := l.m.Lock(ctx); err != nil { // want `the lock taken by l.m.Lock is not released on an error path: the function returns an error at keyuse.go:26`
		return err
	}
	if _, err := l.cli.Put(ctx, l.m.Key(), v, clientv3.WithLease(l.s.Lease())); err != nil {
		return err
	}
	return nil
}

func (l *leader) LockFixed(ctx context.Context, v string) error {
	if err := l.m.Lock(ctx); err != nil {
		return err
	}
	if _, err := l.cli.Put(ctx, l.m.Key(), v, clientv3.WithLease(l.s.Lease())); err != nil {
		l.m.Unlock(context.Background())
		return err
	}
	return nil
}

// A Get at the key is a use too.
func (l *leader) LockGet(ctx context.Context) error {
	if err := l.m.Lock(ctx); err != nil { // want `returns an error at keyuse.go:48 without unlocking it`
		return err
	}
	if _, err := l.cli.KV.Get(ctx, l.m.Key()); err != nil {
		return err
	}
	return nil
}

// The key written as the value of another key: whoever reads it can
// delete the lock. A hand-off, silent.
func (l *leader) Publish(ctx context.Context) error {
	if err := l.m.Lock(ctx); err != nil {
		return err
	}
	if _, err := l.cli.Put(ctx, "/owner", l.m.Key()); err != nil {
		return err
	}
	return nil
}

// A Delete at the key releases the lock.
func (l *leader) LockThenDelete(ctx context.Context, v string) error {
	if err := l.m.Lock(ctx); err != nil {
		return err
	}
	if _, err := l.cli.Put(ctx, l.m.Key(), v); err != nil {
		l.cli.Delete(context.Background(), l.m.Key())
		return err
	}
	return nil
}

// A local mutex whose key is written at: the lock is the function's own.
func lockLocal(ctx context.Context, cli *clientv3.Client, s *concurrency.Session) error {
	m := concurrency.NewMutex(s, "/lock")
	if err := m.Lock(ctx); err != nil { // want `the lock taken by m.Lock is not released: the function returns at keyuse.go:84`
		return err
	}
	if _, err := cli.Put(ctx, m.Key(), "x"); err != nil {
		return err
	}
	return m.Unlock(ctx)
}

func lockLocalFixed(ctx context.Context, cli *clientv3.Client, s *concurrency.Session) error {
	m := concurrency.NewMutex(s, "/lock")
	if err := m.Lock(ctx); err != nil {
		return err
	}
	defer m.Unlock(context.Background())
	_, err := cli.Put(ctx, m.Key(), "x")
	return err
}

// A Delete at the key through a method value releases it too.
func (l *leader) LockThenDeleteBound(ctx context.Context, v string) error {
	if err := l.m.Lock(ctx); err != nil {
		return err
	}
	del := l.cli.Delete
	if _, err := l.cli.Put(ctx, l.m.Key(), v); err != nil {
		del(context.Background(), l.m.Key())
		return err
	}
	return nil
}

// The key written at itself, and as its own value: the value hands it on.
func (l *leader) PublishAtKey(ctx context.Context) error {
	if err := l.m.Lock(ctx); err != nil {
		return err
	}
	k := l.m.Key()
	if _, err := l.cli.Put(ctx, k, k); err != nil {
		return err
	}
	return nil
}
