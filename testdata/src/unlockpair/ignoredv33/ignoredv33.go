// Package ignoredv33 is UP6 on the v3.3 import paths.
package ignoredv33

import (
	"context"

	"github.com/coreos/etcd/clientv3/concurrency"
	recipe "github.com/coreos/etcd/contrib/recipes"
)

func work() error { return nil }

func lock(ctx context.Context, s *concurrency.Session) error {
	m := concurrency.NewMutex(s, "/lock/")
	_ = m.Lock(ctx) // want `the error of m.Lock is ignored`
	defer m.Unlock(context.Background())
	return work()
}

func lockFixed(ctx context.Context, s *concurrency.Session) error {
	m := concurrency.NewMutex(s, "/lock/")
	if err := m.Lock(ctx); err != nil {
		return err
	}
	defer m.Unlock(context.Background())
	return work()
}

func rw(s *concurrency.Session) error {
	rw := recipe.NewRWMutex(s, "/rw/")
	rw.RLock() // want `the error of rw.RLock is ignored`
	defer rw.RUnlock()
	return work()
}

func campaign(ctx context.Context, s *concurrency.Session) error {
	e := concurrency.NewElection(s, "/leader/")
	e.Campaign(ctx, "me") // want `the error of e.Campaign is ignored`
	defer e.Resign(context.Background())
	return work()
}
