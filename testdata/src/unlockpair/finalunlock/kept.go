package finalunlock

import (
	"context"
	"log"

	"go.etcd.io/etcd/client/v3/concurrency"
)

// Where moving the final Unlock into a defer is not provably the same, no
// fix is offered, and the message names the return to fix.

// The final Unlock's error is used before the function returns.
func resultUsed(ctx context.Context, s *concurrency.Session, valid bool) error {
	m := concurrency.NewMutex(s, "/lock/")
	if err := m.Lock(ctx); err != nil { // want `the function returns at kept.go:20 without unlocking it, so .*; unlock it before that return, or defer m.Unlock with a fresh context after the error check`
		return err
	}
	if !valid {
		return errInvalid
	}
	err := m.Unlock(ctx)
	log.Print(err)
	return err
}

func resultUsedFixed(ctx context.Context, s *concurrency.Session, valid bool) error {
	m := concurrency.NewMutex(s, "/lock/")
	if err := m.Lock(ctx); err != nil {
		return err
	}
	if !valid {
		m.Unlock(context.Background())
		return errInvalid
	}
	err := m.Unlock(ctx)
	log.Print(err)
	return err
}

// The Unlock is the last thing run, but not the body's last statement.
func nested(ctx context.Context, s *concurrency.Session, valid, verbose bool) error {
	m := concurrency.NewMutex(s, "/lock/")
	if err := m.Lock(ctx); err != nil { // want `returns at kept.go:48 without unlocking it, so .*; unlock it before that return`
		return err
	}
	if !valid {
		return errInvalid
	}
	if verbose {
		log.Print("done")
		return m.Unlock(ctx)
	}
	return m.Unlock(ctx)
}

// A defer registered after the lock would run before the moved Unlock,
// inside the critical section instead of after it.
func deferAfter(ctx context.Context, s *concurrency.Session, valid bool) error {
	m := concurrency.NewMutex(s, "/lock/")
	if err := m.Lock(ctx); err != nil { // want `returns at kept.go:66 without unlocking it, so .*; unlock it before that return`
		return err
	}
	defer log.Print("leaving")
	if !valid {
		return errInvalid
	}
	return m.Unlock(ctx)
}

// The Unlock's error is one result of several.
func twoResults(ctx context.Context, s *concurrency.Session, valid bool) (int, error) {
	m := concurrency.NewMutex(s, "/lock/")
	if err := m.Lock(ctx); err != nil { // want `returns at kept.go:78 without unlocking it, so .*; unlock it before that return`
		return 0, err
	}
	if !valid {
		return 0, errInvalid
	}
	return 1, m.Unlock(ctx)
}

// A comment shares the Unlock's line: deleting the line would delete it.
func commented(ctx context.Context, s *concurrency.Session, valid bool) {
	m := concurrency.NewMutex(s, "/lock/")
	if err := m.Lock(ctx); err != nil { // want `returns at kept.go:90 without unlocking it, so .*; unlock it before that return`
		return
	}
	if !valid {
		return
	}
	m.Unlock(ctx) // the key goes
}

// The lock is taken inside a branch: the end is reached also without it.
func lockedInBranch(ctx context.Context, s *concurrency.Session, want, valid bool) error {
	m := concurrency.NewMutex(s, "/lock/")
	if want {
		if err := m.Lock(ctx); err != nil { // want `returns at kept.go:103 without unlocking it, so .*; unlock it before that return`
			return err
		}
		if !valid {
			return errInvalid
		}
	}
	return m.Unlock(ctx)
}
