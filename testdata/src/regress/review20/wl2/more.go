package wl2

import (
	"context"
	"time"

	clientv3 "go.etcd.io/etcd/client/v3"
	"go.etcd.io/etcd/client/v3/concurrency"
)

// A labeled loop left from the receive on every path.
func firstOrTimeout(wch clientv3.WatchChan) *clientv3.WatchResponse {
	var got *clientv3.WatchResponse
loop:
	for {
		select {
		case wresp := <-wch:
			got = &wresp
			break loop
		case <-time.After(time.Second):
		}
	}
	return got
}

// A goto out of the loop after the receive.
func gotoOut(kach <-chan *clientv3.LeaseKeepAliveResponse) int64 {
	var ttl int64
	for {
		select {
		case ka := <-kach:
			if ka != nil {
				ttl = ka.TTL
			}
			goto done
		case <-time.After(time.Second):
		}
	}
done:
	return ttl
}

// Observe's channel, ok read, in a leader-following goroutine.
func followLeader(ctx context.Context, e *concurrency.Election, set func(string)) {
	go func() {
		obs := e.Observe(ctx)
		for {
			select {
			case <-ctx.Done():
				return
			case resp, ok := <-obs:
				if !ok {
					return
				}
				if len(resp.Kvs) > 0 {
					set(string(resp.Kvs[0].Value))
				}
			}
		}
	}()
}

// A response channel of the program's own, fed from the watch.
func relay(ctx context.Context, cli *clientv3.Client, key string) <-chan clientv3.WatchResponse {
	out := make(chan clientv3.WatchResponse)
	go func() {
		defer close(out)
		for wresp := range cli.Watch(ctx, key) {
			out <- wresp
		}
	}()
	return out
}

// A switch on the nil test.
func switchNil(kach <-chan *clientv3.LeaseKeepAliveResponse, beat func(int64)) {
	for {
		switch ka := <-kach; {
		case ka == nil:
			return
		default:
			beat(ka.TTL)
		}
	}
}
