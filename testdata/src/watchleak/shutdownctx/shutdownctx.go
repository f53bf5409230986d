// Package shutdownctx: a shutdown signal that is a context field, made by
// context.WithCancel(context.Background()) and cancelled only where the
// watched client is closed too, ends the watch with the client.
package shutdownctx

import (
	"context"
	"time"

	clientv3 "go.etcd.io/etcd/client/v3"
)

// Good: Close cancels ctx and closes the client.
type store struct {
	client *clientv3.Client
	ctx    context.Context
	cancel context.CancelFunc
}

func newStore(cli *clientv3.Client) *store {
	ctx, cancel := context.WithCancel(context.Background())
	return &store{client: cli, ctx: ctx, cancel: cancel}
}

func (s *store) Watch(key string, apply func(string)) {
	go func() {
		rch := s.client.Watch(context.Background(), key)
		for {
			select {
			case <-s.ctx.Done():
				return
			case wresp, ok := <-rch:
				if !ok {
					return
				}
				for _, ev := range wresp.Events {
					apply(string(ev.Kv.Value))
				}
			}
		}
	}()
}

func (s *store) Close() error {
	s.cancel()
	return s.client.Close()
}

// Bad: Stop cancels ctx and leaves the client open.
type stopper struct {
	client *clientv3.Client
	ctx    context.Context
	cancel context.CancelFunc
}

func newStopper(cli *clientv3.Client) *stopper {
	s := &stopper{client: cli}
	s.ctx, s.cancel = context.WithCancel(context.Background())
	return s
}

func (s *stopper) Watch(key string, apply func(string)) {
	go func() {
		rch := s.client.Watch(context.Background(), key) // want `this Watch is given a context nothing can cancel \(context.Background\(\) at shutdownctx.go:64\), and the return at shutdownctx.go:68 abandons it`
		for {
			select {
			case <-s.ctx.Done():
				return
			case wresp, ok := <-rch:
				if !ok {
					return
				}
				for _, ev := range wresp.Events {
					apply(string(ev.Kv.Value))
				}
			}
		}
	}()
}

func (s *stopper) Stop() { s.cancel() }

func (s *stopper) Close() error { return s.client.Close() }

// Bad: the cancel is handed to a timer, which runs it with the client
// open.
type timed struct {
	client *clientv3.Client
	ctx    context.Context
	cancel context.CancelFunc
}

func newTimed(cli *clientv3.Client, d time.Duration) *timed {
	ctx, cancel := context.WithCancel(context.Background())
	t := &timed{client: cli, ctx: ctx, cancel: cancel}
	time.AfterFunc(d, t.cancel)
	return t
}

func (t *timed) Watch(key string, apply func(string)) {
	go func() {
		rch := t.client.Watch(context.Background(), key) // want `this Watch is given a context nothing can cancel \(context.Background\(\) at shutdownctx.go:102\), and the return at shutdownctx.go:106 abandons it`
		for {
			select {
			case <-t.ctx.Done():
				return
			case wresp, ok := <-rch:
				if !ok {
					return
				}
				for _, ev := range wresp.Events {
					apply(string(ev.Kv.Value))
				}
			}
		}
	}()
}

func (t *timed) Close() error {
	t.cancel()
	return t.client.Close()
}

// Good: the fields set by one assignment in the constructor.
type assigned struct {
	client *clientv3.Client
	ctx    context.Context
	cancel context.CancelFunc
}

func newAssigned(cli *clientv3.Client) *assigned {
	a := &assigned{client: cli}
	a.ctx, a.cancel = context.WithCancel(context.Background())
	return a
}

func (a *assigned) Watch(key string, apply func(string)) {
	go func() {
		rch := a.client.Watch(context.Background(), key)
		for {
			select {
			case <-a.ctx.Done():
				return
			case wresp, ok := <-rch:
				if !ok {
					return
				}
				for _, ev := range wresp.Events {
					apply(string(ev.Kv.Value))
				}
			}
		}
	}()
}

func (a *assigned) Close() error {
	defer a.client.Close()
	a.cancel()
	return nil
}
