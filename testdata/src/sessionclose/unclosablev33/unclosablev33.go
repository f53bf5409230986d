// Package unclosablev33 is SC1's unclosable hand-off on the v3.3 import
// paths.
package unclosablev33

import (
	"context"

	"github.com/coreos/etcd/clientv3"
	"github.com/coreos/etcd/clientv3/concurrency"
)

func lock(ctx context.Context, cli *clientv3.Client) (*concurrency.Mutex, error) {
	s, err := concurrency.NewSession(cli) // want `can never be closed: it is reachable only through the Mutex returned at unclosablev33.go:22, which cannot close it`
	if err != nil {
		return nil, err
	}
	m := concurrency.NewMutex(s, "/lock/")
	if err := m.Lock(ctx); err != nil {
		s.Close()
		return nil, err
	}
	return m, nil
}

func lockFixed(ctx context.Context, cli *clientv3.Client) (func(), error) {
	s, err := concurrency.NewSession(cli)
	if err != nil {
		return nil, err
	}
	m := concurrency.NewMutex(s, "/lock/")
	if err := m.Lock(ctx); err != nil {
		s.Close()
		return nil, err
	}
	return func() {
		m.Unlock(context.Background())
		s.Close()
	}, nil
}

type locker struct {
	s  *concurrency.Session
	mu *concurrency.Mutex
}

func newLocker(cli *clientv3.Client) (*locker, error) {
	s, err := concurrency.NewSession(cli) // want `it is stored in locker.s, which nothing in this package closes`
	if err != nil {
		return nil, err
	}
	return &locker{s: s, mu: concurrency.NewMutex(s, "/l/")}, nil
}

func (l *locker) Unlock(ctx context.Context) error { return l.mu.Unlock(ctx) }
