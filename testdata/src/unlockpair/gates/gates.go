// Package gates covers error checks that do not test the acquire's error
// directly: a wrapper that keeps nil as nil, and testify assertions that
// stop the test unless the acquire failed.
package gates

import (
	"context"
	"errors"
	"testing"

	pkgerrors "github.com/pkg/errors"
	"github.com/stretchr/testify/require"
	"go.etcd.io/etcd/client/v3/concurrency"
)

// The error branch of a wrapped error holds nothing.
func wrapped(ctx context.Context, s *concurrency.Session) error {
	m := concurrency.NewMutex(s, "/l/")
	if err := pkgerrors.Wrap(m.Lock(ctx), "lock"); err != nil {
		return err
	}
	return m.Unlock(context.Background())
}

// The success branch still needs the unlock.
func wrappedLeak(ctx context.Context, s *concurrency.Session) error {
	m := concurrency.NewMutex(s, "/l/")
	if err := pkgerrors.Wrap(m.Lock(ctx), "lock"); err != nil { // want `returns at gates.go:31 without unlocking it`
		return err
	}
	return nil
}

// require.Equal with a sentinel, require.True(errors.Is) and require.NotNil
// on the error stop the test unless TryLock failed.
func lockedEqual(t *testing.T, s *concurrency.Session) {
	m := concurrency.NewMutex(s, "/l/")
	err := m.TryLock(context.TODO())
	require.Equal(t, concurrency.ErrLocked, err)
}

func lockedIs(t *testing.T, s *concurrency.Session) {
	m := concurrency.NewMutex(s, "/l/")
	err := m.TryLock(context.TODO())
	require.True(t, errors.Is(err, concurrency.ErrLocked))
}

func lockFails(t *testing.T, s *concurrency.Session) {
	m := concurrency.NewMutex(s, "/l/")
	err := m.Lock(context.TODO())
	require.NotNil(t, err)
}

// require.Nil asserts success: the lock is held past it.
func lockedNil(t *testing.T, s *concurrency.Session) {
	m := concurrency.NewMutex(s, "/l/")
	err := m.TryLock(context.TODO()) // want `returns at gates.go:59 without unlocking it`
	require.Nil(t, err)
}

// The error kept in a field of a local struct and tested there.
type result struct{ err error }

func inField(ctx context.Context, s *concurrency.Session) error {
	m := concurrency.NewMutex(s, "/l/")
	var r result
	r.err = m.Lock(ctx)
	if r.err != nil {
		return r.err
	}
	return m.Unlock(context.Background())
}

func inFieldLeak(ctx context.Context, s *concurrency.Session) error {
	m := concurrency.NewMutex(s, "/l/")
	var r result
	r.err = m.Lock(ctx) // want `returns at gates.go:81 without unlocking it`
	if r.err != nil {
		return r.err
	}
	return nil
}
