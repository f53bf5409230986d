// Package wl2: correct receive loops on etcd's closing channels; WL2 must
// stay silent on all of them.
package wl2

import (
	"context"
	"time"

	clientv3 "go.etcd.io/etcd/client/v3"
)

// One event or a timeout; the loop ends once the event came.
func waitDone(wch clientv3.WatchChan) bool {
	done := false
	for !done {
		select {
		case <-wch:
			done = true
		case <-time.After(time.Second):
		}
	}
	return done
}

// A keepalive loop that tells the close by a nil response.
func keepAlive(ctx context.Context, cli *clientv3.Client, id clientv3.LeaseID) error {
	kach, err := cli.KeepAlive(ctx, id)
	if err != nil {
		return err
	}
	for {
		select {
		case <-ctx.Done():
			return ctx.Err()
		case ka := <-kach:
			if ka == nil {
				return nil
			}
		}
	}
}

// The ok, named in a select case and tested by switch.
func switchOK(wch clientv3.WatchChan, apply func(clientv3.WatchResponse)) {
	for {
		select {
		case wresp, ok := <-wch:
			switch {
			case !ok:
				return
			default:
				apply(wresp)
			}
		}
	}
}

// The channel is made afresh when it closes: ok false re-watches.
func rewatch(ctx context.Context, cli *clientv3.Client, key string) {
	wch := cli.Watch(ctx, key)
	for {
		wresp, ok := <-wch
		if !ok {
			if ctx.Err() != nil {
				return
			}
			wch = cli.Watch(ctx, key)
			continue
		}
		_ = wresp
	}
}

// A header nil-test through a pointer kept in a variable.
func headerNil(wch clientv3.WatchChan, apply func(int64)) {
	for {
		wresp := <-wch
		h := wresp.Header
		if h == nil {
			return
		}
		apply(h.Revision)
	}
}

// A loop over the attempts, each of which waits for one response.
func attempts(ctx context.Context, cli *clientv3.Client, key string) {
	for attempt := range 3 {
		_ = attempt
		wch := cli.Watch(ctx, key)
		<-wch
	}
}

// A stopping flag set on every path out of the receive.
func stopFlag(kach <-chan *clientv3.LeaseKeepAliveResponse, stop <-chan struct{}) {
	running := true
	for running {
		select {
		case <-kach:
			running = false
		case <-stop:
			running = false
		}
	}
}
