// Package discard holds CT1's first shape: the cancel func of a context
// that goes to etcd, discarded with _. Each bad case has its fixed twin.
package discard

import (
	"context"
	"errors"
	"time"

	clientv3 "go.etcd.io/etcd/client/v3"
)

var errSlow = errors.New("slow")

// The fixture's shape: a per-call timeout on a read.
func get(parent context.Context, cli *clientv3.Client, key string) (int64, error) {
	ctx, _ := context.WithTimeout(parent, 5*time.Second) // want `the cancel func of context.WithTimeout is discarded, so its timer and its entry in the parent context live until the deadline on every call \(the context goes to etcd at discard.go:18\); assign it and defer cancel\(\)`
	resp, err := cli.Get(ctx, key)
	if err != nil {
		return 0, err
	}
	return resp.Count, nil
}

func getFixed(parent context.Context, cli *clientv3.Client, key string) (int64, error) {
	ctx, cancel := context.WithTimeout(parent, 5*time.Second)
	defer cancel()
	resp, err := cli.Get(ctx, key)
	if err != nil {
		return 0, err
	}
	return resp.Count, nil
}

// A deadline from the Background context: the timer alone is the leak.
func put(cli *clientv3.Client, key, val string) error {
	ctx, _ := context.WithDeadline(context.Background(), time.Now().Add(time.Second)) // want `the cancel func of context.WithDeadline is discarded`
	_, err := cli.Put(ctx, key, val)
	return err
}

func putFixed(cli *clientv3.Client, key, val string) error {
	ctx, cancel := context.WithDeadline(context.Background(), time.Now().Add(time.Second))
	defer cancel()
	_, err := cli.Put(ctx, key, val)
	return err
}

// WithCancel of a request context: its entry in the parent stays.
func del(parent context.Context, cli *clientv3.Client, key string) error {
	ctx, _ := context.WithCancel(parent) // want `the cancel func of context.WithCancel is discarded, so its entry in the parent context lives until the parent ends`
	_, err := cli.Delete(ctx, key)
	return err
}

func delFixed(parent context.Context, cli *clientv3.Client, key string) error {
	ctx, cancel := context.WithCancel(parent)
	defer cancel()
	_, err := cli.Delete(ctx, key)
	return err
}

// The Cause forms. A second fix in the same block would declare cancel
// again, so only the first one gets it.
func causes(parent context.Context, cli *clientv3.Client) {
	ctx, _ := context.WithTimeoutCause(parent, time.Second, errSlow) // want `the cancel func of context.WithTimeoutCause is discarded`
	cli.Get(ctx, "a")
	ctx2, _ := context.WithCancelCause(parent) // want `the cancel func of context.WithCancelCause is discarded`
	cli.Get(ctx2, "b")
}

// A CancelCauseFunc takes the cause: the fix passes nil.
func cancelCause(parent context.Context, cli *clientv3.Client) {
	ctx, _ := context.WithCancelCause(parent) // want `the cancel func of context.WithCancelCause is discarded.*; assign it and defer cancel\(nil\)`
	cli.Get(ctx, "b")
}

func causesFixed(parent context.Context, cli *clientv3.Client) {
	ctx, cancel := context.WithTimeoutCause(parent, time.Second, errSlow)
	defer cancel()
	cli.Get(ctx, "a")
	ctx2, cancel2 := context.WithCancelCause(parent)
	defer cancel2(nil)
	cli.Get(ctx2, "b")
}

// The var form.
func varSpec(cli *clientv3.Client) {
	var ctx, _ = context.WithTimeout(context.Background(), time.Second) // want `context.WithTimeout is discarded`
	cli.Get(ctx, "k")
}

func varSpecFixed(cli *clientv3.Client) {
	var ctx, cancel = context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	cli.Get(ctx, "k")
}

// No fix where a cancel is already in scope: naming it would clash.
func cancelInScope(parent context.Context, cli *clientv3.Client) {
	ctx1, cancel := context.WithTimeout(parent, time.Second)
	defer cancel()
	cli.Get(ctx1, "a")
	ctx2, _ := context.WithTimeout(parent, time.Second) // want `context.WithTimeout is discarded`
	cli.Get(ctx2, "b")
}

// Nor where cancel is declared later in the same block.
func cancelLater(parent context.Context, cli *clientv3.Client) {
	ctx1, _ := context.WithTimeout(parent, time.Second) // want `context.WithTimeout is discarded`
	cli.Get(ctx1, "a")
	ctx2, cancel := context.WithTimeout(parent, time.Second)
	defer cancel()
	cli.Get(ctx2, "b")
}

// Nor in a loop, where a defer runs only when the function returns.
func inLoop(parent context.Context, cli *clientv3.Client, keys []string) {
	for _, k := range keys {
		ctx, _ := context.WithTimeout(parent, time.Second) // want `context.WithTimeout is discarded`
		cli.Get(ctx, k)
	}
}

func inLoopFixed(parent context.Context, cli *clientv3.Client, keys []string) {
	for _, k := range keys {
		ctx, cancel := context.WithTimeout(parent, time.Second)
		cli.Get(ctx, k)
		cancel()
	}
}

// Nor in an if statement's init.
func ifInit(parent context.Context, cli *clientv3.Client) error {
	if ctx, _ := context.WithTimeout(parent, time.Second); ctx != nil { // want `context.WithTimeout is discarded`
		_, err := cli.Get(ctx, "k")
		return err
	}
	return nil
}

// Nor with =, where naming the cancel func would need a declaration.
func assign(parent context.Context, cli *clientv3.Client) {
	var ctx context.Context
	ctx, _ = context.WithTimeout(parent, time.Second) // want `context.WithTimeout is discarded`
	cli.Get(ctx, "k")
}

// Silent: the context never reaches etcd; go vet's lostcancel reports it.
func notEtcd(parent context.Context, work func(context.Context) error) error {
	ctx, _ := context.WithTimeout(parent, time.Second)
	return work(ctx)
}

// Silent: a WithCancel of a context without Done registers nowhere, so an
// uncancelled child retains nothing.
func donelessParent(cli *clientv3.Client) {
	ctx, _ := context.WithCancel(context.Background())
	cli.Get(ctx, "k")
	ctx2, _ := context.WithCancel(context.WithValue(context.TODO(), errSlow, 1))
	cli.Get(ctx2, "k")
}
