// Package finalunlock covers UP1's fix for the typical bug: an error
// return between Lock and the function's final Unlock. Where the final
// Unlock is the one release and moving it into a defer is provably the
// same on the paths that reached it, the fix does that.
package finalunlock

import (
	"context"
	"errors"
	"log"

	clientv3 "go.etcd.io/etcd/client/v3"
	"go.etcd.io/etcd/client/v3/concurrency"
)

var errInvalid = errors.New("invalid")

// `return m.Unlock(ctx)` at the end: the fix defers the Unlock after the
// error check and returns nil in its place.
func handled(ctx context.Context, s *concurrency.Session, valid bool) error {
	m := concurrency.NewMutex(s, "/lock/")
	if err := m.Lock(ctx); err != nil { // want `the lock taken by m.Lock is not released: the function returns at finalunlock.go:26 without unlocking it, so its key stays under the prefix and every other locker waits until the session's lease ends; defer m.Unlock with a fresh context after the error check`
		return err
	}
	if !valid {
		return errInvalid
	}
	return m.Unlock(ctx)
}

func handledFixed(ctx context.Context, s *concurrency.Session, valid bool) error {
	m := concurrency.NewMutex(s, "/lock/")
	if err := m.Lock(ctx); err != nil {
		return err
	}
	defer m.Unlock(context.Background())
	if !valid {
		return errInvalid
	}
	return nil
}

// A plain final `m.Unlock(ctx)` whose result is unused: the fix deletes it.
func plain(ctx context.Context, cli *clientv3.Client, s *concurrency.Session) {
	m := concurrency.NewMutex(s, "/lock/")
	err := m.Lock(ctx) // want `the lock taken by m.Lock is not released: the function returns at finalunlock.go:52 without unlocking it`
	if err != nil {
		return
	}
	if _, err := cli.Put(ctx, "/config", "v2"); err != nil {
		log.Print(err)
		return
	}
	log.Print("updated")
	m.Unlock(ctx)
}

func plainFixed(ctx context.Context, cli *clientv3.Client, s *concurrency.Session) {
	m := concurrency.NewMutex(s, "/lock/")
	err := m.Lock(ctx)
	if err != nil {
		return
	}
	defer m.Unlock(context.Background())
	if _, err := cli.Put(ctx, "/config", "v2"); err != nil {
		log.Print(err)
		return
	}
	log.Print("updated")
}

// In a function literal, the literal's own last statement.
func inClosure(ctx context.Context, s *concurrency.Session, valid bool) func() error {
	return func() error {
		m := concurrency.NewMutex(s, "/lock/")
		if err := m.Lock(ctx); err != nil { // want `the lock taken by m.Lock is not released: the function returns at finalunlock.go:80 without unlocking it`
			return err
		}
		if !valid {
			return errInvalid
		}
		return m.Unlock(ctx)
	}
}
