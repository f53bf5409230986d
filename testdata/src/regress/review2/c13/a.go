package c13

import (
	"context"
	"testing"

	clientv3 "go.etcd.io/etcd/client/v3"
	"go.etcd.io/etcd/client/v3/concurrency"
)

var cli *clientv3.Client

// OK: fixed-size array of sessions, closed by defers registered in the loop.
func ArrayDefer() error {
	var ss [3]*concurrency.Session
	for i := 0; i < len(ss); i++ {
		s, err := concurrency.NewSession(cli)
		if err != nil {
			return err
		}
		defer s.Close()
		ss[i] = s
	}
	return nil
}

// OK: array, all closed in a later loop (no closure).
func ArrayLater() error {
	var ss [3]*concurrency.Session
	n := 0
	for i := range ss {
		s, err := concurrency.NewSession(cli)
		if err != nil {
			break
		}
		ss[i] = s
		n++
	}
	for i := 0; i < n; i++ {
		ss[i].Close()
	}
	return nil
}

// OK: make'd slice
func SliceMake(n int) error {
	ss := make([]*concurrency.Session, n)
	defer func() {
		for _, s := range ss {
			if s != nil {
				s.Close()
			}
		}
	}()
	for i := range ss {
		s, err := concurrency.NewSession(cli)
		if err != nil {
			return err
		}
		ss[i] = s
	}
	return nil
}

// OK: array of mutexes locked in a loop, unlocked in a later loop.
func ArrayMutex(ctx context.Context, s *concurrency.Session) error {
	var ms [2]*concurrency.Mutex
	ms[0] = concurrency.NewMutex(s, "/a")
	ms[1] = concurrency.NewMutex(s, "/b")
	for i := range ms {
		if err := ms[i].Lock(ctx); err != nil {
			for j := 0; j < i; j++ {
				ms[j].Unlock(context.Background())
			}
			return err
		}
	}
	for i := range ms {
		ms[i].Unlock(context.Background())
	}
	return nil
}

// OK: test with two sessions in array for a contention test.
func TestContention(t *testing.T) {
	var ss [2]*concurrency.Session
	for i := range ss {
		s, err := concurrency.NewSession(cli)
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		ss[i] = s
	}
}
