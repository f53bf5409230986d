// Package borrow shows the uses that borrow a client without handing it
// on: a session closed in the function, the NewXxx(cli) views, namespace
// wrappers, the client's own methods and Ctx().
package borrow

import (
	"context"
	"fmt"

	clientv3 "go.etcd.io/etcd/client/v3"
	"go.etcd.io/etcd/client/v3/concurrency"
	"go.etcd.io/etcd/client/v3/namespace"
)

var cfg = clientv3.Config{Endpoints: []string{"127.0.0.1:2379"}}

// Bad: the session is closed, the client it was made from is not.
func lockOnce(ctx context.Context) error {
	cli, err := clientv3.New(cfg) // want `client from clientv3.New leaks: the function returns at borrow.go:25 without closing it`
	if err != nil {
		return err
	}
	s, err := concurrency.NewSession(cli)
	if err != nil {
		return err
	}
	defer s.Close()
	m := concurrency.NewMutex(s, "/lock/")
	return m.Lock(ctx)
}

// Good twin.
func lockOnceClosed(ctx context.Context) error {
	cli, err := clientv3.New(cfg)
	if err != nil {
		return err
	}
	defer cli.Close()
	s, err := concurrency.NewSession(cli)
	if err != nil {
		return err
	}
	defer s.Close()
	m := concurrency.NewMutex(s, "/lock/")
	return m.Lock(ctx)
}

// Bad: views of the client borrow it.
func views(ctx context.Context) error {
	cli, err := clientv3.New(cfg) // want `the function returns at borrow.go:60 without closing it`
	if err != nil {
		return err
	}
	kv := clientv3.NewKV(cli)
	lease := clientv3.NewLease(cli)
	w := clientv3.NewWatcher(cli)
	nkv := namespace.NewKV(cli, "/app/")
	nw := namespace.NewWatcher(cli, "/app/")
	fmt.Println(kv, lease, w, nkv, nw, cli.Ctx(), cli.Endpoints())
	return nil
}

// Good twin.
func viewsClosed(ctx context.Context) error {
	cli, err := clientv3.New(cfg)
	if err != nil {
		return err
	}
	defer cli.Close()
	kv := clientv3.NewKV(cli)
	nkv := namespace.NewKV(cli, "/app/")
	fmt.Println(kv, nkv, cli.Ctx())
	return nil
}

// Good: a session handed on carries its client (s.Client().Close()).
func newSession() (*concurrency.Session, error) {
	cli, err := clientv3.New(cfg)
	if err != nil {
		return nil, err
	}
	return concurrency.NewSession(cli)
}
