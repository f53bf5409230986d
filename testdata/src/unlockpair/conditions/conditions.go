// Package conditions covers a lock taken and released under the same
// condition, one that cannot change while the function runs.
package conditions

import (
	"context"
	"log"

	"go.etcd.io/etcd/client/v3/concurrency"
)

func lockIf(ctx context.Context, s *concurrency.Session, need bool) error {
	m := concurrency.NewMutex(s, "/l/")
	if need {
		if err := m.Lock(ctx); err != nil {
			return err
		}
	}
	log.Print("work")
	if need {
		return m.Unlock(context.Background())
	}
	return nil
}

// The negation, and a length computed twice.
func lockUnless(ctx context.Context, s *concurrency.Session, skip bool, keys []string) error {
	m := concurrency.NewMutex(s, "/l/")
	if !skip && len(keys) > 0 {
		if err := m.Lock(ctx); err != nil {
			return err
		}
	}
	log.Print("work")
	if skip || len(keys) == 0 {
		return nil
	}
	return m.Unlock(context.Background())
}

// Another condition decides the unlock: when need && !release it leaks.
func lockIfOther(ctx context.Context, s *concurrency.Session, need, release bool) error {
	m := concurrency.NewMutex(s, "/l/")
	if need {
		if err := m.Lock(ctx); err != nil { // want `returns at conditions.go:52 without unlocking it`
			return err
		}
	}
	if release {
		return m.Unlock(context.Background())
	}
	return nil
}

// The opposite condition: the unlock never runs after the lock.
func lockIfInverted(ctx context.Context, s *concurrency.Session, need bool) error {
	m := concurrency.NewMutex(s, "/l/")
	if need {
		if err := m.Lock(ctx); err != nil { // want `returns at conditions.go:66 without unlocking it`
			return err
		}
	}
	if !need {
		return m.Unlock(context.Background())
	}
	return nil
}

// A field loaded twice may change in between (another goroutine, a call):
// not a condition the path can rely on.
type opts struct{ locking bool }

func lockIfField(ctx context.Context, s *concurrency.Session, o *opts) error {
	m := concurrency.NewMutex(s, "/l/")
	if o.locking {
		if err := m.Lock(ctx); err != nil { // want `returns at conditions.go:84 without unlocking it`
			return err
		}
	}
	log.Print("work")
	if o.locking {
		return m.Unlock(context.Background())
	}
	return nil
}
