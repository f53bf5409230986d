package r04

import (
	"context"

	clientv3 "go.etcd.io/etcd/client/v3"
	"go.etcd.io/etcd/client/v3/concurrency"
)

func newSession(cli *clientv3.Client) (*concurrency.Session, func(), error) {
	s, err := concurrency.NewSession(cli)
	if err != nil {
		return nil, nil, err
	}
	return s, func() { s.Close() }, nil
}

func A(cli *clientv3.Client) error {
	s, cleanup, err := newSession(cli)
	if err != nil {
		return err
	}
	defer cleanup()
	_ = s.Lease()
	return nil
}

func grant(ctx context.Context, cli *clientv3.Client) (*clientv3.LeaseGrantResponse, func(), error) {
	resp, err := cli.Grant(ctx, 10)
	if err != nil {
		return nil, nil, err
	}
	return resp, func() { cli.Revoke(context.Background(), resp.ID) }, nil
}

func B(ctx context.Context, cli *clientv3.Client) error {
	resp, revoke, err := grant(ctx, cli)
	if err != nil {
		return err
	}
	defer revoke()
	_ = resp.TTL
	return nil
}
