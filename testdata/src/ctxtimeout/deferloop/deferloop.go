// Package deferloop holds CT1 for a cancel deferred inside a loop: it runs
// when the function returns, so every iteration's context stays until then.
package deferloop

import (
	"context"
	"time"

	clientv3 "go.etcd.io/etcd/client/v3"
)

func next() (string, bool) { return "", true }

// A range loop.
func perKey(ctx context.Context, cli *clientv3.Client, keys []string) error {
	for _, k := range keys {
		gctx, cancel := context.WithTimeout(ctx, time.Second) // want `the cancel func of context.WithTimeout is deferred at deferloop.go:18, which waits for the function to return, and the loop makes the next context first, so every iteration's timer and its entry in the parent context live until the deadline \(the context goes to etcd at deferloop.go:19\); move the loop body into a function, or call cancel\(\) at the end of the iteration`
		defer cancel()
		if _, err := cli.Get(gctx, k); err != nil {
			return err
		}
	}
	return nil
}

// A three-clause loop.
func counted(ctx context.Context, cli *clientv3.Client, n int) {
	for i := 0; i < n; i++ {
		gctx, cancel := context.WithCancel(ctx) // want `the cancel func of context.WithCancel is deferred at deferloop.go:30, which waits for the function to return`
		defer cancel()
		cli.Get(gctx, "k")
	}
}

// A loop without a condition, left by a return.
func forever(ctx context.Context, cli *clientv3.Client) {
	for {
		k, ok := next()
		if !ok {
			return
		}
		gctx, cancel := context.WithTimeout(ctx, time.Second) // want `the cancel func of context.WithTimeout is deferred at deferloop.go:43, which waits for the function to return`
		defer cancel()
		cli.Get(gctx, k)
	}
}

// The fix: the loop body in a function of its own.
func perKeyFunc(ctx context.Context, cli *clientv3.Client, keys []string) error {
	for _, k := range keys {
		if err := func() error {
			gctx, cancel := context.WithTimeout(ctx, time.Second)
			defer cancel()
			_, err := cli.Get(gctx, k)
			return err
		}(); err != nil {
			return err
		}
	}
	return nil
}

// A loop that returns in its first iteration.
func first(ctx context.Context, cli *clientv3.Client, keys []string) error {
	for _, k := range keys {
		gctx, cancel := context.WithTimeout(ctx, time.Second)
		defer cancel()
		_, err := cli.Get(gctx, k)
		return err
	}
	return nil
}

// Deferred before the loop.
func outside(ctx context.Context, cli *clientv3.Client, keys []string) {
	gctx, cancel := context.WithTimeout(ctx, time.Second)
	defer cancel()
	for _, k := range keys {
		cli.Get(gctx, k)
	}
}

// Each context bounds a watch the function reads after the loop: the
// defers keep them open until it returns, on purpose (etcd's own watch
// tests open their watches so).
func openWatches(ctx context.Context, cli *clientv3.Client, keys []string) {
	watches := make([]clientv3.WatchChan, len(keys))
	for i, k := range keys {
		wctx, cancel := context.WithTimeout(ctx, time.Second)
		defer cancel()
		watches[i] = cli.Watch(wctx, k)
	}
	for _, w := range watches {
		for range w {
		}
	}
}
