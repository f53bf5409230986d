// Package locker holds CT3: concurrency.NewLocker, whose Lock() waits on
// the client's context with no deadline and panics on any error.
package locker

import (
	"context"
	"time"

	"go.etcd.io/etcd/client/v3/concurrency"
)

func withLocker(s *concurrency.Session, work func() error) error {
	l := concurrency.NewLocker(s, "/lock/") // want `concurrency.NewLocker's Lock\(\) waits on the client's context, which has no deadline, and panics on any etcd error, so it blocks for as long as another session holds the lock and crashes the process when etcd fails; use concurrency.NewMutex and Lock\(ctx\) with a context.WithTimeout context`
	l.Lock()
	defer l.Unlock()
	return work()
}

func withLockerFixed(s *concurrency.Session, work func() error) error {
	m := concurrency.NewMutex(s, "/lock/")
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := m.Lock(ctx); err != nil {
		return err
	}
	defer func() {
		uctx, ucancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer ucancel()
		m.Unlock(uctx)
	}()
	return work()
}

// In a closure outside main.main, too.
func lazy(s *concurrency.Session) func() {
	return func() {
		l := concurrency.NewLocker(s, "/lock/") // want `concurrency.NewLocker's Lock\(\) waits`
		l.Lock()
		l.Unlock()
	}
}
