// Package checks has one CT2 and one CT3 finding, for the plugin's checks
// setting.
package checks

import (
	"context"

	"go.etcd.io/etcd/client/v3/concurrency"
)

func wait(s *concurrency.Session) error {
	m := concurrency.NewMutex(s, "/lock/")
	if err := m.Lock(context.Background()); err != nil { // want `nothing can end`
		return err
	}
	return m.Unlock(context.Background())
}

func locker(s *concurrency.Session) {
	l := concurrency.NewLocker(s, "/lock/") // want `NewLocker`
	l.Lock()
	defer l.Unlock()
}
