// Package errcell covers a lease call's error kept in a variable a
// closure captures (the tracing idiom): its check still gates the call.
package errcell

import (
	"context"

	clientv3 "go.etcd.io/etcd/client/v3"
)

type span interface{ End(err error) }

// KeepAlive failed: there is no channel to drain on the error return.
func drained(sp span, ctx context.Context, cli *clientv3.Client, id clientv3.LeaseID) error {
	ch, err := cli.KeepAlive(ctx, id)
	defer func() { sp.End(err) }()
	if err != nil {
		return err
	}
	go func() {
		for range ch {
		}
	}()
	return nil
}

func notDrained(sp span, ctx context.Context, cli *clientv3.Client, id clientv3.LeaseID) error {
	ch, err := cli.KeepAlive(ctx, id) // want `never received from`
	defer func() { sp.End(err) }()
	if err != nil {
		return err
	}
	_ = len(ch)
	return nil
}

// A Grant whose lease is attached on the success path.
func attached(sp span, ctx context.Context, cli *clientv3.Client, key string) error {
	resp, err := cli.Grant(ctx, 10)
	defer func() { sp.End(err) }()
	if err != nil {
		return err
	}
	_, err = cli.Put(ctx, key, "v", clientv3.WithLease(resp.ID))
	return err
}
