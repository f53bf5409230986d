package c09

import (
	"context"
	"fmt"

	"go.etcd.io/etcd/client/v3/concurrency"
)

type L struct {
	m      *concurrency.Mutex
	e      *concurrency.Election
	held   bool
	onLock func() error
}

// OK: naked return of named err, nil on success path.
func (l *L) Lock1(ctx context.Context) (err error) {
	err = l.m.Lock(ctx)
	if err != nil {
		return
	}
	l.held = true
	return
}

// OK: err returned after conditional bookkeeping.
func (l *L) Lock2(ctx context.Context) error {
	err := l.m.Lock(ctx)
	if err == nil {
		l.held = true
	}
	return err
}

// OK: wrapped return only on error.
func (l *L) Lock3(ctx context.Context) error {
	if err := l.m.Lock(ctx); err != nil {
		return fmt.Errorf("lock: %w", err)
	}
	return nil
}

// OK: error var reassigned to nil explicitly
func (l *L) Lock4(ctx context.Context) error {
	var err error
	for i := 0; i < 3; i++ {
		if err = l.m.Lock(ctx); err == nil {
			break
		}
	}
	return err
}

// OK: (bool, error)
func (l *L) TryLock(ctx context.Context) (bool, error) {
	err := l.m.TryLock(ctx)
	switch err {
	case nil:
		return true, nil
	case concurrency.ErrLocked:
		return false, nil
	}
	return false, err
}

// OK: Campaign then unlock on failure of a follow-up step.
func (l *L) Lead(ctx context.Context) error {
	if err := l.e.Campaign(ctx, "me"); err != nil {
		return err
	}
	if err := l.onLock(); err != nil {
		_ = l.e.Resign(context.Background())
		return err
	}
	return nil
}

// OK: error returned from deferred check through named result.
func (l *L) Lock5(ctx context.Context) (err error) {
	defer func() {
		if err != nil {
			l.m.Unlock(context.Background())
		}
	}()
	if err = l.m.Lock(ctx); err != nil {
		return err
	}
	return l.onLock()
}

// OK: lock err in a struct result
type result struct {
	ok  bool
	err error
}

func (l *L) Lock6(ctx context.Context) result {
	if err := l.m.Lock(ctx); err != nil {
		return result{err: err}
	}
	return result{ok: true}
}

// OK: returns ctx.Err() when the ctx is already done? (after success) -- questionable: skip
// OK: return err from Lock directly.
func (l *L) Lock7(ctx context.Context) error {
	return l.m.Lock(ctx)
}

// OK: if/else form
func (l *L) Lock8(ctx context.Context) error {
	if err := l.m.Lock(ctx); err != nil {
		return err
	} else {
		l.held = true
	}
	return nil
}

// OK: errors.Join of nil
func (l *L) Lock9(ctx context.Context) error {
	err := l.m.Lock(ctx)
	if err != nil {
		return fmt.Errorf("x: %w", err)
	}
	var errs error
	return errs
}
