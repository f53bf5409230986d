// Package unclosableopts: session options the helper does not write out
// may bind the session to a context its owner cancels
// (concurrency.WithContext), which ends the session; written-out options
// of etcd's own say what they are.
package unclosableopts

import (
	"context"

	clientv3 "go.etcd.io/etcd/client/v3"
	"go.etcd.io/etcd/client/v3/concurrency"
)

// Good: the caller's options may hold WithContext(ctx), and the caller
// cancels ctx when the lock is released.
func lockWith(ctx context.Context, cli *clientv3.Client, key string, opts ...concurrency.SessionOption) (*concurrency.Mutex, error) {
	s, err := concurrency.NewSession(cli, opts...)
	if err != nil {
		return nil, err
	}
	m := concurrency.NewMutex(s, key)
	if err := m.Lock(ctx); err != nil {
		s.Close()
		return nil, err
	}
	return m, nil
}

// Good: WithContext is among the options when a ctx is given.
func campaignWith(ctx context.Context, cli *clientv3.Client, ttl int, id string) (*concurrency.Election, error) {
	opts := []concurrency.SessionOption{concurrency.WithTTL(ttl)}
	if ctx != nil {
		opts = append(opts, concurrency.WithContext(ctx))
	}
	s, err := concurrency.NewSession(cli, opts...)
	if err != nil {
		return nil, err
	}
	e := concurrency.NewElection(s, "/leader")
	if err := e.Campaign(ctx, id); err != nil {
		s.Close()
		return nil, err
	}
	return e, nil
}

// Bad: the options are written out, and none ends the session.
func lockTTL(ctx context.Context, cli *clientv3.Client, key string, ttl int, id clientv3.LeaseID) (*concurrency.Mutex, error) {
	s, err := concurrency.NewSession(cli, concurrency.WithTTL(ttl), concurrency.WithLease(id)) // want `session from concurrency.NewSession can never be closed: it is reachable only through the Mutex returned at unclosableopts.go:58, which cannot close it`
	if err != nil {
		return nil, err
	}
	m := concurrency.NewMutex(s, key)
	if err := m.Lock(ctx); err != nil {
		s.Close()
		return nil, err
	}
	return m, nil
}
