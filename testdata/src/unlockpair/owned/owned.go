// Package owned covers locks the function was given: a mutex in a field
// or a parameter belongs to its owner, so returning with it held is the
// owner's business, except when the function returns an error, which tells
// the caller the lock was not taken.
package owned

import (
	"context"
	"errors"
	"fmt"
	"log"
	"time"

	clientv3 "go.etcd.io/etcd/client/v3"
	"go.etcd.io/etcd/client/v3/concurrency"
)

var errClosed = errors.New("closed")

type store struct {
	cli    *clientv3.Client
	mu     *concurrency.Mutex
	closed bool
}

// Acquire takes the lock for the caller, who calls Release.
func (st *store) Acquire(ctx context.Context) error {
	return st.mu.Lock(ctx)
}

func (st *store) Release(ctx context.Context) error {
	return st.mu.Unlock(ctx)
}

// Acquire, then a check that fails: the caller sees the error and never
// calls Release.
func (st *store) AcquireChecked(ctx context.Context) error {
	if err := st.mu.Lock(ctx); err != nil { // want `the lock taken by st.mu.Lock is not released on an error path: the function returns an error at owned.go:42 without unlocking it, and a caller that sees the error will not unlock it, so its key stays under the prefix and every other locker waits until the session's lease ends; unlock it before returning the error`
		return err
	}
	if st.closed {
		return errClosed
	}
	return nil
}

func (st *store) AcquireCheckedFixed(ctx context.Context) error {
	if err := st.mu.Lock(ctx); err != nil {
		return err
	}
	if st.closed {
		st.mu.Unlock(ctx)
		return errClosed
	}
	return nil
}

// The typical bug through a field: a failed Put between Lock and Unlock.
func (st *store) Update(ctx context.Context, v string) error {
	if err := st.mu.Lock(ctx); err != nil { // want `returns an error at owned.go:64 without unlocking it`
		return err
	}
	if _, err := st.cli.Put(ctx, "/config", v); err != nil {
		return fmt.Errorf("put: %w", err)
	}
	return st.mu.Unlock(ctx)
}

func (st *store) UpdateFixed(ctx context.Context, v string) error {
	if err := st.mu.Lock(ctx); err != nil {
		return err
	}
	defer st.mu.Unlock(context.Background())
	_, err := st.cli.Put(ctx, "/config", v)
	return err
}

// The unlock in a deferred closure that reads the field again.
func (st *store) UpdateClosure(ctx context.Context, v string) error {
	if err := st.mu.Lock(ctx); err != nil {
		return err
	}
	defer func() {
		if err := st.mu.Unlock(context.Background()); err != nil {
			log.Print(err)
		}
	}()
	_, err := st.cli.Put(ctx, "/config", v)
	return err
}

func (st *store) unlock() {
	if err := st.mu.Unlock(context.Background()); err != nil {
		log.Print(err)
	}
}

// The unlock in a method of the owner.
func (st *store) UpdateHelper(ctx context.Context, v string) error {
	if err := st.mu.Lock(ctx); err != nil {
		return err
	}
	defer st.unlock()
	_, err := st.cli.Put(ctx, "/config", v)
	return err
}

// A method of the owner that does not unlock.
func (st *store) touch() { st.closed = false }

func (st *store) UpdateWrongHelper(ctx context.Context, v string) error {
	if err := st.mu.Lock(ctx); err != nil { // want `returns an error at owned.go:117 without unlocking it`
		return err
	}
	defer st.touch()
	_, err := st.cli.Put(ctx, "/config", v)
	return err
}

// Returns the error of Put: the caller sees a failure whenever Put
// fails, and does not unlock.
func (st *store) PutLocked(ctx context.Context, v string) error {
	if err := st.mu.Lock(ctx); err != nil { // want `returns an error at owned.go:127 without unlocking it`
		return err
	}
	_, err := st.cli.Put(ctx, "/config", v)
	return err
}

// A function without an error result hands the lock back to its owner
// however it returns.
func (st *store) LockQuietly(ctx context.Context) {
	if err := st.mu.Lock(ctx); err != nil {
		log.Print(err)
	}
}

// A parameter: the caller owns it.
func lockParam(ctx context.Context, m *concurrency.Mutex) error {
	if err := m.Lock(ctx); err != nil {
		return fmt.Errorf("lock: %w", err)
	}
	return nil
}

func withLock(ctx context.Context, m *concurrency.Mutex, f func() error) error {
	if err := m.Lock(ctx); err != nil { // want `the lock taken by m.Lock is not released on an error path: the function returns an error at owned.go:150 without unlocking it`
		return err
	}
	return f()
}

func withLockFixed(ctx context.Context, m *concurrency.Mutex, f func() error) error {
	if err := m.Lock(ctx); err != nil {
		return err
	}
	defer m.Unlock(context.Background())
	return f()
}

// A retry loop: the error after the loop is the last TryLock's.
func tryHard(ctx context.Context, m *concurrency.Mutex) error {
	var err error
	for i := 0; i < 3; i++ {
		err = m.TryLock(ctx)
		if err == nil {
			break
		}
		time.Sleep(time.Second)
	}
	if err != nil {
		return err
	}
	return nil
}

// A struct embedding *Mutex gets Lock and Unlock by promotion.
type namedLock struct {
	*concurrency.Mutex
	name string
}

func (l *namedLock) Do(ctx context.Context, f func() error) error {
	if err := l.Lock(ctx); err != nil {
		return err
	}
	defer l.Unlock(context.Background())
	return f()
}

func (l *namedLock) DoLeaky(ctx context.Context, f func() error) error {
	if err := l.Lock(ctx); err != nil { // want `the lock taken by l.Lock is not released on an error path: the function returns an error at owned.go:196`
		return err
	}
	if err := f(); err != nil {
		return err
	}
	return l.Unlock(ctx)
}

// A closure locking a mutex of the enclosing function: that function owns
// it.
func closureLocks(ctx context.Context, s *concurrency.Session) error {
	m := concurrency.NewMutex(s, "/lock/")
	lock := func() error { return m.Lock(ctx) }
	if err := lock(); err != nil {
		return err
	}
	return m.Unlock(ctx)
}

type worker struct {
	mu *concurrency.Mutex
}

// The mutex is the worker's from the moment it is stored: Stop unlocks it.
func (w *worker) Start(ctx context.Context, s *concurrency.Session) error {
	m := concurrency.NewMutex(s, "/worker/")
	w.mu = m
	return m.Lock(ctx)
}

func (w *worker) StartChecked(ctx context.Context, s *concurrency.Session, ready func() bool) error {
	m := concurrency.NewMutex(s, "/worker/")
	w.mu = m
	if err := m.Lock(ctx); err != nil { // want `the lock taken by m.Lock is not released on an error path: the function returns an error at owned.go:230`
		return err
	}
	if !ready() {
		return errClosed
	}
	return nil
}
