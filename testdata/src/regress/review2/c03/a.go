package c03

import (
	"context"
	"log"
	"time"

	clientv3 "go.etcd.io/etcd/client/v3"
	"go.etcd.io/etcd/client/v3/concurrency"
)

// OK: retry loop, err is a phi.
func RetryPhi(cli *clientv3.Client) error {
	var s *concurrency.Session
	var err error
	for i := 0; i < 3; i++ {
		s, err = concurrency.NewSession(cli)
		if err == nil {
			break
		}
		time.Sleep(time.Second)
	}
	if err != nil {
		return err
	}
	defer s.Close()
	return nil
}

// OK: retry loop, named err captured by a deferred closure (an Alloc).
func RetryNamed(cli *clientv3.Client) (err error) {
	defer func() {
		if err != nil {
			log.Println("failed:", err)
		}
	}()
	var s *concurrency.Session
	for i := 0; i < 3; i++ {
		s, err = concurrency.NewSession(cli)
		if err == nil {
			break
		}
		time.Sleep(time.Second)
	}
	if err != nil {
		return err
	}
	defer s.Close()
	return nil
}

// OK: leader loop recreating session after it expires.
func LeaderLoop(ctx context.Context, cli *clientv3.Client, id string) {
	for {
		s, err := concurrency.NewSession(cli, concurrency.WithTTL(10))
		if err != nil {
			time.Sleep(time.Second)
			continue
		}
		e := concurrency.NewElection(s, "/leader")
		if err := e.Campaign(ctx, id); err != nil {
			s.Close()
			if ctx.Err() != nil {
				return
			}
			continue
		}
		select {
		case <-s.Done():
			log.Println("lost leadership")
		case <-ctx.Done():
			e.Resign(context.Background())
			s.Close()
			return
		}
	}
}

// OK: session ctx done.
func CtxDone(cli *clientv3.Client, stop <-chan struct{}) error {
	s, err := concurrency.NewSession(cli)
	if err != nil {
		return err
	}
	<-s.Ctx().Done()
	return nil
}

// OK: err checked via a closure variable that is reassigned only on error path.
func ErrReassign(cli *clientv3.Client) error {
	s, err := concurrency.NewSession(cli)
	if err != nil {
		err = fmt_wrap(err)
		return err
	}
	defer s.Close()
	return nil
}

func fmt_wrap(e error) error { return e }

// OK: goto-based cleanup, C style.
func GotoCleanup(ctx context.Context, cli *clientv3.Client) error {
	var m *concurrency.Mutex
	s, err := concurrency.NewSession(cli)
	if err != nil {
		goto out
	}
	m = concurrency.NewMutex(s, "/k")
	if err = m.Lock(ctx); err != nil {
		goto closeSession
	}
	log.Println("locked")
	err = m.Unlock(context.Background())
closeSession:
	s.Close()
out:
	return err
}

// OK: s == nil check after err ignored-ish (s != nil guard).
func NilGuard(cli *clientv3.Client) {
	s, _ := concurrency.NewSession(cli)
	if s == nil {
		return
	}
	defer s.Close()
}

// OK: success indicated by ok bool from helper.
func check(err error) bool { return err == nil }

func HelperCheck(cli *clientv3.Client) error {
	s, err := concurrency.NewSession(cli)
	if !check(err) {
		return err
	}
	defer s.Close()
	return nil
}

// OK: error branch via errors wrapping in if-else chain, release in else.
func IfElse(cli *clientv3.Client) (err error) {
	if s, err := concurrency.NewSession(cli); err != nil {
		return err
	} else {
		defer s.Close()
	}
	return nil
}
