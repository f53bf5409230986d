// Package revoke covers revoking the session's lease: etcd deletes every
// key bound to the lease, so every lock made from the session is released.
package revoke

import (
	"context"

	clientv3 "go.etcd.io/etcd/client/v3"
	"go.etcd.io/etcd/client/v3/concurrency"
)

func work(ctx context.Context) error { return nil }

func revokeDirect(ctx context.Context, cli *clientv3.Client, s *concurrency.Session) error {
	m := concurrency.NewMutex(s, "/lock")
	if err := m.Lock(ctx); err != nil {
		return err
	}
	err := work(ctx)
	s.Orphan()
	cli.Revoke(context.Background(), s.Lease())
	return err
}

func revokeDeferred(ctx context.Context, cli *clientv3.Client, s *concurrency.Session) error {
	m := concurrency.NewMutex(s, "/lock")
	if err := m.Lock(ctx); err != nil {
		return err
	}
	defer cli.Revoke(context.Background(), s.Lease())
	s.Orphan()
	return work(ctx)
}

func release(cli *clientv3.Client, s *concurrency.Session) {
	s.Orphan()
	cli.Revoke(context.Background(), s.Lease())
}

func revokeInHelper(ctx context.Context, cli *clientv3.Client, s *concurrency.Session) error {
	m := concurrency.NewMutex(s, "/lock")
	if err := m.Lock(ctx); err != nil {
		return err
	}
	defer release(cli, s)
	return work(ctx)
}

type worker struct {
	cli *clientv3.Client
	s   *concurrency.Session
}

func (w *worker) run(ctx context.Context) error {
	m := concurrency.NewMutex(w.s, "/lock")
	if err := m.Lock(ctx); err != nil {
		return err
	}
	defer w.cli.Revoke(context.Background(), w.s.Lease())
	return work(ctx)
}

// Bad twin: the lease is only read, to log it.
func leaseRead(ctx context.Context, cli *clientv3.Client, s *concurrency.Session) error {
	m := concurrency.NewMutex(s, "/lock")
	if err := m.Lock(ctx); err != nil { // want `the lock taken by m.Lock is not released: the function returns at revoke.go:70`
		return err
	}
	cli.TimeToLive(ctx, s.Lease())
	return work(ctx)
}

// Bad twin: another lease revoked.
func otherLease(ctx context.Context, cli *clientv3.Client, s *concurrency.Session, id clientv3.LeaseID) error {
	m := concurrency.NewMutex(s, "/lock")
	if err := m.Lock(ctx); err != nil { // want `the function returns at revoke.go:80`
		return err
	}
	defer cli.Revoke(context.Background(), id)
	return work(ctx)
}
