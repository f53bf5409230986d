// Package deferloop covers locks whose Unlock is deferred inside a loop:
// the defer runs when the function returns, so every iteration's lock key
// stays held until then.
package deferloop

import (
	"context"
	"log"
	"time"

	"go.etcd.io/etcd/client/v3/concurrency"
)

func work(string) error { return nil }

func next() (string, bool) { return "", true }

func fresh() context.Context { return context.Background() }

// A range over a channel: the work runs inside the loop, one lock per
// task, for as long as tasks come.
func perTask(ctx context.Context, s *concurrency.Session, tasks <-chan string) error {
	for t := range tasks {
		m := concurrency.NewMutex(s, "/task/"+t)
		if err := m.Lock(ctx); err != nil { // want `the lock taken by m.Lock is released by the defer at deferloop.go:28, which waits for the function to return, and the loop takes the next lock first, so every iteration's key stays under its prefix until the function returns and every other locker of it waits that long; move the loop body into a function, or unlock it at the end of the iteration`
			return err
		}
		defer m.Unlock(fresh())
		if err := work(t); err != nil {
			return err
		}
	}
	return nil
}

// A three-clause loop over one mutex: the next Lock finds it held.
func counted(ctx context.Context, s *concurrency.Session, n int) error {
	m := concurrency.NewMutex(s, "/count/")
	for i := 0; i < n; i++ {
		if err := m.Lock(ctx); err != nil { // want `the lock taken by m.Lock is released by the defer at deferloop.go:43, which waits for the function to return`
			return err
		}
		defer func() { m.Unlock(fresh()) }()
		work("k")
	}
	return nil
}

// A loop without a condition, left by a return.
func forever(ctx context.Context, s *concurrency.Session) error {
	for {
		t, ok := next()
		if !ok {
			return nil
		}
		m := concurrency.NewMutex(s, "/task/"+t)
		if err := m.Lock(ctx); err != nil { // want `the lock taken by m.Lock is released by the defer at deferloop.go:60, which waits for the function to return`
			return err
		}
		defer m.Unlock(fresh())
		work(t)
	}
}

// The fix: the loop body in a function of its own.
func perTaskFunc(ctx context.Context, s *concurrency.Session, tasks []string) error {
	for _, t := range tasks {
		if err := func() error {
			m := concurrency.NewMutex(s, "/task/"+t)
			if err := m.Lock(ctx); err != nil {
				return err
			}
			defer m.Unlock(fresh())
			return work(t)
		}(); err != nil {
			return err
		}
	}
	return nil
}

// Locks taken one after another and all held for work after the loop:
// keeping them until the function returns is the point. A loop that ends
// by itself and makes a new mutex each time is read so, whatever follows
// the defer (the same code with the work inside the loop is silent too).
func lockAll(ctx context.Context, s *concurrency.Session, keys []string) error {
	for _, k := range keys {
		m := concurrency.NewMutex(s, "/multi/"+k)
		if err := m.Lock(ctx); err != nil {
			return err
		}
		defer m.Unlock(fresh())
		log.Printf("locked %s", k)
	}
	return work("all")
}

// A loop that stops once it holds the lock.
func retry(ctx context.Context, s *concurrency.Session) error {
	m := concurrency.NewMutex(s, "/retry/")
	for i := 0; i < 3; i++ {
		if err := m.TryLock(ctx); err != nil {
			time.Sleep(time.Second)
			continue
		}
		defer m.Unlock(fresh())
		return work("k")
	}
	return nil
}

// Locked and deferred before the loop.
func outside(ctx context.Context, s *concurrency.Session, tasks []string) error {
	m := concurrency.NewMutex(s, "/outside/")
	if err := m.Lock(ctx); err != nil {
		return err
	}
	defer m.Unlock(fresh())
	for _, t := range tasks {
		if err := work(t); err != nil {
			return err
		}
	}
	return nil
}
