// Package basic holds the typical bug: an error return between Lock and
// Unlock leaves the lock held; and its fixed twins.
package basic

import (
	"context"
	"errors"
	"log"

	clientv3 "go.etcd.io/etcd/client/v3"
	"go.etcd.io/etcd/client/v3/concurrency"
)

var errBusy = errors.New("busy")

// A failed Put after the lock returns without unlocking.
func update(ctx context.Context, cli *clientv3.Client, s *concurrency.Session) error {
	m := concurrency.NewMutex(s, "/config-lock/")
	if err := m.Lock(ctx); err != nil { // want `the lock taken by m.Lock is not released: the function returns at basic.go:23 without unlocking it, so its key stays under the prefix and every other locker waits until the session's lease ends; defer m.Unlock with a fresh context after the error check`
		return err
	}
	if _, err := cli.Put(ctx, "/config", "v2"); err != nil {
		return err
	}
	return m.Unlock(ctx)
}

func updateFixed(ctx context.Context, cli *clientv3.Client, s *concurrency.Session) error {
	m := concurrency.NewMutex(s, "/config-lock/")
	if err := m.Lock(ctx); err != nil {
		return err
	}
	defer m.Unlock(context.Background())
	_, err := cli.Put(ctx, "/config", "v2")
	return err
}

// Unlocking on every path by hand is as good as a defer.
func updateByHand(ctx context.Context, cli *clientv3.Client, s *concurrency.Session) error {
	m := concurrency.NewMutex(s, "/config-lock/")
	if err := m.Lock(ctx); err != nil {
		return err
	}
	if _, err := cli.Put(ctx, "/config", "v2"); err != nil {
		m.Unlock(context.Background())
		return err
	}
	return m.Unlock(ctx)
}

// The error kept in a variable and checked on the next line.
func separateCheck(ctx context.Context, s *concurrency.Session, busy bool) error {
	m := concurrency.NewMutex(s, "/lock/")
	err := m.Lock(ctx) // want `returns at basic.go:59 without unlocking it`
	if err != nil {
		return err
	}
	if busy {
		return errBusy
	}
	return m.Unlock(ctx)
}

func separateCheckFixed(ctx context.Context, s *concurrency.Session, busy bool) error {
	m := concurrency.NewMutex(s, "/lock/")
	err := m.Lock(ctx)
	if err != nil {
		return err
	}
	if busy {
		m.Unlock(ctx)
		return errBusy
	}
	return m.Unlock(ctx)
}

// No path unlocks, and the function never returns: reported all the same.
func serve(ctx context.Context, s *concurrency.Session) {
	m := concurrency.NewMutex(s, "/leader-lock/")
	if err := m.Lock(ctx); err != nil { // want `the lock taken by m.Lock is never released, so its key stays under the prefix`
		log.Fatal(err)
	}
	select {}
}

func serveFixed(ctx context.Context, s *concurrency.Session) {
	m := concurrency.NewMutex(s, "/leader-lock/")
	if err := m.Lock(ctx); err != nil {
		log.Fatal(err)
	}
	defer m.Unlock(context.Background())
	<-ctx.Done()
}

// The error of Lock ignored: held on every path.
func ignored(ctx context.Context, s *concurrency.Session) {
	m := concurrency.NewMutex(s, "/lock/")
	_ = m.Lock(ctx) // want `returns at basic.go:100 without unlocking it` `the error of m.Lock is ignored`
	log.Print("working")
}

// TryLock: ErrLocked means another session holds it, and TryLock has
// already deleted its own key.
func try(ctx context.Context, s *concurrency.Session) error {
	m := concurrency.NewMutex(s, "/lock/")
	if err := m.TryLock(ctx); err != nil { // want `the lock taken by m.TryLock is not released: the function returns at basic.go:110`
		return err
	}
	log.Print("got it")
	return nil
}

func tryFixed(ctx context.Context, s *concurrency.Session) error {
	m := concurrency.NewMutex(s, "/lock/")
	if err := m.TryLock(ctx); err != nil {
		return err
	}
	defer m.Unlock(context.Background())
	log.Print("got it")
	return nil
}

func tryErrLocked(ctx context.Context, s *concurrency.Session) error {
	m := concurrency.NewMutex(s, "/lock/")
	err := m.TryLock(ctx)
	if err == concurrency.ErrLocked {
		return nil // someone else has it: nothing to release
	}
	if err != nil {
		return err
	}
	defer m.Unlock(ctx)
	return nil
}

func tryErrorsIs(ctx context.Context, s *concurrency.Session) error {
	m := concurrency.NewMutex(s, "/lock/")
	if err := m.TryLock(ctx); errors.Is(err, concurrency.ErrLocked) {
		return nil
	} else if err != nil {
		return err
	}
	return m.Unlock(ctx)
}

func trySwitch(ctx context.Context, s *concurrency.Session) error {
	m := concurrency.NewMutex(s, "/lock/")
	switch err := m.TryLock(ctx); err {
	case nil:
		return m.Unlock(ctx)
	case concurrency.ErrLocked:
		return nil
	default:
		return err
	}
}

// The success branch holds the lock, the failure branch does not.
func tryNilBranch(ctx context.Context, s *concurrency.Session) {
	m := concurrency.NewMutex(s, "/lock/")
	if m.TryLock(ctx) == nil {
		log.Print("got it")
		m.Unlock(ctx)
	}
}
