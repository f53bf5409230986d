// Package errcell covers a Lock's error kept in a variable the function's
// tests load rather than in a register: an err a closure captures (the
// tracing idiom), a named result, a field of the receiver's struct.
package errcell

import (
	"context"
	"fmt"

	clientv3 "go.etcd.io/etcd/client/v3"
	"go.etcd.io/etcd/client/v3/concurrency"
)

type span interface{ End(err error) }

// The deferred closure makes err a heap cell; `if err != nil` still tests
// the Lock's error, and its branch holds nothing.
func traced(sp span, s *concurrency.Session) error {
	m := concurrency.NewMutex(s, "/l/")
	err := m.Lock(context.TODO())
	defer func() { sp.End(err) }()
	if err != nil {
		return err
	}
	return m.Unlock(context.TODO())
}

func tracedLeak(sp span, s *concurrency.Session) error {
	m := concurrency.NewMutex(s, "/l/")
	err := m.Lock(context.TODO()) // want `returns at errcell.go:35 without unlocking it`
	defer func() { sp.End(err) }()
	if err != nil {
		return err
	}
	return nil
}

// NewSession and Lock share the captured err.
func sessionAndLock(sp span, cli *clientv3.Client) error {
	s, err := concurrency.NewSession(cli)
	defer func() { sp.End(err) }()
	if err != nil {
		return err
	}
	defer s.Close()
	m := concurrency.NewMutex(s, "/l/")
	if err = m.Lock(context.TODO()); err != nil {
		return err
	}
	return m.Unlock(context.TODO())
}

// Without the session's Close, the lock stays on the success return.
func sessionAndLockLeak(sp span, cli *clientv3.Client) error {
	s, err := concurrency.NewSession(cli)
	defer func() { sp.End(err) }()
	if err != nil {
		return err
	}
	m := concurrency.NewMutex(s, "/l/")
	if err = m.Lock(context.TODO()); err != nil { // want `returns at errcell.go:64 without unlocking it`
		return err
	}
	return nil
}

// A named result that a deferred closure reads and rewrites.
func named(s *concurrency.Session) (err error) {
	defer func() {
		if err != nil {
			err = fmt.Errorf("lock: %w", err)
		}
	}()
	m := concurrency.NewMutex(s, "/l/")
	if err = m.Lock(context.TODO()); err != nil {
		return err
	}
	return m.Unlock(context.TODO())
}

func namedLeak(s *concurrency.Session) (err error) {
	defer func() {
		if err != nil {
			err = fmt.Errorf("lock: %w", err)
		}
	}()
	m := concurrency.NewMutex(s, "/l/")
	if err = m.Lock(context.TODO()); err != nil { // want `returns at errcell.go:91 without unlocking it`
		return err
	}
	return nil
}

// A mutex owned elsewhere (a field) leaks only on a return of an error.
// Returning the Lock's own error, loaded from the captured variable, is
// not one: where it is non-nil, nothing is held.
type svc struct {
	m *concurrency.Mutex
}

func (x *svc) save() error { return nil }

func (x *svc) lockReturnsItsError(sp span, ctx context.Context) error {
	err := x.m.Lock(ctx)
	defer func() { sp.End(err) }()
	if err == nil {
		x.m = nil
	}
	return err
}

// A later `return err` below `if err != nil { ...; return err }` returns
// nil.
func (x *svc) lockThenSave(sp span, ctx context.Context) error {
	err := x.m.Lock(ctx)
	defer func() { sp.End(err) }()
	if err != nil {
		return err
	}
	err = x.save()
	if err != nil {
		x.m.Unlock(ctx)
		return err
	}
	return err
}

func (x *svc) lockThenSaveLeak(sp span, ctx context.Context) error {
	err := x.m.Lock(ctx) // want `returns an error at errcell.go:136 without unlocking it`
	defer func() { sp.End(err) }()
	if err != nil {
		return err
	}
	err = x.save()
	if err != nil {
		return err
	}
	return err
}

// The Lock's error kept in a field of the receiver's struct (issue 13,
// 5(e)), tested there.
type status struct{ err error }

type worker struct {
	m      *concurrency.Mutex
	status status
	name   string
}

func (w *worker) inField(ctx context.Context) error {
	w.status.err = w.m.Lock(ctx)
	if w.status.err != nil {
		return w.status.err
	}
	return nil
}

func (w *worker) inFieldLeak(ctx context.Context) error {
	w.status.err = w.m.Lock(ctx) // want `returns an error at errcell.go:165 without unlocking it`
	if w.status.err != nil {
		return w.status.err
	}
	if err := w.save(); err != nil {
		return err
	}
	return nil
}

func (w *worker) save() error { return nil }

// A local mutex, the error in a field of the receiver.
func (w *worker) localInField(ctx context.Context, s *concurrency.Session) error {
	m := concurrency.NewMutex(s, "/l/")
	w.status.err = m.Lock(ctx)
	if w.status.err != nil {
		return w.status.err
	}
	return m.Unlock(context.TODO())
}

func (w *worker) localInFieldLeak(ctx context.Context, s *concurrency.Session) error {
	m := concurrency.NewMutex(s, "/l/")
	w.status.err = m.Lock(ctx) // want `returns at errcell.go:188 without unlocking it`
	if w.status.err != nil {
		return w.status.err
	}
	return nil
}

// A call between the store and the test that could write w.status.err:
// the test may read another error, so neither branch is known to hold
// the lock. Silent.
func (w *worker) note() { w.name = "x" }

func (w *worker) inFieldRewritten(ctx context.Context) error {
	w.status.err = w.m.Lock(ctx)
	w.note()
	if w.status.err != nil {
		return w.status.err
	}
	return nil
}

// A named result a deferred closure captures, returned as it is: `return
// err` stores the variable its own load, still the Lock's error.
func (w *worker) namedReturn(sp span, ctx context.Context) (err error) {
	defer func() { sp.End(err) }()
	err = w.m.Lock(ctx)
	return err
}

func (w *worker) namedReturnLeak(sp span, ctx context.Context) (err error) {
	defer func() { sp.End(err) }()
	err = w.m.Lock(ctx) // want `returns an error at errcell.go:220 without unlocking it`
	if err != nil {
		return err
	}
	err = w.save()
	return err
}
