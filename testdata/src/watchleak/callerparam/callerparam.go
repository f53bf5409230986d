// Package callerparam: a watch on a client given as a parameter to an
// unexported helper whose every caller has deferred closing that client
// ends when the caller returns.
package callerparam

import (
	"context"

	clientv3 "go.etcd.io/etcd/client/v3"
)

func firstValue(cli *clientv3.Client, key string) string {
	for wresp := range cli.Watch(context.Background(), key) {
		for _, ev := range wresp.Events {
			return string(ev.Kv.Value)
		}
	}
	return ""
}

// Good: the one caller closes the client it made.
func Get(cfg clientv3.Config, key string) (string, error) {
	cli, err := clientv3.New(cfg)
	if err != nil {
		return "", err
	}
	defer cli.Close()
	return firstValue(cli, key), nil
}

func nextValue(cli *clientv3.Client, key string) string {
	for wresp := range cli.Watch(context.Background(), key) { // want `this Watch is given a context nothing can cancel \(context.Background\(\) at callerparam.go:32\), and the return at callerparam.go:34 abandons it`
		for _, ev := range wresp.Events {
			return string(ev.Kv.Value)
		}
	}
	return ""
}

// Bad: one caller closes its client, the other passes a shared one.
func Next(cfg clientv3.Config, key string) (string, error) {
	cli, err := clientv3.New(cfg)
	if err != nil {
		return "", err
	}
	defer cli.Close()
	return nextValue(cli, key), nil
}

func NextShared(cli *clientv3.Client, key string) string {
	return nextValue(cli, key)
}

// Bad: exported, so callers elsewhere may pass any client.
func LastValue(cli *clientv3.Client, key string) string {
	for wresp := range cli.Watch(context.Background(), key) { // want `this Watch is given a context nothing can cancel \(context.Background\(\) at callerparam.go:56\), and the return at callerparam.go:58 abandons it`
		for _, ev := range wresp.Events {
			return string(ev.Kv.Value)
		}
	}
	return ""
}
