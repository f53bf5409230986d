// Package v34 holds watchleak's twins on the v3.3 import path.
package v33

import (
	"context"

	"github.com/coreos/etcd/clientv3"
)

func handle(clientv3.WatchResponse) {}

func selectNoOK(wch clientv3.WatchChan, done <-chan struct{}) {
	for {
		select {
		case wresp := <-wch: // want `this receive from wch \(a clientv3.WatchChan\) has no ok`
			handle(wresp)
		case <-done:
			return
		}
	}
}

func selectOK(wch clientv3.WatchChan, done <-chan struct{}) {
	for {
		select {
		case wresp, ok := <-wch:
			if !ok {
				return
			}
			handle(wresp)
		case <-done:
			return
		}
	}
}

func firstValue(cli *clientv3.Client, key string) []byte {
	for wresp := range cli.Watch(context.Background(), key) { // want `this Watch is given a context nothing can cancel \(context.Background\(\) at v33.go:\d+\), and the return at v33.go:\d+ abandons it`
		for _, ev := range wresp.Events {
			return ev.Kv.Value
		}
	}
	return nil
}

func firstValueFixed(cli *clientv3.Client, key string) []byte {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	for wresp := range cli.Watch(ctx, key) {
		for _, ev := range wresp.Events {
			return ev.Kv.Value
		}
	}
	return nil
}
