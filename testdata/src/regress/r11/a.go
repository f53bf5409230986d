package r11

import (
	"context"

	clientv3 "go.etcd.io/etcd/client/v3"
)

type reg struct {
	cli *clientv3.Client
	id  clientv3.LeaseID
}

func (r reg) put(ctx context.Context) error {
	_, err := r.cli.Put(ctx, "k", "v", clientv3.WithLease(r.id))
	return err
}

func A(ctx context.Context, cli *clientv3.Client) error {
	resp, err := cli.Grant(ctx, 10)
	if err != nil {
		return err
	}
	return reg{cli: cli, id: resp.ID}.put(ctx)
}

type ka struct {
	ch <-chan *clientv3.LeaseKeepAliveResponse
}

func (k *ka) drain() {
	for range k.ch {
	}
}

func B(ctx context.Context, cli *clientv3.Client, id clientv3.LeaseID) error {
	ch, err := cli.KeepAlive(ctx, id)
	if err != nil {
		return err
	}
	k := &ka{ch: ch}
	k.drain()
	return nil
}

func C(ctx context.Context, cli *clientv3.Client, n int) error {
	var ids []clientv3.LeaseID
	defer func() {
		for _, id := range ids {
			cli.Revoke(context.Background(), id)
		}
	}()
	for i := 0; i < n; i++ {
		resp, err := cli.Grant(ctx, 10)
		if err != nil {
			return err
		}
		ids = append(ids, resp.ID)
	}
	return nil
}
