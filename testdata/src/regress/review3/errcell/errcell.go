// Package errcell is correct code whose acquire errors live in variables
// the tests load (issue 13, classes 6 and 5(e)): an err a deferred
// tracing closure captures, a named result, a field of the receiver.
// Every analyzer must stay silent.
package errcell

import (
	"context"
	"fmt"
	"time"

	clientv3 "go.etcd.io/etcd/client/v3"
	"go.etcd.io/etcd/client/v3/concurrency"
)

type span interface{ End(err error) }

func withLock(sp span, ctx context.Context, cli *clientv3.Client, pfx string, work func() error) error {
	s, err := concurrency.NewSession(cli)
	defer func() { sp.End(err) }()
	if err != nil {
		return err
	}
	defer s.Close()
	m := concurrency.NewMutex(s, pfx)
	if err = m.Lock(ctx); err != nil {
		return fmt.Errorf("lock %s: %w", pfx, err)
	}
	defer func() {
		uctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_ = m.Unlock(uctx)
	}()
	err = work()
	return err
}

type locker struct {
	m      *concurrency.Mutex
	status struct{ err error }
}

func (l *locker) Lock(sp span, ctx context.Context) (err error) {
	defer func() {
		if err != nil {
			err = fmt.Errorf("locker: %w", err)
		}
		sp.End(err)
	}()
	err = l.m.Lock(ctx)
	return err
}

func (l *locker) TryLock(ctx context.Context) error {
	l.status.err = l.m.TryLock(ctx)
	if l.status.err != nil {
		return l.status.err
	}
	return nil
}
