package r10

import (
	"context"
	"io"

	clientv3 "go.etcd.io/etcd/client/v3"
	"go.etcd.io/etcd/client/v3/concurrency"
)

func A(cli *clientv3.Client, debug bool) error {
	s, err := concurrency.NewSession(cli)
	if err != nil {
		return err
	}
	var c io.Closer = s
	if debug {
		c = s
	}
	defer c.Close()
	return nil
}

func B(cli *clientv3.Client) error {
	s, err := concurrency.NewSession(cli)
	if err != nil {
		return err
	}
	defer (*concurrency.Session).Close(s)
	return nil
}

type Unlocker interface{ Unlock(context.Context) error }

func unlock(u Unlocker) { _ = u.Unlock(context.Background()) }

func C(ctx context.Context, s *concurrency.Session) error {
	m := concurrency.NewMutex(s, "/x")
	if err := m.Lock(ctx); err != nil {
		return err
	}
	defer unlock(m)
	return nil
}
