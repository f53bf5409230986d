package wl1

import (
	"context"
	"encoding/json"

	clientv3 "go.etcd.io/etcd/client/v3"
)

// A generic config watcher: the watch is cancelled by its own cancel.
func watchJSON[T any](cli *clientv3.Client, key string, apply func(T)) error {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	for wresp := range cli.Watch(ctx, key) {
		for _, ev := range wresp.Events {
			var v T
			if err := json.Unmarshal(ev.Kv.Value, &v); err != nil {
				return err
			}
			apply(v)
		}
	}
	return nil
}

// A generic drain on the caller's ctx.
func drain[T any](ctx context.Context, w clientv3.Watcher, key string, dec func([]byte) T) []T {
	var out []T
	for wresp := range w.Watch(ctx, key) {
		for _, ev := range wresp.Events {
			out = append(out, dec(ev.Kv.Value))
		}
	}
	return out
}

// An interface over the client, closed when done.
type etcd interface {
	clientv3.KV
	clientv3.Watcher
	Close() error
}

func once(c etcd, key string) string {
	defer c.Close()
	for wresp := range c.Watch(context.Background(), key) {
		for _, ev := range wresp.Events {
			return string(ev.Kv.Value)
		}
	}
	return ""
}

// A method value, with the watch's ctx cancelled.
func methodValue(cli *clientv3.Client, key string) string {
	watch := cli.Watch
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	for wresp := range watch(ctx, key) {
		for _, ev := range wresp.Events {
			return string(ev.Kv.Value)
		}
	}
	return ""
}
