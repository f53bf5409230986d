package realworld

import (
	"context"
	"log"

	clientv3 "go.etcd.io/etcd/client/v3"
	"go.etcd.io/etcd/client/v3/concurrency"
)

// A flag records that the lock was taken; the unlock at the end is
// guarded by it, with other branches in between.
func lockIfNeeded(ctx context.Context, s *concurrency.Session, need, verbose bool) error {
	m := concurrency.NewMutex(s, "/flags/")
	locked := false
	if need {
		if err := m.Lock(ctx); err != nil {
			return err
		}
		locked = true
	}
	if verbose {
		log.Print("working")
	}
	if locked {
		return m.Unlock(ctx)
	}
	return nil
}

func sessionIfNeeded(cli *clientv3.Client, need bool, n int) error {
	var s *concurrency.Session
	opened := false
	if need {
		var err error
		s, err = concurrency.NewSession(cli)
		if err != nil {
			return err
		}
		opened = true
	}
	for i := 0; i < n; i++ {
		log.Print(i)
	}
	if opened {
		s.Close()
	}
	return nil
}
