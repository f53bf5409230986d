package r08

import (
	"context"
	"slices"
	"time"

	clientv3 "go.etcd.io/etcd/client/v3"
	"go.etcd.io/etcd/client/v3/concurrency"
	recipe "go.etcd.io/etcd/client/v3/experimental/recipes"
)

type Pool struct{ sessions []*concurrency.Session }

func (p *Pool) Add(cli *clientv3.Client) error {
	s, err := concurrency.NewSession(cli)
	if err != nil {
		return err
	}
	p.sessions = slices.Insert(p.sessions, 0, s)
	return nil
}

func Expire(cli *clientv3.Client, ttl time.Duration) error {
	s, err := concurrency.NewSession(cli)
	if err != nil {
		return err
	}
	time.AfterFunc(ttl, func() { s.Close() })
	return nil
}

func NewBarrier(cli *clientv3.Client, key string, n int) (*recipe.DoubleBarrier, error) {
	s, err := concurrency.NewSession(cli)
	if err != nil {
		return nil, err
	}
	return recipe.NewDoubleBarrier(s, key, n), nil
}

func HoldFor(ctx context.Context, s *concurrency.Session, d time.Duration) error {
	m := concurrency.NewMutex(s, "/x")
	if err := m.Lock(ctx); err != nil {
		return err
	}
	time.AfterFunc(d, func() { m.Unlock(context.Background()) })
	return nil
}
