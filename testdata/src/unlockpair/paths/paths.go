// Package paths covers hand-offs and defers that run on one path only:
// they say nothing about the paths that do not run them.
package paths

import (
	"context"
	"errors"
	"time"

	"go.etcd.io/etcd/client/v3/concurrency"
)

var errBusy = errors.New("busy")

type leader struct {
	m *concurrency.Mutex
}

// One arm defers an unrelated cancel and unlocks; another returns an
// error with the lock held.
func (l *leader) Step(ctx context.Context, mode int) (string, error) {
	if err := l.m.Lock(ctx); err != nil { // want `the lock taken by l.m.Lock is not released on an error path: the function returns an error at paths.go:31`
		return "", err
	}
	switch mode {
	case 0:
		uctx, cancel := context.WithTimeout(context.Background(), time.Second)
		defer cancel()
		return l.m.Key(), l.m.Unlock(uctx)
	case 1:
		return "", errBusy
	}
	return l.m.Key(), nil
}

// Without the defer it was already reported.
func (l *leader) StepNoDefer(ctx context.Context, mode int) (string, error) {
	if err := l.m.Lock(ctx); err != nil { // want `returns an error at paths.go:45`
		return "", err
	}
	switch mode {
	case 0:
		return l.m.Key(), l.m.Unlock(context.Background())
	case 1:
		return "", errBusy
	}
	return l.m.Key(), nil
}

func (l *leader) StepFixed(ctx context.Context, mode int) (string, error) {
	if err := l.m.Lock(ctx); err != nil {
		return "", err
	}
	switch mode {
	case 0:
		uctx, cancel := context.WithTimeout(context.Background(), time.Second)
		defer cancel()
		return l.m.Key(), l.m.Unlock(uctx)
	case 1:
		l.m.Unlock(context.Background())
		return "", errBusy
	}
	return l.m.Key(), nil
}

// A hand-off of the key on one arm, an error return with the lock on the
// other: the local mutex is the function's own.
func handOff(ctx context.Context, s *concurrency.Session, keys chan<- string, mode int) error {
	m := concurrency.NewMutex(s, "/lock")
	if err := m.Lock(ctx); err != nil { // want `the lock taken by m.Lock is not released: the function returns at paths.go:77`
		return err
	}
	if mode == 0 {
		keys <- m.Key()
		return nil
	}
	return errBusy
}

func handOffFixed(ctx context.Context, s *concurrency.Session, keys chan<- string, mode int) error {
	m := concurrency.NewMutex(s, "/lock")
	if err := m.Lock(ctx); err != nil {
		return err
	}
	if mode == 0 {
		keys <- m.Key()
		return nil
	}
	return m.Unlock(ctx)
}
