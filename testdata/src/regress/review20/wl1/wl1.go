// Package wl1: correct watch code in shapes real etcd users write; WL1
// must stay silent on all of it.
package wl1

import (
	"context"
	"errors"
	"os"
	"os/signal"
	"time"

	clientv3 "go.etcd.io/etcd/client/v3"
	"go.etcd.io/etcd/client/v3/concurrency"
	"golang.org/x/sync/errgroup"
)

// A watch retried after the server cancels it (a compaction): the
// response that says so is the last one, and the channel closes after it.
func watchCompacted(cli *clientv3.Client, key string, rev int64, apply func(*clientv3.Event)) {
	for {
		wch := cli.Watch(context.Background(), key, clientv3.WithRev(rev))
		for wresp := range wch {
			if wresp.CompactRevision != 0 {
				rev = wresp.CompactRevision
				break
			}
			for _, ev := range wresp.Events {
				apply(ev)
				rev = ev.Kv.ModRevision + 1
			}
		}
	}
}

// An errgroup's context ends when Wait returns.
func groupWatch(cli *clientv3.Client, key string) error {
	g, gctx := errgroup.WithContext(context.Background())
	g.Go(func() error {
		for wresp := range cli.Watch(gctx, key) {
			if len(wresp.Events) > 0 {
				return errors.New("changed")
			}
		}
		return nil
	})
	return g.Wait()
}

// signal.NotifyContext ends on the signal, and stop ends it too.
func untilSignal(cli *clientv3.Client, key string) string {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	for wresp := range cli.Watch(ctx, key) {
		for _, ev := range wresp.Events {
			return string(ev.Kv.Value)
		}
	}
	return ""
}

// A cause-carrying cancel.
func withCause(cli *clientv3.Client, key string) string {
	ctx, cancel := context.WithCancelCause(context.Background())
	defer cancel(nil)
	for wresp := range cli.Watch(ctx, key) {
		for _, ev := range wresp.Events {
			return string(ev.Kv.Value)
		}
	}
	return ""
}

// A deadline, optionally.
func optionalTimeout(cli *clientv3.Client, key string, d time.Duration) string {
	ctx := context.Background()
	if d > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, d)
		defer cancel()
	}
	for wresp := range cli.Watch(ctx, key) {
		for _, ev := range wresp.Events {
			return string(ev.Kv.Value)
		}
	}
	return ""
}

// A client made and closed here.
func ownClient(cfg clientv3.Config, key string) (string, error) {
	cli, err := clientv3.New(cfg)
	if err != nil {
		return "", err
	}
	defer cli.Close()
	for wresp := range cli.Watch(context.Background(), key) {
		for _, ev := range wresp.Events {
			return string(ev.Kv.Value), nil
		}
	}
	return "", nil
}

// A Watcher of its own, closed when done.
func ownWatcher(cli *clientv3.Client, key string) string {
	w := clientv3.NewWatcher(cli)
	defer w.Close()
	for wresp := range w.Watch(context.Background(), key) {
		for _, ev := range wresp.Events {
			return string(ev.Kv.Value)
		}
	}
	return ""
}

// The channel is handed to a goroutine started through a method value.
type watcher struct {
	cli *clientv3.Client
	out chan string
}

func (w *watcher) loop(wch clientv3.WatchChan) {
	for wresp := range wch {
		for _, ev := range wresp.Events {
			w.out <- string(ev.Kv.Value)
		}
	}
}

func (w *watcher) start(key string) {
	run := w.loop
	go run(w.cli.Watch(context.Background(), key))
}

// Returned as a receive-only channel of responses.
func events(cli *clientv3.Client, key string) <-chan clientv3.WatchResponse {
	return cli.Watch(context.Background(), key)
}

// Sent on a channel of channels.
func feed(cli *clientv3.Client, keys []string, out chan<- clientv3.WatchChan) {
	for _, k := range keys {
		out <- cli.Watch(context.Background(), k)
	}
}

// A handle with a cancel func.
type handle struct {
	ch     clientv3.WatchChan
	cancel context.CancelFunc
}

func open(cli *clientv3.Client, key string) handle {
	ctx, cancel := context.WithCancel(context.Background())
	return handle{ch: cli.Watch(ctx, key), cancel: cancel}
}

// A labeled loop, left when the channel closes, then a retry by goto.
func labeled(cli *clientv3.Client, key string, stop <-chan struct{}) {
retry:
	wch := cli.Watch(clientv3.WithRequireLeader(context.Background()), key)
loop:
	for {
		select {
		case wresp, ok := <-wch:
			if !ok {
				break loop
			}
			if err := wresp.Err(); err != nil {
				break loop
			}
		case <-time.After(time.Second):
		}
	}
	select {
	case <-stop:
		return
	default:
		goto retry
	}
}

// An Observe drained to its end.
func follow(e *concurrency.Election, leader func(string)) {
	for resp := range e.Observe(context.Background()) {
		if len(resp.Kvs) > 0 {
			leader(string(resp.Kvs[0].Value))
		}
	}
}

// The watch's error response ends the loop: switch on the error.
func switchErr(cli *clientv3.Client, key string) error {
	for wresp := range cli.Watch(context.Background(), key) {
		switch err := wresp.Err(); {
		case err == nil:
		case errors.Is(err, context.Canceled):
			return nil
		default:
			return err
		}
	}
	return nil
}

// Canceled checked through a pointer to the response.
func canceledPtr(cli *clientv3.Client, key string) error {
	for wresp := range cli.Watch(context.Background(), key) {
		wr := &wresp
		if wr.Canceled {
			return wr.Err()
		}
	}
	return nil
}
