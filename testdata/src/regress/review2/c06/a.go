package c06

import (
	"context"
	"log"

	clientv3 "go.etcd.io/etcd/client/v3"
	"go.etcd.io/etcd/client/v3/concurrency"
)

// OK: acquire in either branch, err is a phi.
func BranchPhi(cli *clientv3.Client, ttl int) error {
	var s *concurrency.Session
	var err error
	if ttl > 0 {
		s, err = concurrency.NewSession(cli, concurrency.WithTTL(ttl))
	} else {
		s, err = concurrency.NewSession(cli)
	}
	if err != nil {
		return err
	}
	defer s.Close()
	return nil
}

// OK: same, but err is captured by a deferred closure (named result).
func BranchNamed(cli *clientv3.Client, ttl int) (err error) {
	defer func() {
		if err != nil {
			log.Printf("session: %v", err)
		}
	}()
	var s *concurrency.Session
	if ttl > 0 {
		s, err = concurrency.NewSession(cli, concurrency.WithTTL(ttl))
	} else {
		s, err = concurrency.NewSession(cli)
	}
	if err != nil {
		return err
	}
	defer s.Close()
	return nil
}

// OK: TryLock then Lock fallback; err captured by closure.
func TryThenLock(ctx context.Context, s *concurrency.Session) (err error) {
	defer func() {
		if err != nil {
			log.Println(err)
		}
	}()
	m := concurrency.NewMutex(s, "/k")
	err = m.TryLock(ctx)
	if err == concurrency.ErrLocked {
		log.Println("waiting")
		err = m.Lock(ctx)
	}
	if err != nil {
		return err
	}
	defer m.Unlock(context.Background())
	return nil
}

// OK: same with a phi (no closure).
func TryThenLockPhi(ctx context.Context, s *concurrency.Session) error {
	m := concurrency.NewMutex(s, "/k")
	err := m.TryLock(ctx)
	if err == concurrency.ErrLocked {
		log.Println("waiting")
		err = m.Lock(ctx)
	}
	if err != nil {
		return err
	}
	defer m.Unlock(context.Background())
	return nil
}

// OK: error checked after an unrelated call, err captured.
func CheckLater(ctx context.Context, cli *clientv3.Client) (err error) {
	defer func() { _ = err }()
	s, err := concurrency.NewSession(cli)
	log.Println("created")
	if err != nil {
		return
	}
	defer s.Close()
	return
}

// OK: err captured by an errgroup-like closure, checked once.
func Closure(cli *clientv3.Client) error {
	var s *concurrency.Session
	var err error
	run := func() { s, err = concurrency.NewSession(cli) }
	run()
	if err != nil {
		return err
	}
	defer s.Close()
	return nil
}
