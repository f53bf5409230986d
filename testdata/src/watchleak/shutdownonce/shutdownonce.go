// Package shutdownonce: a shutdown signal closed in a sync.Once inside
// Close counts as closed in Close, together with the client Close closes.
package shutdownonce

import (
	"context"
	"sync"

	clientv3 "go.etcd.io/etcd/client/v3"
)

// Good: Close closes done once and then the client: the goroutine that
// returns on done leaves its watch to the client, which is closing.
type store struct {
	client *clientv3.Client
	done   chan struct{}
	once   sync.Once
}

func (s *store) Watch(key string) <-chan string {
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

func (s *store) Close() error {
	s.once.Do(func() { close(s.done) })
	return s.client.Close()
}

// Bad: Stop closes the signal once and leaves the client open.
type stopper struct {
	client *clientv3.Client
	stop   chan struct{}
	once   sync.Once
}

func (s *stopper) Watch(key string) <-chan string {
	out := make(chan string)
	go func() {
		defer close(out)
		rch := s.client.Watch(context.Background(), key) // want `this Watch is given a context nothing can cancel \(context.Background\(\) at shutdownonce.go:58\), and the return at shutdownonce.go:62 abandons it`
		for {
			select {
			case <-s.stop:
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

func (s *stopper) Stop() { s.once.Do(func() { close(s.stop) }) }

func (s *stopper) Close() error { return s.client.Close() }
