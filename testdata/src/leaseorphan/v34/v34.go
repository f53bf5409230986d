// Package v34 checks the three rules on the go.etcd.io/etcd/clientv3 import path.
package v34

import (
	"context"
	"time"

	clientv3 "go.etcd.io/etcd/clientv3"
	"go.etcd.io/etcd/clientv3/concurrency"
)

func keepAliveDiscarded(ctx context.Context, cli *clientv3.Client, id clientv3.LeaseID) error {
	_, err := cli.KeepAlive(ctx, id) // want `the channel from KeepAlive is discarded`
	return err
}

func keepAliveDrained(ctx context.Context, cli *clientv3.Client, id clientv3.LeaseID) error {
	ch, err := cli.KeepAlive(ctx, id)
	if err != nil {
		return err
	}
	go func() {
		for range ch {
		}
	}()
	return nil
}

func keepAliveLoop(cli *clientv3.Client, id clientv3.LeaseID) {
	for {
		ch, err := cli.KeepAlive(context.TODO(), id) // want `KeepAlive runs again on the same lease each time round the loop`
		if err != nil {
			return
		}
		<-ch
		time.Sleep(time.Second)
	}
}

func keepAliveOnceLoop(cli *clientv3.Client, id clientv3.LeaseID) {
	for {
		if _, err := cli.KeepAliveOnce(context.TODO(), id); err != nil {
			return
		}
		time.Sleep(time.Second)
	}
}

func grantUnused(ctx context.Context, cli *clientv3.Client, key string) error {
	resp, err := cli.Grant(ctx, 10) // want `lease from Grant is never used`
	if err != nil {
		return err
	}
	_, err = cli.Put(ctx, key, "", clientv3.WithPrevKV())
	_ = resp.TTL
	return err
}

func grantAttached(ctx context.Context, cli *clientv3.Client, key string) error {
	resp, err := cli.Grant(ctx, 10)
	if err != nil {
		return err
	}
	_, err = cli.Put(ctx, key, "", clientv3.WithLease(resp.ID))
	return err
}

func grantSession(ctx context.Context, cli *clientv3.Client) error {
	resp, err := cli.Grant(ctx, 10)
	if err != nil {
		return err
	}
	s, err := concurrency.NewSession(cli, concurrency.WithLease(resp.ID))
	if err != nil {
		return err
	}
	return s.Close()
}
