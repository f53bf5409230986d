package wl1

import (
	"context"
	"sync"

	clientv3 "go.etcd.io/etcd/client/v3"
)

// onceStore closes done once, in a sync.Once, and then the client: a
// goroutine returning on done leaves its watch to the client, which is
// closing.
type onceStore struct {
	client *clientv3.Client
	done   chan struct{}
	once   sync.Once
}

func (s *onceStore) Watch(key string) <-chan string {
	out := make(chan string)
	go func() {
		defer close(out)
		rch := s.client.Watch(context.Background(), key)
		for {
			select {
			case <-s.done:
				return
			case wresp, ok := <-rch:
				if !ok || wresp.Canceled {
					return
				}
				for _, ev := range wresp.Events {
					out <- string(ev.Kv.Value)
				}
			}
		}
	}()
	return out
}

func (s *onceStore) Close() error {
	s.once.Do(func() { close(s.done) })
	return s.client.Close()
}
