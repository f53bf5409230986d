package c02

// Lock helpers, unlock funcs, generics.

import (
	"context"
	"time"

	clientv3 "go.etcd.io/etcd/client/v3"
	"go.etcd.io/etcd/client/v3/concurrency"
)

type unlocker func()

func lock(ctx context.Context, s *concurrency.Session, key string) (unlocker, error) {
	m := concurrency.NewMutex(s, key)
	if err := m.Lock(ctx); err != nil {
		return nil, err
	}
	return func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		m.Unlock(ctx)
	}, nil
}

func UseLock(ctx context.Context, s *concurrency.Session) error {
	unlock, err := lock(ctx, s, "/a")
	if err != nil {
		return err
	}
	defer unlock()
	return nil
}

// OK: generic helper running fn under the lock.
func WithLock[T any](ctx context.Context, s *concurrency.Session, key string, fn func() (T, error)) (T, error) {
	var zero T
	m := concurrency.NewMutex(s, key)
	if err := m.Lock(ctx); err != nil {
		return zero, err
	}
	defer m.Unlock(context.Background())
	return fn()
}

func UseWithLock(ctx context.Context, s *concurrency.Session) (int, error) {
	return WithLock(ctx, s, "/k", func() (int, error) { return 1, nil })
}

// OK: lock returned as a value with a Release method.
type Lock struct{ m *concurrency.Mutex }

func (l *Lock) Release(ctx context.Context) error { return l.m.Unlock(ctx) }

func Acquire(ctx context.Context, s *concurrency.Session, key string) (*Lock, error) {
	m := concurrency.NewMutex(s, key)
	if err := m.Lock(ctx); err != nil {
		return nil, err
	}
	return &Lock{m: m}, nil
}

func UseAcquire(ctx context.Context, s *concurrency.Session) error {
	l, err := Acquire(ctx, s, "/k")
	if err != nil {
		return err
	}
	defer l.Release(context.Background())
	return nil
}

// OK: unlock by a method value stored in a variable and deferred later.
func MethodValue(ctx context.Context, s *concurrency.Session) error {
	m := concurrency.NewMutex(s, "/k")
	if err := m.Lock(ctx); err != nil {
		return err
	}
	unlock := m.Unlock
	defer unlock(context.Background())
	return nil
}

// OK: lock and unlock in a select loop; break on ctx.
func Loop(ctx context.Context, s *concurrency.Session, ticks <-chan time.Time) error {
	m := concurrency.NewMutex(s, "/k")
	for {
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-ticks:
			if err := m.Lock(ctx); err != nil {
				continue
			}
			work()
			if err := m.Unlock(context.Background()); err != nil {
				return err
			}
		}
	}
}

func work() {}

// OK: TryLock with switch.
func Try(ctx context.Context, s *concurrency.Session) (bool, error) {
	m := concurrency.NewMutex(s, "/k")
	err := m.TryLock(ctx)
	switch {
	case err == nil:
		defer m.Unlock(context.Background())
		work()
		return true, nil
	case err == concurrency.ErrLocked:
		return false, nil
	default:
		return false, err
	}
}

// OK: TryLock retry loop w/ backoff.
func TryRetry(ctx context.Context, s *concurrency.Session) error {
	m := concurrency.NewMutex(s, "/k")
	var err error
	for i := 0; i < 3; i++ {
		err = m.TryLock(ctx)
		if err != concurrency.ErrLocked {
			break
		}
		time.Sleep(time.Second)
	}
	if err != nil {
		return err
	}
	defer m.Unlock(context.Background())
	return nil
}

// OK: lock in a closure passed to a generic "do" helper.
func do(f func() error) error { return f() }

func ClosureLock(ctx context.Context, s *concurrency.Session) error {
	m := concurrency.NewMutex(s, "/k")
	return do(func() error {
		if err := m.Lock(ctx); err != nil {
			return err
		}
		defer m.Unlock(context.Background())
		return nil
	})
}

// OK: multiple mutexes, unlock in reverse order in deferred closure.
func Multi(ctx context.Context, s *concurrency.Session, keys []string) error {
	ms := make([]*concurrency.Mutex, 0, len(keys))
	defer func() {
		for i := len(ms) - 1; i >= 0; i-- {
			ms[i].Unlock(context.Background())
		}
	}()
	for _, k := range keys {
		m := concurrency.NewMutex(s, k)
		if err := m.Lock(ctx); err != nil {
			return err
		}
		ms = append(ms, m)
	}
	return nil
}

// OK: map of held locks.
type Locks struct{ held map[string]*concurrency.Mutex }

func (l *Locks) Lock(ctx context.Context, s *concurrency.Session, k string) error {
	m := concurrency.NewMutex(s, k)
	if err := m.Lock(ctx); err != nil {
		return err
	}
	l.held[k] = m
	return nil
}

// OK: session closed by client Close? (client from param)  -- new cli here
func OwnClient(cfg clientv3.Config) error {
	cli, err := clientv3.New(cfg)
	if err != nil {
		return err
	}
	defer cli.Close()
	s, err := concurrency.NewSession(cli)
	if err != nil {
		return err
	}
	_ = s
	return nil
}
