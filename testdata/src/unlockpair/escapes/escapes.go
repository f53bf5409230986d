// Package escapes covers a held lock handed to someone else (returned,
// stored, sent, unlocked by a goroutine, wrapped in a returned closure,
// its key handed on), which is not a leak here, and one merely used,
// which is.
package escapes

import (
	"context"
	"fmt"
	"log"

	clientv3 "go.etcd.io/etcd/client/v3"
	"go.etcd.io/etcd/client/v3/concurrency"
)

// Lock and return: the caller owns the critical section.
func lockReturned(ctx context.Context, s *concurrency.Session) (*concurrency.Mutex, error) {
	m := concurrency.NewMutex(s, "/lock/")
	if err := m.Lock(ctx); err != nil {
		return nil, err
	}
	return m, nil
}

// lockReturned hands its caller a held lock, which the caller must unlock.
func useLockReturned(ctx context.Context, s *concurrency.Session) error {
	m, err := lockReturned(ctx, s) // want `the lock held by the mutex from lockReturned is not released: the function returns at escapes.go:32 without unlocking it`
	if err != nil {
		return err
	}
	log.Printf("holding %s", m.Key())
	return nil
}

func useLockReturnedFixed(ctx context.Context, s *concurrency.Session) error {
	m, err := lockReturned(ctx, s)
	if err != nil {
		return err
	}
	defer m.Unlock(context.Background())
	log.Printf("holding %s", m.Key())
	return nil
}

type service struct {
	held  *concurrency.Mutex
	locks chan *concurrency.Mutex
	key   string
}

func (sv *service) lockStored(ctx context.Context, s *concurrency.Session) error {
	m := concurrency.NewMutex(s, "/lock/")
	if err := m.Lock(ctx); err != nil {
		return err
	}
	sv.held = m
	return nil
}

func (sv *service) lockSent(ctx context.Context, s *concurrency.Session) error {
	m := concurrency.NewMutex(s, "/lock/")
	if err := m.Lock(ctx); err != nil {
		return err
	}
	sv.locks <- m
	return nil
}

// Unlocked by a goroutine when the work is done: it owns the lock now.
func unlockedInGoroutine(ctx context.Context, s *concurrency.Session, done <-chan struct{}) error {
	m := concurrency.NewMutex(s, "/lock/")
	if err := m.Lock(ctx); err != nil {
		return err
	}
	go func() {
		<-done
		m.Unlock(context.Background())
	}()
	return nil
}

// Returns the unlock as a closure, as a lock helper does.
func lockWithRelease(ctx context.Context, s *concurrency.Session) (func(), error) {
	m := concurrency.NewMutex(s, "/lock/")
	if err := m.Lock(ctx); err != nil {
		return nil, err
	}
	return func() { m.Unlock(context.Background()) }, nil
}

func lockWithNamedRelease(ctx context.Context, s *concurrency.Session) (release func() error, err error) {
	m := concurrency.NewMutex(s, "/lock/")
	if err = m.Lock(ctx); err != nil {
		return nil, err
	}
	release = func() error { return m.Unlock(context.Background()) }
	return release, nil
}

// The key returned: whoever holds it can delete it (etcd's v3lock server
// returns the key as the lock's handle).
func lockKey(ctx context.Context, s *concurrency.Session) (string, error) {
	m := concurrency.NewMutex(s, "/lock/")
	if err := m.Lock(ctx); err != nil {
		return "", err
	}
	return m.Key(), nil
}

func (sv *service) lockKeyStored(ctx context.Context, s *concurrency.Session) error {
	m := concurrency.NewMutex(s, "/lock/")
	if err := m.Lock(ctx); err != nil {
		return err
	}
	sv.key = m.Key()
	return nil
}

func release(m *concurrency.Mutex) error { return m.Unlock(context.Background()) }

func handToReleaser(ctx context.Context, s *concurrency.Session) error {
	m := concurrency.NewMutex(s, "/lock/")
	if err := m.Lock(ctx); err != nil {
		return err
	}
	log.Print("working")
	return release(m)
}

func describe(m *concurrency.Mutex) string { return fmt.Sprint(m.Key()) }

// A helper that only reads the mutex does not take it.
func handToReader(ctx context.Context, s *concurrency.Session) (string, error) {
	m := concurrency.NewMutex(s, "/lock/")
	if err := m.Lock(ctx); err != nil { // want `returns at escapes.go:138 without unlocking it`
		return "", err
	}
	return describe(m), nil
}

// Logging the mutex or its key is a use, not a hand-off.
func logged(ctx context.Context, s *concurrency.Session) error {
	m := concurrency.NewMutex(s, "/lock/")
	if err := m.Lock(ctx); err != nil { // want `returns at escapes.go:148 without unlocking it`
		return err
	}
	log.Printf("locked %v as %s", m, m.Key())
	return nil
}

// An unknown function may unlock it: stay silent.
func handToUnknown(ctx context.Context, s *concurrency.Session, register func(*concurrency.Mutex)) error {
	m := concurrency.NewMutex(s, "/lock/")
	if err := m.Lock(ctx); err != nil {
		return err
	}
	register(m)
	return nil
}

type lockResponse struct {
	Key []byte
}

// etcd's v3lock server: the key goes back to the client, who unlocks by
// deleting it.
func v3lock(ctx context.Context, s *concurrency.Session, name string) (*lockResponse, error) {
	m := concurrency.NewMutex(s, name)
	if err := m.Lock(ctx); err != nil {
		return nil, err
	}
	return &lockResponse{Key: []byte(m.Key())}, nil
}

// Deleting the key is what Unlock does.
func deleteKey(ctx context.Context, cli *clientv3.Client, s *concurrency.Session) error {
	m := concurrency.NewMutex(s, "/lock/")
	if err := m.Lock(ctx); err != nil {
		return err
	}
	_, err := cli.Delete(ctx, m.Key())
	return err
}

// Reading the key does not hand it on (etcdctl lock's shape): the failed
// Get returns with the lock held.
func readKey(ctx context.Context, cli *clientv3.Client, s *concurrency.Session) error {
	m := concurrency.NewMutex(s, "/lock/")
	if err := m.Lock(ctx); err != nil { // want `returns at escapes.go:194 without unlocking it`
		return err
	}
	resp, err := cli.Get(ctx, m.Key())
	if err != nil {
		return err
	}
	log.Print(resp)
	return m.Unlock(ctx)
}

// A Txn that deletes the key if still owned: the Op carries the key.
func txnDelete(ctx context.Context, cli *clientv3.Client, s *concurrency.Session) error {
	m := concurrency.NewMutex(s, "/lock/")
	if err := m.Lock(ctx); err != nil {
		return err
	}
	_, err := cli.Txn(ctx).If(m.IsOwner()).Then(clientv3.OpDelete(m.Key())).Commit()
	return err
}
