// Package correlated: acquire and release under the same condition, one
// that cannot change while the function runs (a parameter, len of one).
package correlated

import (
	"context"
	"log"

	clientv3 "go.etcd.io/etcd/client/v3"
	"go.etcd.io/etcd/client/v3/concurrency"
)

// The same (immutable) condition guards the acquire and the release.
func LockIf(ctx context.Context, s *concurrency.Session, need bool) error {
	m := concurrency.NewMutex(s, "/l")
	if need {
		if err := m.Lock(ctx); err != nil {
			return err
		}
	}
	log.Print("work")
	if need {
		return m.Unlock(context.Background())
	}
	return nil
}

func SessionIf(cli *clientv3.Client, need bool) error {
	var s *concurrency.Session
	if need {
		var err error
		if s, err = concurrency.NewSession(cli); err != nil {
			return err
		}
	}
	log.Print("work")
	if need {
		s.Close()
	}
	return nil
}

// Same shape with a recomputed pure condition.
func LockIfKeys(ctx context.Context, s *concurrency.Session, keys []string) error {
	m := concurrency.NewMutex(s, "/l")
	if len(keys) > 0 {
		if err := m.Lock(ctx); err != nil {
			return err
		}
	}
	log.Print("work")
	if len(keys) > 0 {
		m.Unlock(context.Background())
	}
	return nil
}
