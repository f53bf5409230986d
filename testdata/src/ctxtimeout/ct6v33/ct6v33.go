// Package ct6v33 checks CT6 on the github.com/coreos/etcd/clientv3 import
// path.
package ct6v33

import (
	"context"
	"time"

	"github.com/coreos/etcd/clientv3"
)

type registration struct {
	ch <-chan *clientv3.LeaseKeepAliveResponse
}

func register(ctx context.Context, cli *clientv3.Client, key string) (*registration, error) {
	ctx, cancel := context.WithTimeout(ctx, 3*time.Second)
	defer cancel()
	resp, err := cli.Grant(ctx, 5)
	if err != nil {
		return nil, err
	}
	if _, err := cli.Put(ctx, key, "v", clientv3.WithLease(resp.ID)); err != nil {
		return nil, err
	}
	ch, err := cli.KeepAlive(ctx, resp.ID) // want `this KeepAlive is bound to a context that has a deadline \(context.WithTimeout at ct6v33.go:17\), while the KeepAlive channel or the lease ID outlives the function \(returned at ct6v33.go:30\)`
	if err != nil {
		return nil, err
	}
	return &registration{ch: ch}, nil
}

func registerFixed(ctx context.Context, cli *clientv3.Client, key string) (*registration, error) {
	tctx, cancel := context.WithTimeout(ctx, 3*time.Second)
	defer cancel()
	resp, err := cli.Grant(tctx, 5)
	if err != nil {
		return nil, err
	}
	if _, err := cli.Put(tctx, key, "v", clientv3.WithLease(resp.ID)); err != nil {
		return nil, err
	}
	ch, err := cli.KeepAlive(context.WithoutCancel(ctx), resp.ID)
	if err != nil {
		return nil, err
	}
	return &registration{ch: ch}, nil
}
