// Package loops: a client per iteration.
package loops

import (
	"context"
	"time"

	clientv3 "go.etcd.io/etcd/client/v3"
)

var cfg = clientv3.Config{Endpoints: []string{"127.0.0.1:2379"}}

// Bad: a client per reconcile, never closed.
func reconcile(ctx context.Context) {
	for {
		select {
		case <-ctx.Done():
			return
		case <-time.After(time.Second):
		}
		cli, err := clientv3.New(cfg) // want `client from clientv3.New leaks: the loop creates the next one without closing it`
		if err != nil {
			continue
		}
		cli.Get(ctx, "k")
	}
}

// Bad: the Close waits for the function.
func reconcileDeferred(ctx context.Context) {
	for {
		select {
		case <-ctx.Done():
			return
		case <-time.After(time.Second):
		}
		cli, err := clientv3.New(cfg) // want `its Close is deferred at loops.go:41, which waits for the function to return`
		if err != nil {
			continue
		}
		defer cli.Close()
		cli.Get(ctx, "k")
	}
}

// Good twin: closed at the end of the iteration.
func reconcileClosed(ctx context.Context) {
	for {
		select {
		case <-ctx.Done():
			return
		case <-time.After(time.Second):
		}
		cli, err := clientv3.New(cfg)
		if err != nil {
			continue
		}
		cli.Get(ctx, "k")
		cli.Close()
	}
}

// Good: one client per endpoint, all closed when the function returns.
func probeAll(ctx context.Context, eps []string) {
	for _, ep := range eps {
		cli, err := clientv3.NewFromURL(ep)
		if err != nil {
			continue
		}
		defer cli.Close()
		cli.Get(ctx, "k")
	}
}
