// Package shutdown holds WL1's twins for a goroutine that returns on a
// shutdown signal: silent when the signal is closed only together with the
// watched client, reported when the client may stay open.
package shutdown

import (
	"context"

	clientv3 "go.etcd.io/etcd/client/v3"
)

// store closes done and its client together: a goroutine returning on
// done leaves its watch to the client, which is closing.
type store struct {
	client *clientv3.Client
	done   chan struct{}
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

func (s *store) Close() {
	close(s.done)
	s.client.Close()
}

// stopper's Stop signals its goroutines and leaves the client open: the
// watch outlives the goroutine.
type stopper struct {
	client *clientv3.Client
	stop   chan struct{}
}

func (s *stopper) Watch(key string) <-chan string {
	out := make(chan string)
	go func() {
		defer close(out)
		rch := s.client.Watch(context.Background(), key) // want `this Watch is given a context nothing can cancel \(context.Background\(\) at shutdown.go:57\), and the return at shutdown.go:61 abandons it`
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

func (s *stopper) Stop() { close(s.stop) }

func (s *stopper) Close() { s.client.Close() }
