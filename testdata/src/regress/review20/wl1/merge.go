package wl1

import (
	"context"
	"sync"

	clientv3 "go.etcd.io/etcd/client/v3"
)

func merge[T any](chans ...<-chan T) <-chan T {
	out := make(chan T)
	var wg sync.WaitGroup
	for _, c := range chans {
		wg.Add(1)
		go func(c <-chan T) {
			defer wg.Done()
			for v := range c {
				out <- v
			}
		}(c)
	}
	go func() { wg.Wait(); close(out) }()
	return out
}

// Two watches merged by a generic fan-in that drains both.
func both(cli *clientv3.Client, a, b string) <-chan clientv3.WatchResponse {
	return merge[clientv3.WatchResponse](cli.Watch(context.Background(), a), cli.Watch(context.Background(), b))
}

// The channel kept in a struct whose loop drains it.
type pump struct {
	ch    clientv3.WatchChan
	apply func(clientv3.WatchResponse)
}

func (p pump) loop() {
	for wresp := range p.ch {
		p.apply(wresp)
	}
}

func startPump(cli *clientv3.Client, key string, apply func(clientv3.WatchResponse)) {
	p := pump{ch: cli.Watch(context.Background(), key), apply: apply}
	go p.loop()
}
