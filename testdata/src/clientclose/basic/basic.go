// Package basic holds CL1's core shapes: a client per call that is never
// closed, and a constructor's error path after New.
package basic

import (
	"context"
	"errors"

	clientv3 "go.etcd.io/etcd/client/v3"
)

var cfg = clientv3.Config{Endpoints: []string{"127.0.0.1:2379"}}

// Bad: a client per call, never closed.
func putOnce(ctx context.Context) error {
	cli, err := clientv3.New(cfg) // want `client from clientv3.New leaks: the function returns at basic.go:21 without closing it, so its gRPC connection stays open until the process exits: a socket and about 5 goroutines in this process, and a socket and 3 goroutines on the server; defer cli.Close\(\) after the error check`
	if err != nil {
		return err
	}
	_, err = cli.Put(ctx, "k", "v")
	return err
}

// Good twin: closed by a defer after the error check.
func putOnceClosed(ctx context.Context) error {
	cli, err := clientv3.New(cfg)
	if err != nil {
		return err
	}
	defer cli.Close()
	_, err = cli.Put(ctx, "k", "v")
	return err
}

type Store struct{ cli *clientv3.Client }

// Bad: the constructor's probe fails and its error path returns without
// closing the client; the success path hands it on.
func NewStore(ctx context.Context) (*Store, error) {
	cli, err := clientv3.New(cfg) // want `client from clientv3.New leaks: the function returns at basic.go:45 without closing it or handing it on, so .*; call cli.Close\(\) on that path before returning`
	if err != nil {
		return nil, err
	}
	if _, err := cli.Get(ctx, "/probe"); err != nil {
		return nil, err
	}
	return &Store{cli: cli}, nil
}

// Good twin: the error path closes it.
func NewStoreClosed(ctx context.Context) (*Store, error) {
	cli, err := clientv3.New(cfg)
	if err != nil {
		return nil, err
	}
	if _, err := cli.Get(ctx, "/probe"); err != nil {
		cli.Close()
		return nil, err
	}
	return &Store{cli: cli}, nil
}

// Good: a constructor that returns the client, and one that stores it in
// its receiver (the struct's Close closes it).
func newClient() (*clientv3.Client, error) { return clientv3.New(cfg) }

func (s *Store) open() error {
	cli, err := clientv3.New(cfg)
	if err != nil {
		return err
	}
	s.cli = cli
	return nil
}

func (s *Store) Close() error { return s.cli.Close() }

// Bad: a caller of the same-package constructor owns what it returns.
func useNewClient(ctx context.Context) error {
	cli, err := newClient() // want `client from clientv3.New leaks: the function returns at basic.go:85 without closing it`
	if err != nil {
		return err
	}
	_, err = cli.Get(ctx, "k")
	return err
}

// Bad: discarded.
func ping() error {
	_, err := clientv3.New(cfg) // want `client from clientv3.New is discarded, so it is never closed and .*; assign it and defer its Close\(\) after the error check`
	return err
}

// Bad: NewFromURL and NewFromURLs too.
func fromURL(ctx context.Context, u string) error {
	cli, err := clientv3.NewFromURL(u) // want `client from clientv3.NewFromURL leaks: the function returns at basic.go:101`
	if err != nil {
		return err
	}
	_, err = cli.Get(ctx, "k")
	return err
}

func fromURLs(ctx context.Context, us []string) error {
	cli, err := clientv3.NewFromURLs(us) // want `client from clientv3.NewFromURLs leaks: the function returns at basic.go:110`
	if err != nil {
		return err
	}
	_, err = cli.Get(ctx, "k")
	return err
}

// Bad: NewCtxClient holds no connection, but its context and what is set
// on it; made from a context that never ends, nothing ends them.
func ctxClient(kv clientv3.KV) error {
	cli := clientv3.NewCtxClient(context.Background()) // want `client from clientv3.NewCtxClient leaks: the function returns at basic.go:119 without closing it, so its context, made from one that never ends, is never cancelled`
	cli.KV = kv
	_, err := cli.Get(context.Background(), "k")
	return err
}

// Good: its context ends with the caller's.
func ctxClientOfCaller(ctx context.Context, kv clientv3.KV) error {
	cli := clientv3.NewCtxClient(ctx)
	cli.KV = kv
	_, err := cli.Get(ctx, "k")
	return err
}

// Good: the error branch of New holds nothing, however it is spelt.
func gates(ctx context.Context) error {
	cli, err := clientv3.New(cfg)
	if errors.Is(err, context.DeadlineExceeded) {
		return err
	}
	if err != nil {
		return err
	}
	cli.Close()
	return nil
}

// Good: closed on every path by hand.
func closedByHand(ctx context.Context) error {
	cli, err := clientv3.New(cfg)
	if err != nil {
		return err
	}
	if _, err := cli.Get(ctx, "k"); err != nil {
		cli.Close()
		return err
	}
	return cli.Close()
}
