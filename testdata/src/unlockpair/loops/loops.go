// Package loops covers locks taken in loops.
package loops

import (
	"context"
	"log"
	"time"

	"go.etcd.io/etcd/client/v3/concurrency"
)

func work(string) error { return nil }

// Each iteration locks again; nothing unlocks.
func each(ctx context.Context, s *concurrency.Session, keys []string) error {
	for _, k := range keys {
		m := concurrency.NewMutex(s, k)
		if err := m.Lock(ctx); err != nil { // want `the lock taken by m.Lock is not released before the loop takes it again, so its key stays under the prefix and every other locker waits until the session's lease ends; unlock it before the iteration ends`
			return err
		}
		if err := work(k); err != nil {
			log.Print(err)
		}
	}
	return nil
}

func eachFixed(ctx context.Context, s *concurrency.Session, keys []string) error {
	for _, k := range keys {
		m := concurrency.NewMutex(s, k)
		if err := m.Lock(ctx); err != nil {
			return err
		}
		err := work(k)
		if uerr := m.Unlock(ctx); uerr != nil {
			return uerr
		}
		if err != nil {
			log.Print(err)
		}
	}
	return nil
}

// A continue skips the Unlock: the next iteration finds it held. (A mutex
// given as a parameter is its owner's: re-locking it is the owner's call.)
func skip(ctx context.Context, s *concurrency.Session, keys []string) {
	m := concurrency.NewMutex(s, "/skip/")
	for _, k := range keys {
		if err := m.Lock(ctx); err != nil { // want `is not released before the loop takes it again`
			continue
		}
		if err := work(k); err != nil {
			continue
		}
		m.Unlock(ctx)
	}
}

func skipFixed(ctx context.Context, m *concurrency.Mutex, keys []string) {
	for _, k := range keys {
		if err := m.Lock(ctx); err != nil {
			continue
		}
		if err := work(k); err != nil {
			m.Unlock(ctx)
			continue
		}
		m.Unlock(ctx)
	}
}

// Retry TryLock until it succeeds: only the last, successful one holds.
func retry(ctx context.Context, s *concurrency.Session) error {
	m := concurrency.NewMutex(s, "/lock/")
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
	defer m.Unlock(context.Background())
	return work("k")
}

func retryForever(ctx context.Context, s *concurrency.Session) error {
	m := concurrency.NewMutex(s, "/lock/")
	for {
		if err := m.TryLock(ctx); err == nil {
			break
		}
		time.Sleep(time.Second)
	}
	defer m.Unlock(context.Background())
	return work("k")
}
