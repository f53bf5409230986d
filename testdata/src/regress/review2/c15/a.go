package c15

import (
	"context"

	clientv3 "go.etcd.io/etcd/client/v3"
)

func grant(ctx context.Context, cli *clientv3.Client, ttl int64) (clientv3.LeaseID, error) {
	resp, err := cli.Grant(ctx, ttl)
	if err != nil {
		return 0, err
	}
	return resp.ID, nil
}

// OK: helper-granted lease attached by caller.
func Register(ctx context.Context, cli *clientv3.Client) error {
	id, err := grant(ctx, cli, 10)
	if err != nil {
		return err
	}
	_, err = cli.Put(ctx, "k", "v", clientv3.WithLease(id))
	return err
}

// OK: op built then Do'ne.
func Do(ctx context.Context, cli *clientv3.Client) error {
	resp, err := cli.Grant(ctx, 10)
	if err != nil {
		return err
	}
	op := clientv3.OpPut("k", "v", clientv3.WithLease(resp.ID))
	_, err = cli.Do(ctx, op)
	return err
}

type reg struct{ id clientv3.LeaseID }

// OK: returned inside struct.
func New(ctx context.Context, cli *clientv3.Client) (reg, error) {
	id, err := grant(ctx, cli, 10)
	if err != nil {
		return reg{}, err
	}
	return reg{id: id}, nil
}
