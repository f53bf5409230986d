// Package watchshapes holds WL1's twins for Observe, NewWatchChannel, the
// Watcher interface, wrappers, and the loop form.
package watchshapes

import (
	"context"

	clientv3 "go.etcd.io/etcd/client/v3"
	"go.etcd.io/etcd/client/v3/concurrency"
	"go.etcd.io/etcd/client/v3/naming/endpoints"
)

// One read from Observe leaves its goroutine behind.
func leader(e *concurrency.Election) string {
	resp := <-e.Observe(context.Background()) // want `this Observe is given a context nothing can cancel`
	return string(resp.Kvs[0].Value)
}

func leaderFixed(e *concurrency.Election) string {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	resp := <-e.Observe(ctx)
	return string(resp.Kvs[0].Value)
}

// The failed NewWatchChannel holds nothing.
func endpointsOnce(m endpoints.Manager) ([]*endpoints.Update, error) {
	wch, err := m.NewWatchChannel(context.Background()) // want `this NewWatchChannel is given a context nothing can cancel`
	if err != nil {
		return nil, err
	}
	return <-wch, nil
}

func endpointsOnceFixed(m endpoints.Manager) ([]*endpoints.Update, error) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	wch, err := m.NewWatchChannel(ctx)
	if err != nil {
		return nil, err
	}
	return <-wch, nil
}

// Through the Watcher interface, and a wrapper interface with Watch's signature.
type watcher interface {
	Watch(ctx context.Context, key string, opts ...clientv3.OpOption) clientv3.WatchChan
}

func viaWatcher(w clientv3.Watcher, key string) clientv3.WatchResponse {
	return <-w.Watch(context.Background(), key) // want `this Watch is given a context nothing can cancel`
}

func viaWrapper(w watcher, key string) clientv3.WatchResponse {
	return <-w.Watch(context.Background(), key) // want `this Watch is given a context nothing can cancel`
}

// Closing the Watcher ends its watches.
func watcherClosed(cli *clientv3.Client, key string) clientv3.WatchResponse {
	w := clientv3.NewWatcher(cli)
	defer w.Close()
	return <-w.Watch(context.Background(), key)
}

// The loop form: each iteration watches again while the last is open.
func rewatch(cli *clientv3.Client, key string, apply func(clientv3.WatchResponse)) {
	for {
		wch := cli.Watch(context.Background(), key) // want `this Watch, on a context nothing can cancel \(context.Background\(\) at watchshapes.go:\d+\), runs again on each iteration of the loop while the previous watch is still open`
		wresp := <-wch
		apply(wresp)
	}
}

// Watching again only once the last watch has ended.
func rewatchOnClose(cli *clientv3.Client, key string, apply func(clientv3.WatchResponse)) {
	for {
		for wresp := range cli.Watch(context.Background(), key) {
			if wresp.Canceled {
				break
			}
			apply(wresp)
		}
	}
}

func rewatchFixed(cli *clientv3.Client, key string, apply func(clientv3.WatchResponse)) {
	for {
		ctx, cancel := context.WithCancel(context.Background())
		wresp := <-cli.Watch(ctx, key)
		cancel()
		apply(wresp)
	}
}
