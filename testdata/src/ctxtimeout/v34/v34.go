// Package v34 checks ctxtimeout on the go.etcd.io/etcd/clientv3 import path.
package v34

import (
	"context"
	"time"

	clientv3 "go.etcd.io/etcd/clientv3"
	"go.etcd.io/etcd/clientv3/concurrency"
)

func get(cli *clientv3.Client) {
	ctx, _ := context.WithTimeout(context.Background(), time.Second) // want `context.WithTimeout is discarded`
	cli.Get(ctx, "k")
}

func getFixed(cli *clientv3.Client) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	cli.Get(ctx, "k")
}

func lock(m *concurrency.Mutex) error {
	if err := m.Lock(context.Background()); err != nil { // want `this Lock waits on a context nothing can end`
		return err
	}
	return m.Unlock(context.Background())
}

func lockFixed(m *concurrency.Mutex) error {
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	if err := m.Lock(ctx); err != nil {
		return err
	}
	return m.Unlock(context.WithoutCancel(ctx))
}

func locker(s *concurrency.Session) {
	l := concurrency.NewLocker(s, "/lock/") // want `concurrency.NewLocker's Lock\(\) waits`
	l.Lock()
	l.Unlock()
}

func campaign(e *concurrency.Election) error {
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	if err := e.Campaign(ctx, "me"); err != nil {
		return err
	}
	return e.Resign(ctx) // want `this Resign is given the context of the Campaign`
}
