// Package lo4v33 checks LO4 on the github.com/coreos/etcd/clientv3 import
// path.
package lo4v33

import (
	"context"

	"github.com/coreos/etcd/clientv3"
)

func drain(ch <-chan *clientv3.LeaseKeepAliveResponse) {
	go func() {
		for range ch {
		}
	}()
}

func putFails(ctx context.Context, cli *clientv3.Client, key string) error {
	resp, err := cli.Grant(ctx, 5)
	if err != nil {
		return err
	}
	ch, err := cli.KeepAlive(context.WithoutCancel(ctx), resp.ID) // want `the lease from Grant at lo4v33.go:19 is kept alive by this KeepAlive, and the return at lo4v33.go:29 reports an error .* for as long as the client lives`
	if err != nil {
		return err
	}
	drain(ch)
	if _, err := cli.Put(ctx, key, "v", clientv3.WithLease(resp.ID)); err != nil {
		return err
	}
	return nil
}

func putFailsRevoked(ctx context.Context, cli *clientv3.Client, key string) error {
	resp, err := cli.Grant(ctx, 5)
	if err != nil {
		return err
	}
	ch, err := cli.KeepAlive(context.WithoutCancel(ctx), resp.ID)
	if err != nil {
		return err
	}
	drain(ch)
	if _, err := cli.Put(ctx, key, "v", clientv3.WithLease(resp.ID)); err != nil {
		cli.Revoke(context.WithoutCancel(ctx), resp.ID)
		return err
	}
	return nil
}
