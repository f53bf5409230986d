// Package recvshapes holds WL2's twins on the other closing channels:
// KeepAlive, Observe and endpoints.WatchChannel, and a field.
package recvshapes

import (
	"context"
	"time"

	clientv3 "go.etcd.io/etcd/client/v3"
	"go.etcd.io/etcd/client/v3/concurrency"
	"go.etcd.io/etcd/client/v3/naming/endpoints"
)

// A keepalive drain: once the lease expires or is revoked, kach closes and
// `case <-kach:` fires forever.
func drainNoOK(kach <-chan *clientv3.LeaseKeepAliveResponse, stop chan struct{}) {
	for {
		select {
		case <-kach: // want `this receive from kach \(a KeepAlive channel\) has no ok and the loop comes back to it, .* the receive returns a nil response without blocking`
		case <-stop:
			return
		}
	}
}

func drainOK(kach <-chan *clientv3.LeaseKeepAliveResponse, stop chan struct{}) {
	for {
		select {
		case _, ok := <-kach:
			if !ok {
				return
			}
		case <-stop:
			return
		}
	}
}

// etcd never sends a nil keepalive response: the test tells the close.
func drainNil(kach <-chan *clientv3.LeaseKeepAliveResponse) {
	for {
		ka := <-kach
		if ka == nil {
			return
		}
	}
}

func observeNoOK(e *concurrency.Election, ctx context.Context, leader func(string)) {
	och := e.Observe(ctx)
	for {
		resp := <-och // want `this receive from och \(an Observe channel\) has no ok`
		leader(string(resp.Kvs[0].Value))
	}
}

func observeOK(e *concurrency.Election, ctx context.Context, leader func(string)) {
	for resp := range e.Observe(ctx) {
		leader(string(resp.Kvs[0].Value))
	}
}

func endpointsNoOK(m endpoints.Manager, ctx context.Context, apply func([]*endpoints.Update)) error {
	wch, err := m.NewWatchChannel(ctx)
	if err != nil {
		return err
	}
	for {
		select {
		case ups := <-wch: // want `this receive from wch \(an endpoints.WatchChannel\) has no ok`
			apply(ups)
		case <-time.After(time.Second):
		}
	}
}

func endpointsOK(m endpoints.Manager, ctx context.Context, apply func([]*endpoints.Update)) error {
	wch, err := m.NewWatchChannel(ctx)
	if err != nil {
		return err
	}
	for {
		select {
		case ups, ok := <-wch:
			if !ok {
				return nil
			}
			apply(ups)
		case <-time.After(time.Second):
		}
	}
}

type watcher struct {
	wch clientv3.WatchChan
}

// The channel kept in a field the loop does not write.
func (w *watcher) fieldNoOK(done <-chan struct{}) {
	for {
		select {
		case wresp := <-w.wch: // want `this receive from w.wch \(a clientv3.WatchChan\) has no ok`
			_ = wresp
		case <-done:
			return
		}
	}
}

func (w *watcher) rewatch(cli *clientv3.Client, ctx context.Context) {
	for {
		select {
		case wresp := <-w.wch:
			if wresp.Canceled {
				w.reset(cli, ctx)
			}
		}
	}
}

func (w *watcher) reset(cli *clientv3.Client, ctx context.Context) { w.wch = cli.Watch(ctx, "k") }

// In a goroutine's loop.
func inGoroutine(cli *clientv3.Client, ctx context.Context, out chan<- int64) {
	wch := cli.Watch(ctx, "k")
	go func() {
		for {
			wresp := <-wch // want `this receive from wch \(a clientv3.WatchChan\) has no ok`
			out <- wresp.Header.Revision
		}
	}()
}

// Drain what is buffered, then leave: a closed channel is empty.
func drainBuffered(kach <-chan *clientv3.LeaseKeepAliveResponse) {
	for {
		<-kach
		if len(kach) == 0 {
			break
		}
	}
}

// go-zero's publisher: the watch and the keepalive both run on the
// client's own Ctx(), so only the client closing ends either, and then
// the keepalive case, which reads its ok, leaves within a few iterations.
type etcdClient interface {
	Ctx() context.Context
	KeepAlive(ctx context.Context, id clientv3.LeaseID) (<-chan *clientv3.LeaseKeepAliveResponse, error)
	Watch(ctx context.Context, key string, opts ...clientv3.OpOption) clientv3.WatchChan
}

func publish(cli etcdClient, id clientv3.LeaseID, key string, reput func()) error {
	ch, err := cli.KeepAlive(cli.Ctx(), id)
	if err != nil {
		return err
	}
	go func() {
		wch := cli.Watch(cli.Ctx(), key)
		for {
			select {
			case _, ok := <-ch:
				if !ok {
					return
				}
			case c := <-wch:
				if c.Err() != nil {
					return
				}
				reput()
			}
		}
	}()
	return nil
}

// The same loop with a watch on another context: it can close alone.
func publishOtherCtx(cli etcdClient, ctx context.Context, id clientv3.LeaseID, key string, reput func()) error {
	ch, err := cli.KeepAlive(cli.Ctx(), id)
	if err != nil {
		return err
	}
	go func() {
		wch := cli.Watch(ctx, key)
		for {
			select {
			case _, ok := <-ch:
				if !ok {
					return
				}
			case c := <-wch: // want `this receive from wch \(a clientv3.WatchChan\) has no ok`
				if c.Err() != nil {
					return
				}
				reput()
			}
		}
	}()
	return nil
}
