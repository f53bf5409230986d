// Package paths holds CT1's second shape: a cancel func that some path
// does not call. CT1 reports only what go vet's lostcancel cannot see;
// where lostcancel reports the path itself, CT1 stays silent.
package paths

import (
	"context"
	"errors"
	"time"

	clientv3 "go.etcd.io/etcd/client/v3"
)

var errEmpty = errors.New("empty")

// The cancel func is named on every path (inside the cleanup closure), so
// lostcancel is satisfied, but the early return never calls it.
func cleanupClosure(cli *clientv3.Client, key string) error {
	ctx, cancel := context.WithTimeout(context.Background(), time.Second) // want `the cancel func of context.WithTimeout is not called when the function returns at paths.go:23, so its timer lives until the deadline on every call \(the context goes to etcd at paths.go:21\); call it on every path, e.g. defer cancel\(\) after the call`
	cleanup := func() { cancel() }
	resp, err := cli.Get(ctx, key)
	if err != nil {
		return err
	}
	cleanup()
	if resp.Count == 0 {
		return errEmpty
	}
	return nil
}

func cleanupClosureFixed(cli *clientv3.Client, key string) error {
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	cleanup := func() { cancel() }
	defer cleanup()
	resp, err := cli.Get(ctx, key)
	if err != nil {
		return err
	}
	if resp.Count == 0 {
		return errEmpty
	}
	return nil
}

// Silenced with _ = cancel: lostcancel counts any mention as a use.
func blankUse(cli *clientv3.Client) error {
	ctx, cancel := context.WithTimeout(context.Background(), time.Second) // want `the cancel func of context.WithTimeout is not called when the function returns at paths.go:51`
	_ = cancel
	_, err := cli.Get(ctx, "k")
	return err
}

// A same-package helper that returns the context and its cancel func:
// lostcancel sees no context.With* call at the caller.
func (s *store) opCtx() (context.Context, context.CancelFunc) {
	return context.WithTimeout(s.parent, s.timeout)
}

type store struct {
	cli     *clientv3.Client
	parent  context.Context
	timeout time.Duration
}

func (s *store) get(key string) error {
	ctx, _ := s.opCtx() // want `the cancel func returned by opCtx is discarded, so the context's timer and its entry in its parent live until it expires on every call`
	_, err := s.cli.Get(ctx, key)
	return err
}

func (s *store) getFixed(key string) error {
	ctx, cancel := s.opCtx()
	defer cancel()
	_, err := s.cli.Get(ctx, key)
	return err
}

func (s *store) put(key, val string) error {
	ctx, cancel := s.opCtx() // want `the cancel func returned by opCtx is not called when the function returns at paths.go:82`
	if _, err := s.cli.Put(ctx, key, val); err != nil {
		return err
	}
	cancel()
	return nil
}

func (s *store) putFixed(key, val string) error {
	ctx, cancel := s.opCtx()
	defer cancel()
	_, err := s.cli.Put(ctx, key, val)
	return err
}

// A loop that never returns: lostcancel finds no return to blame, but
// every iteration leaves a timer behind.
func poll(cli *clientv3.Client, tick <-chan time.Time) {
	for {
		<-tick
		ctx, cancel := context.WithTimeout(context.Background(), time.Second) // want `the cancel func of context.WithTimeout is not called before the loop makes the next context, so its timer lives until the deadline on every iteration`
		if _, err := cli.Get(ctx, "health"); err != nil {
			continue
		}
		cancel()
	}
}

func pollFixed(cli *clientv3.Client, tick <-chan time.Time) {
	for {
		<-tick
		ctx, cancel := context.WithTimeout(context.Background(), time.Second)
		_, err := cli.Get(ctx, "health")
		cancel()
		if err != nil {
			continue
		}
	}
}

// Silent: lostcancel reports this path itself (the cancel func is not
// named on the first return's path).
func earlyReturn(cli *clientv3.Client, key string) error {
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	resp, err := cli.Get(ctx, key)
	if err != nil {
		return err
	}
	cancel()
	if resp.Count == 0 {
		return errEmpty
	}
	return nil
}

// Silent: called in a deferred closure.
func deferredClosure(cli *clientv3.Client) error {
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer func() {
		cancel()
	}()
	_, err := cli.Get(ctx, "k")
	return err
}

// Silent: called in a deferred closure only when set.
func deferredClosureGuard(cli *clientv3.Client, bounded bool) error {
	ctx := context.Background()
	var cancel context.CancelFunc
	if bounded {
		ctx, cancel = context.WithTimeout(ctx, time.Second)
	}
	defer func() {
		if cancel != nil {
			cancel()
		}
	}()
	_, err := cli.Get(ctx, "k")
	return err
}

// Silent: a deferred same-package helper calls it.
func release(f context.CancelFunc) { f() }

func deferredHelper(cli *clientv3.Client) error {
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer release(cancel)
	_, err := cli.Get(ctx, "k")
	return err
}

// Silent: stored in a struct, the owner cancels it later.
type watcher struct {
	cancel context.CancelFunc
}

func (w *watcher) start(cli *clientv3.Client) {
	ctx, cancel := context.WithCancel(context.Background())
	w.cancel = cancel
	cli.Watch(ctx, "k")
}

// Silent: returned to the caller.
func startWatch(cli *clientv3.Client) context.CancelFunc {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	cli.Watch(ctx, "k")
	return cancel
}

// Silent: handed to a goroutine that calls it when done.
func background(cli *clientv3.Client, done <-chan struct{}) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	go func() {
		<-done
		cancel()
	}()
	cli.Watch(ctx, "k")
}

// Silent: time.AfterFunc keeps the cancel func and calls it later.
func afterFunc(cli *clientv3.Client) {
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(time.Second, cancel)
	cli.Watch(ctx, "k")
}

// Silent: sent to whoever cancels it.
func handOff(cli *clientv3.Client, cancels chan<- context.CancelFunc) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	cancels <- cancel
	cli.Watch(ctx, "k")
}

// Silent: kept in a slice that a deferred loop cancels.
func fanOut(cli *clientv3.Client, keys []string) {
	var cancels []context.CancelFunc
	defer func() {
		for _, c := range cancels {
			c()
		}
	}()
	for _, k := range keys {
		ctx, cancel := context.WithTimeout(context.Background(), time.Second)
		cancels = append(cancels, cancel)
		cli.Get(ctx, k)
	}
}

// Silent: kept in a struct that a deferred closure cancels through.
type op struct {
	ctx    context.Context
	cancel context.CancelFunc
}

func viaStruct(cli *clientv3.Client) error {
	o := &op{}
	o.ctx, o.cancel = context.WithTimeout(context.Background(), time.Second)
	defer func() { o.cancel() }()
	_, err := cli.Get(o.ctx, "k")
	return err
}

// Silent: a struct holding it goes to a same-package helper.
func finish(o op) { o.cancel() }

func viaHelper(cli *clientv3.Client) error {
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	o := op{ctx: ctx, cancel: cancel}
	defer finish(o)
	_, err := cli.Get(o.ctx, "k")
	return err
}
