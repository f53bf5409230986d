// Package shapes: more correct shapes from real code, all silent, and
// their leaking twins.
package shapes

import (
	"context"
	"fmt"

	clientv3 "go.etcd.io/etcd/client/v3"
)

var cfg = clientv3.Config{Endpoints: []string{"127.0.0.1:2379"}}

type Store struct{ cli *clientv3.Client }

// Good: a deferred closure closes the client when the named error is set.
func NewStoreDeferred(ctx context.Context) (s *Store, err error) {
	cli, err := clientv3.New(cfg)
	if err != nil {
		return nil, err
	}
	defer func() {
		if err != nil {
			cli.Close()
		}
	}()
	if _, err = cli.Get(ctx, "/probe"); err != nil {
		return nil, fmt.Errorf("probe: %w", err)
	}
	return &Store{cli: cli}, nil
}

// Good: returned with its cleanup.
func withCleanup() (*clientv3.Client, func(), error) {
	cli, err := clientv3.New(cfg)
	if err != nil {
		return nil, nil, err
	}
	return cli, func() { cli.Close() }, nil
}

// Good: a struct value carrying the client is returned.
func storeValue() (Store, error) {
	cli, err := clientv3.New(cfg)
	if err != nil {
		return Store{}, err
	}
	return Store{cli: cli}, nil
}

// Good: a reconnect loop that closes the last client before dialing
// again, and the current one when it returns.
func reconnect(ctx context.Context) {
	var cli *clientv3.Client
	for {
		if cli != nil {
			cli.Close()
		}
		c, err := clientv3.New(cfg)
		if err != nil {
			continue
		}
		cli = c
		if _, err := cli.Get(ctx, "k"); ctx.Err() != nil || err == nil {
			cli.Close()
			return
		}
	}
}

// Good: a retry loop that dials until New succeeds.
func dialRetry(ctx context.Context) error {
	var cli *clientv3.Client
	var err error
	for i := 0; i < 3; i++ {
		cli, err = clientv3.New(cfg)
		if err == nil {
			break
		}
	}
	if err != nil {
		return err
	}
	defer cli.Close()
	_, err = cli.Get(ctx, "k")
	return err
}

// Bad: one error path closes the client, the one before it returns
// without.
func NewStoreHalf(ctx context.Context) (*Store, error) {
	cli, err := clientv3.New(cfg) // want `the function returns at shapes.go:97 without closing it or handing it on`
	if err != nil {
		return nil, err
	}
	if _, err := cli.Get(ctx, "/schema"); err != nil {
		return nil, err
	}
	if _, err := cli.Get(ctx, "/probe"); err != nil {
		cli.Close()
		return nil, err
	}
	return &Store{cli: cli}, nil
}
