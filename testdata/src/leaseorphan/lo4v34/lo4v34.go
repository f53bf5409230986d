// Package lo4v34 checks LO4 on the go.etcd.io/etcd/clientv3 import path,
// through the Lease interface.
package lo4v34

import (
	"context"
	"errors"

	clientv3 "go.etcd.io/etcd/clientv3"
)

func drain(ch <-chan *clientv3.LeaseKeepAliveResponse) {
	go func() {
		for range ch {
		}
	}()
}

func putFails(lease clientv3.Lease, kv clientv3.KV, key string) error {
	resp, err := lease.Grant(context.TODO(), 5)
	if err != nil {
		return err
	}
	ch, err := lease.KeepAlive(context.TODO(), resp.ID) // want `the lease from Grant at lo4v34.go:20 is kept alive by this KeepAlive, and the return at lo4v34.go:30 reports an error .* for as long as the client lives, since nothing cancels the ctx given to KeepAlive; revoke it \(lease.Revoke\(ctx, resp.ID\)\)`
	if err != nil {
		return err
	}
	drain(ch)
	if _, err := kv.Put(context.TODO(), key, "v", clientv3.WithLease(resp.ID)); err != nil {
		return errors.New("register: " + err.Error())
	}
	return nil
}

func putFailsClosed(lease clientv3.Lease, kv clientv3.KV, key string) error {
	resp, err := lease.Grant(context.TODO(), 5)
	if err != nil {
		return err
	}
	ch, err := lease.KeepAlive(context.TODO(), resp.ID)
	if err != nil {
		return err
	}
	drain(ch)
	if _, err := kv.Put(context.TODO(), key, "v", clientv3.WithLease(resp.ID)); err != nil {
		lease.Close()
		return errors.New("register: " + err.Error())
	}
	return nil
}
