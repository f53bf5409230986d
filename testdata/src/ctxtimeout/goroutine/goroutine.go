// Package goroutine holds CT1 for a cancel func that a goroutine reassigns:
// a watch retried with a fresh context on variables captured from the
// enclosing function.
package goroutine

import (
	"context"

	clientv3 "go.etcd.io/etcd/client/v3"
)

func handle(clientv3.WatchResponse) {}

// The same shape in a plain function: the return at ctx.Done() leaves the
// last watch's cancel uncalled. (vet's lostcancel reports the retry's
// WithCancel, the last assignment; CT1 the first.)
func plain(ctx context.Context, cli *clientv3.Client, key string) {
	wctx, wcancel := context.WithCancel(ctx) // want `the cancel func of context.WithCancel is not called when the function returns at goroutine.go:23, .*goroutine.go:19`
	wch := cli.Watch(wctx, key)
	for {
		select {
		case <-ctx.Done():
			return
		case resp, ok := <-wch:
			if !ok || resp.Err() != nil {
				wcancel()
				wctx, wcancel = context.WithCancel(ctx) // go vet's lostcancel reports this one
				wch = cli.Watch(wctx, key)
				continue
			}
			handle(resp)
		}
	}
}

// In a goroutine: its return never calls the last cancel, and nothing
// else can, since the enclosing function is done with the variable.
func retried(ctx context.Context, cli *clientv3.Client, key string) {
	wctx, wcancel := context.WithCancel(ctx)
	wch := cli.Watch(wctx, key)
	go func() {
		for {
			select {
			case <-ctx.Done():
				return
			case resp, ok := <-wch:
				if !ok || resp.Err() != nil {
					wcancel()
					wctx, wcancel = context.WithCancel(ctx) // want `the cancel func of context.WithCancel is not called when the function returns at goroutine.go:45, so its entry in the parent context lives until the parent ends on every call \(the context goes to etcd at goroutine.go:50\); call it on every path, e.g. defer cancel\(\) after the call`
					wch = cli.Watch(wctx, key)
					continue
				}
				handle(resp)
			}
		}
	}()
}

// The goroutine defers a closure that calls whichever cancel is last.
func retriedDeferred(ctx context.Context, cli *clientv3.Client, key string) {
	wctx, wcancel := context.WithCancel(ctx)
	wch := cli.Watch(wctx, key)
	go func() {
		defer func() { wcancel() }()
		for {
			select {
			case <-ctx.Done():
				return
			case resp, ok := <-wch:
				if !ok || resp.Err() != nil {
					wcancel()
					wctx, wcancel = context.WithCancel(ctx)
					wch = cli.Watch(wctx, key)
					continue
				}
				handle(resp)
			}
		}
	}()
}

// The goroutine calls the last cancel before it returns.
func retriedCalled(ctx context.Context, cli *clientv3.Client, key string) {
	wctx, wcancel := context.WithCancel(ctx)
	wch := cli.Watch(wctx, key)
	go func() {
		for {
			select {
			case <-ctx.Done():
				wcancel()
				return
			case resp, ok := <-wch:
				if !ok || resp.Err() != nil {
					wcancel()
					wctx, wcancel = context.WithCancel(ctx)
					wch = cli.Watch(wctx, key)
					continue
				}
				handle(resp)
			}
		}
	}()
}

// The enclosing function waits for the goroutine and then cancels the
// captured variable, which holds the last cancel by then.
func retriedParentCancels(ctx context.Context, cli *clientv3.Client, key string) {
	wctx, wcancel := context.WithCancel(ctx)
	wch := cli.Watch(wctx, key)
	done := make(chan struct{})
	go func() {
		defer close(done)
		for {
			select {
			case <-ctx.Done():
				return
			case resp, ok := <-wch:
				if !ok || resp.Err() != nil {
					wcancel()
					wctx, wcancel = context.WithCancel(ctx)
					wch = cli.Watch(wctx, key)
					continue
				}
				handle(resp)
			}
		}
	}()
	<-done
	wcancel()
}

// The enclosing function hands the captured variable's address on: whoever
// gets it may call the last cancel.
func retriedEscapes(ctx context.Context, cli *clientv3.Client, key string, keep func(*context.CancelFunc)) {
	wctx, wcancel := context.WithCancel(ctx)
	keep(&wcancel)
	wch := cli.Watch(wctx, key)
	go func() {
		for {
			select {
			case <-ctx.Done():
				return
			case resp, ok := <-wch:
				if !ok || resp.Err() != nil {
					wcancel()
					wctx, wcancel = context.WithCancel(ctx)
					wch = cli.Watch(wctx, key)
					continue
				}
				handle(resp)
			}
		}
	}()
}

// A second closure captures the variable too: it may call the last cancel.
func retriedShared(ctx context.Context, cli *clientv3.Client, key string) func() {
	wctx, wcancel := context.WithCancel(ctx)
	wch := cli.Watch(wctx, key)
	go func() {
		for {
			select {
			case <-ctx.Done():
				return
			case resp, ok := <-wch:
				if !ok || resp.Err() != nil {
					wcancel()
					wctx, wcancel = context.WithCancel(ctx)
					wch = cli.Watch(wctx, key)
					continue
				}
				handle(resp)
			}
		}
	}()
	return func() { wcancel() }
}

// A closure called in place, not started: the enclosing function may
// still use the variable after it.
func called(ctx context.Context, cli *clientv3.Client, key string) {
	var wcancel context.CancelFunc = func() {}
	retry := func() {
		wcancel()
		var wctx context.Context
		wctx, wcancel = context.WithCancel(ctx)
		cli.Watch(wctx, key)
	}
	retry()
	retry()
	wcancel()
}
