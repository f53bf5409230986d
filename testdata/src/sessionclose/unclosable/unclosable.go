// Package unclosable covers SC1's unclosable hand-off (issue 17): a session
// handed on only inside a Mutex, Election, Locker or RWMutex made from it,
// or in closures and structs that hold only those. None of them has a
// method that reaches the session, so nobody can ever close it.
package unclosable

import (
	"context"
	"time"

	clientv3 "go.etcd.io/etcd/client/v3"
	"go.etcd.io/etcd/client/v3/concurrency"
	recipe "go.etcd.io/etcd/client/v3/experimental/recipes"
)

// A lock helper: the error path leaks the session (the path search says
// so), and the success path hands it on inside the Mutex alone.
func lock(ctx context.Context, cli *clientv3.Client, key string) (*concurrency.Mutex, error) {
	s, err := concurrency.NewSession(cli) // want `session from concurrency.NewSession leaks: the function returns at unclosable.go:25 without closing it, .*; and where it is handed on, it is reachable only through the Mutex returned at unclosable.go:27, which cannot close it, so every successful call also leaves one such session`
	if err != nil {
		return nil, err
	}
	m := concurrency.NewMutex(s, key)
	if err := m.Lock(ctx); err != nil {
		return nil, err
	}
	return m, nil
}

// The error path closes it; the success path still cannot.
func lockClosingOnError(ctx context.Context, cli *clientv3.Client, key string) (*concurrency.Mutex, error) {
	s, err := concurrency.NewSession(cli) // want `session from concurrency.NewSession can never be closed: it is reachable only through the Mutex returned at unclosable.go:41, which cannot close it, so every successful call leaves a session whose keepalive goroutines refresh the lease for as long as the client lives and keys bound to it \(locks\) stay; hand the session on with it \(return it, or keep it where the unlock can close it\) and close it when the lock is released`
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

// Fixed: the session goes back with the Mutex, and the caller closes it.
func lockFixed(ctx context.Context, cli *clientv3.Client, key string) (*concurrency.Session, *concurrency.Mutex, error) {
	s, err := concurrency.NewSession(cli)
	if err != nil {
		return nil, nil, err
	}
	m := concurrency.NewMutex(s, key)
	if err := m.Lock(ctx); err != nil {
		s.Close()
		return nil, nil, err
	}
	return s, m, nil
}

// An unlock func that unlocks and cancels a context, and does not even
// capture the session.
func lockFunc(ctx context.Context, cli *clientv3.Client, key string) (func(), error) {
	s, err := concurrency.NewSession(cli) // want `can never be closed: it is reachable only through the closure returned at unclosable.go:72, which holds only the Mutex, and a Mutex cannot close it`
	if err != nil {
		return nil, err
	}
	m := concurrency.NewMutex(s, key)
	lctx, cancel := context.WithTimeout(ctx, time.Second)
	if err := m.Lock(lctx); err != nil {
		cancel()
		s.Close()
		return nil, err
	}
	return func() {
		m.Unlock(context.Background())
		cancel()
	}, nil
}

// Fixed: the unlock func closes the session too.
func lockFuncFixed(ctx context.Context, cli *clientv3.Client, key string) (func(), error) {
	s, err := concurrency.NewSession(cli)
	if err != nil {
		return nil, err
	}
	m := concurrency.NewMutex(s, key)
	if err := m.Lock(ctx); err != nil {
		s.Close()
		return nil, err
	}
	return func() {
		m.Unlock(context.Background())
		s.Close()
	}, nil
}

func elect(ctx context.Context, cli *clientv3.Client) (*concurrency.Election, error) {
	s, err := concurrency.NewSession(cli) // want `reachable only through the Election returned at unclosable.go:105, which cannot close it`
	if err != nil {
		return nil, err
	}
	e := concurrency.NewElection(s, "/leader/")
	if err := e.Campaign(ctx, "me"); err != nil {
		s.Close()
		return nil, err
	}
	return e, nil
}

// A handle that keeps only the lock.
type rwHandle struct{ rw *recipe.RWMutex }

func (h *rwHandle) Unlock() error { return h.rw.Unlock() }

func lockHandle(cli *clientv3.Client) (*rwHandle, error) {
	s, err := concurrency.NewSession(cli) // want `reachable only through the rwHandle returned at unclosable.go:123, which holds only the RWMutex, and an RWMutex cannot close it`
	if err != nil {
		return nil, err
	}
	rw := recipe.NewRWMutex(s, "/rw/")
	if err := rw.Lock(); err != nil {
		s.Close()
		return nil, err
	}
	return &rwHandle{rw: rw}, nil
}

// Fixed: the handle keeps the session and closes it.
type handleFixed struct {
	s *concurrency.Session
	m *concurrency.Mutex
}

func (h *handleFixed) Unlock(ctx context.Context) error {
	defer h.s.Close()
	return h.m.Unlock(ctx)
}

func lockHandleFixed(ctx context.Context, cli *clientv3.Client) (*handleFixed, error) {
	s, err := concurrency.NewSession(cli)
	if err != nil {
		return nil, err
	}
	m := concurrency.NewMutex(s, "/lock/")
	if err := m.Lock(ctx); err != nil {
		s.Close()
		return nil, err
	}
	return &handleFixed{s: s, m: m}, nil
}

// Silent: a session made WithContext ends with that ctx, which the caller
// may cancel.
func withContext(ctx context.Context, cli *clientv3.Client) (*concurrency.Mutex, error) {
	s, err := concurrency.NewSession(cli, concurrency.WithContext(ctx))
	if err != nil {
		return nil, err
	}
	return concurrency.NewMutex(s, "/lock/"), nil
}

// Silent: the client is this function's, and the returned func closes it.
func ownClient(cfg clientv3.Config) (*concurrency.Mutex, func(), error) {
	cli, err := clientv3.New(cfg)
	if err != nil {
		return nil, nil, err
	}
	s, err := concurrency.NewSession(cli)
	if err != nil {
		cli.Close()
		return nil, nil, err
	}
	return concurrency.NewMutex(s, "/lock/"), func() { cli.Close() }, nil
}

// Silent: the mutex goes to code the check cannot see.
func handedToUnknown(cli *clientv3.Client, hook func(*concurrency.Mutex)) (*concurrency.Mutex, error) {
	s, err := concurrency.NewSession(cli)
	if err != nil {
		return nil, err
	}
	m := concurrency.NewMutex(s, "/lock/")
	hook(m)
	return m, nil
}

// Silent: closed before the mutex is returned (odd, but nothing leaks).
func closedFirst(cli *clientv3.Client) (*concurrency.Mutex, error) {
	s, err := concurrency.NewSession(cli)
	if err != nil {
		return nil, err
	}
	defer s.Close()
	return concurrency.NewMutex(s, "/lock/"), nil
}

// Silent: a leader kept for the life of the process, in a field.
type service struct{ e *concurrency.Election }

func (sv *service) start(cli *clientv3.Client) error {
	s, err := concurrency.NewSession(cli)
	if err != nil {
		return err
	}
	sv.e = concurrency.NewElection(s, "/leader/")
	return nil
}
