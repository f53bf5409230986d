// Package fields holds WL1's twins for clients kept in fields, local
// contexts, discarded channels and goroutines.
package fields

import (
	"context"

	clientv3 "go.etcd.io/etcd/client/v3"
)

type W struct {
	cli  *clientv3.Client
	stop chan struct{}
}

// Closing the field's client, through another load of it, ends the watch.
func (w *W) closeField(k string) []byte {
	defer w.cli.Close()
	for wr := range w.cli.Watch(context.Background(), k) {
		for _, ev := range wr.Events {
			return ev.Kv.Value
		}
	}
	return nil
}

// A discarded channel: nobody can read or end the watch.
func (w *W) discarded(k string) {
	w.cli.Watch(context.Background(), k) // want `this Watch is given a context nothing can cancel`
}

// Leaving on stop leaves the watch open until the client closes.
func (w *W) stopLoop(k string, apply func(clientv3.WatchResponse)) {
	wch := w.cli.Watch(context.Background(), k) // want `this Watch is given a context nothing can cancel \(context.Background\(\) at fields.go:\d+\), and the return at fields.go:\d+ abandons it`
	for {
		select {
		case <-w.stop:
			return
		case wr, ok := <-wch:
			if !ok {
				return
			}
			apply(wr)
		}
	}
}

func localCtx(cli *clientv3.Client, k string) clientv3.WatchResponse {
	ctx := context.Background()
	return <-cli.Watch(ctx, k) // want `this Watch is given a context nothing can cancel`
}

// The goroutine's own return abandons its watch.
func closureWatch(cli *clientv3.Client, k string) {
	go func() {
		for wr := range cli.Watch(context.Background(), k) { // want `this Watch is given a context nothing can cancel`
			if len(wr.Events) > 0 {
				return
			}
		}
	}()
}
