// Package seed is the README's handler with every bug at once, for
// analyzers/fixpoint_test.go: the fixes of all analyzers, applied
// together, must give seed.go.golden and leave no finding behind. No
// single analyzer's test reads it, so it has no want comments; the
// findings are SC1 (the session), CT1 (the discarded cancel), UP1 (the
// early return with the lock held) and CT4 (the final Unlock with the
// Lock's deadline), which UP1's fix removes with the Unlock it moves.
package seed

import (
	"context"
	"time"

	clientv3 "go.etcd.io/etcd/client/v3"
	"go.etcd.io/etcd/client/v3/concurrency"
)

func handle(cli *clientv3.Client, order string) error {
	s, err := concurrency.NewSession(cli)
	if err != nil {
		return err
	}
	m := concurrency.NewMutex(s, "/orders-lock/")
	ctx, _ := context.WithTimeout(context.Background(), 5*time.Second)
	if err := m.Lock(ctx); err != nil {
		return err
	}
	if _, err := cli.Put(ctx, "/orders/"+order, "new"); err != nil {
		return err
	}
	return m.Unlock(ctx)
}

// The slip of the hand, with a deadline on the Lock: UP5's fix must not
// trade UP5 for a CT4.
func slip(cli *clientv3.Client, s *concurrency.Session) error {
	m := concurrency.NewMutex(s, "/orders-lock/")
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := m.Lock(ctx); err != nil {
		return err
	}
	defer m.Lock(ctx)
	_, err := cli.Put(ctx, "/orders/x", "new")
	return err
}
