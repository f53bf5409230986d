// Package sc1: sessions kept where something closes them; SC1's
// unclosable form must stay silent on all of them.
package sc1

import (
	"context"
	"sync"

	clientv3 "go.etcd.io/etcd/client/v3"
	"go.etcd.io/etcd/client/v3/concurrency"
)

// A registry that owns its client: Close resigns and closes the client,
// which ends the session with it.
type Registry struct {
	cli  *clientv3.Client
	sess *concurrency.Session
	e    *concurrency.Election
}

func (r *Registry) start(ctx context.Context, id string) error {
	s, err := concurrency.NewSession(r.cli, concurrency.WithTTL(10))
	if err != nil {
		return err
	}
	r.sess = s
	r.e = concurrency.NewElection(s, "/svc/leader")
	return r.e.Campaign(ctx, id)
}

func (r *Registry) Close() error {
	r.e.Resign(context.Background())
	return r.cli.Close()
}

// The session is closed in a deferred closure of Close, once.
type Lock struct {
	once sync.Once
	sess *concurrency.Session
	m    *concurrency.Mutex
}

func (l *Lock) init(cli *clientv3.Client) error {
	s, err := concurrency.NewSession(cli)
	if err != nil {
		return err
	}
	l.sess = s
	l.m = concurrency.NewMutex(s, "/lock")
	return nil
}

func (l *Lock) Close() error {
	var err error
	l.once.Do(func() {
		defer func() { err = l.sess.Close() }()
		err = l.m.Unlock(context.Background())
	})
	return err
}

// A lock helper that returns the session's Close with the Mutex.
func lock(ctx context.Context, cli *clientv3.Client, key string) (*concurrency.Mutex, func() error, error) {
	s, err := concurrency.NewSession(cli)
	if err != nil {
		return nil, nil, err
	}
	m := concurrency.NewMutex(s, key)
	if err := m.Lock(ctx); err != nil {
		s.Close()
		return nil, nil, err
	}
	return m, s.Close, nil
}

// The session ends with the context through AfterFunc.
func lockFor(ctx context.Context, cli *clientv3.Client, key string) (*concurrency.Mutex, error) {
	s, err := concurrency.NewSession(cli)
	if err != nil {
		return nil, err
	}
	context.AfterFunc(ctx, func() { s.Close() })
	m := concurrency.NewMutex(s, key)
	return m, m.Lock(ctx)
}

// Sessions kept per key, closed by Close.
type Locks struct {
	cli  *clientv3.Client
	mu   sync.Mutex
	sess map[string]*concurrency.Session
}

func (l *Locks) get(ctx context.Context, key string) (*concurrency.Mutex, error) {
	s, err := concurrency.NewSession(l.cli)
	if err != nil {
		return nil, err
	}
	l.mu.Lock()
	l.sess[key] = s
	l.mu.Unlock()
	return concurrency.NewMutex(s, key), nil
}

func (l *Locks) Close() {
	l.mu.Lock()
	defer l.mu.Unlock()
	for _, s := range l.sess {
		s.Close()
	}
}

// A swap: the old session is closed when a new one replaces it.
type Leader struct {
	sess *concurrency.Session
	e    *concurrency.Election
}

func (l *Leader) renew(cli *clientv3.Client) error {
	s, err := concurrency.NewSession(cli)
	if err != nil {
		return err
	}
	old := l.sess
	l.sess = s
	l.e = concurrency.NewElection(s, "/leader")
	if old != nil {
		old.Close()
	}
	return nil
}

func (l *Leader) Stop() { l.e.Resign(context.Background()) }

// The session stays with the struct that the helper returns, whose Close
// closes it.
type held struct {
	s *concurrency.Session
	m *concurrency.Mutex
}

func (h *held) Close() error {
	defer h.s.Close()
	return h.m.Unlock(context.Background())
}

func acquire(ctx context.Context, cli *clientv3.Client, key string) (*held, error) {
	s, err := concurrency.NewSession(cli)
	if err != nil {
		return nil, err
	}
	m := concurrency.NewMutex(s, key)
	if err := m.Lock(ctx); err != nil {
		s.Close()
		return nil, err
	}
	return &held{s: s, m: m}, nil
}
