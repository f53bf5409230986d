// Package v33: CL1 on the github.com/coreos/etcd/clientv3 import path.
package v33

import (
	"context"

	"github.com/coreos/etcd/clientv3"
	"github.com/coreos/etcd/clientv3/namespace"
)

var cfg = clientv3.Config{Endpoints: []string{"127.0.0.1:2379"}}

func bad(ctx context.Context) error {
	cli, err := clientv3.New(cfg) // want `client from clientv3.New leaks: the function returns at v33.go:19 without closing it`
	if err != nil {
		return err
	}
	_, err = namespace.NewKV(cli, "/p/").Get(ctx, "k")
	return err
}

func good(ctx context.Context) error {
	cli, err := clientv3.New(cfg)
	if err != nil {
		return err
	}
	defer cli.Close()
	_, err = namespace.NewKV(cli, "/p/").Get(ctx, "k")
	return err
}

func badURL(ctx context.Context, u string) (*clientv3.Client, error) {
	cli, err := clientv3.NewFromURL(u) // want `client from clientv3.NewFromURL leaks: the function returns at v33.go:38 without closing it or handing it on`
	if err != nil {
		return nil, err
	}
	if _, err := cli.Get(ctx, "k"); err != nil {
		return nil, err
	}
	return cli, nil
}
