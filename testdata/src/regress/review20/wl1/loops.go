package wl1

import (
	"context"
	"sync"

	clientv3 "go.etcd.io/etcd/client/v3"
)

func watchKey(wch clientv3.WatchChan, apply func(clientv3.WatchResponse)) {
	for wresp := range wch {
		apply(wresp)
	}
}

// One goroutine per key, each draining its watch.
func perKey(cli *clientv3.Client, keys []string, apply func(clientv3.WatchResponse)) {
	for _, key := range keys {
		go watchKey(cli.Watch(context.Background(), key), apply)
	}
}

// The watches kept by key.
func byKey(cli *clientv3.Client, keys []string) map[string]clientv3.WatchChan {
	chans := make(map[string]clientv3.WatchChan, len(keys))
	for _, key := range keys {
		chans[key] = cli.Watch(context.Background(), key)
	}
	return chans
}

// A fan-in of every watch.
func fanIn(cli *clientv3.Client, keys []string) <-chan clientv3.WatchResponse {
	var wchs []clientv3.WatchChan
	for _, key := range keys {
		wchs = append(wchs, cli.Watch(context.Background(), key))
	}
	out := make(chan clientv3.WatchResponse)
	var wg sync.WaitGroup
	for _, wch := range wchs {
		wg.Add(1)
		go func(wch clientv3.WatchChan) {
			defer wg.Done()
			for wresp := range wch {
				out <- wresp
			}
		}(wch)
	}
	go func() { wg.Wait(); close(out) }()
	return out
}

// A goroutine per key through a closure that captures the channel.
func closures(cli *clientv3.Client, keys []string, apply func(clientv3.WatchResponse)) {
	for _, key := range keys {
		wch := cli.Watch(clientv3.WithRequireLeader(context.Background()), key)
		go func() {
			for wresp := range wch {
				apply(wresp)
			}
		}()
	}
}

// A value type wrapping the client, with a Watch method of the same
// signature that adds a prefix and hands the caller's ctx on.
type prefixed struct {
	cli *clientv3.Client
	pfx string
}

func (p prefixed) Watch(ctx context.Context, key string, opts ...clientv3.OpOption) clientv3.WatchChan {
	return p.cli.Watch(ctx, p.pfx+key, opts...)
}

func usePrefixed(p prefixed, apply func(clientv3.WatchResponse)) {
	go func() {
		for wresp := range p.Watch(context.Background(), "cfg") {
			apply(wresp)
		}
	}()
}
