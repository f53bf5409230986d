package sc1

import (
	"context"

	clientv3 "go.etcd.io/etcd/client/v3"
	"go.etcd.io/etcd/client/v3/concurrency"
)

// The caller's options may bind the session to a context the caller
// cancels (concurrency.WithContext): the helper cannot tell.
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

// Options built up, WithContext among them when the caller gives a ctx.
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
