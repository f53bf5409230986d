// Package owner covers a lock or election and a session kept in fields of
// one struct: the engine cannot tell which session the election was made
// from, so a path that waits for the end of a session of the same owner
// has seen the lease go, and the key with it.
package owner

import (
	"context"
	"errors"

	"go.etcd.io/etcd/client/v3/concurrency"
)

var errLost = errors.New("leadership lost")

type candidate struct {
	s *concurrency.Session
	e *concurrency.Election
}

// Loaded from separate fields: the session's end ends the leadership.
func (c *candidate) lead(ctx context.Context, stop <-chan struct{}) error {
	s, e := c.s, c.e
	if err := e.Campaign(ctx, "me"); err != nil {
		return err
	}
	select {
	case <-s.Done():
		return errLost
	case <-stop:
		return e.Resign(context.Background())
	}
}

// Bad twin: the error return runs before anything waits for the session.
func (c *candidate) leadEarly(ctx context.Context, ready func() bool) error {
	s, e := c.s, c.e
	if err := e.Campaign(ctx, "me"); err != nil { // want `the leadership won by e.Campaign is not released on an error path: the function returns an error at owner.go:42`
		return err
	}
	if !ready() {
		return errLost
	}
	<-s.Done()
	return errLost
}

type locker struct {
	session *concurrency.Session
	mu      *concurrency.Mutex
}

// The same with a mutex, read through the receiver each time.
func (l *locker) hold(ctx context.Context) error {
	if err := l.mu.Lock(ctx); err != nil {
		return err
	}
	<-l.session.Done()
	return errLost
}

// A session of another owner says nothing about this lock.
func (l *locker) holdOther(ctx context.Context, other *locker) error {
	if err := l.mu.Lock(ctx); err != nil { // want `returns an error at owner.go:68`
		return err
	}
	<-other.session.Done()
	return errLost
}
