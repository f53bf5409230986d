// Package reach checks how CT1 follows a context to etcd: through derived
// contexts, local variables, closures, same-package helpers, interfaces of
// the client and concurrency options. A context that never reaches etcd is
// go vet's business, not CT1's.
package reach

import (
	"context"
	"time"

	clientv3 "go.etcd.io/etcd/client/v3"
	"go.etcd.io/etcd/client/v3/concurrency"
)

type key struct{}

// Through a derived context.
func derived(cli *clientv3.Client) {
	ctx, _ := context.WithTimeout(context.Background(), time.Second) // want `context.WithTimeout is discarded.*goes to etcd at reach.go:21`
	vctx := context.WithValue(ctx, key{}, "v")
	cli.Get(vctx, "k")
}

func derivedFixed(cli *clientv3.Client) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	vctx := context.WithValue(ctx, key{}, "v")
	cli.Get(vctx, "k")
}

// Through a same-package helper.
func fetch(ctx context.Context, kv clientv3.KV) {
	kv.Get(ctx, "k")
}

func helper(cli *clientv3.Client) {
	ctx, _ := context.WithTimeout(context.Background(), time.Second) // want `context.WithTimeout is discarded.*goes to etcd at reach.go:38`
	fetch(ctx, cli)
}

func helperFixed(cli *clientv3.Client) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	fetch(ctx, cli)
}

// Through a closure that captures it.
func closure(cli *clientv3.Client) {
	ctx, _ := context.WithTimeout(context.Background(), time.Second) // want `context.WithTimeout is discarded.*goes to etcd at reach.go:51`
	do := func() {
		cli.Put(ctx, "k", "v")
	}
	do()
}

func closureFixed(cli *clientv3.Client) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	do := func() {
		cli.Put(ctx, "k", "v")
	}
	do()
}

// Into a session, through concurrency.WithContext.
func session(cli *clientv3.Client) (*concurrency.Session, error) {
	sctx, _ := context.WithTimeout(context.Background(), time.Minute)
	return concurrency.NewSession(cli, concurrency.WithContext(sctx)) // want `this NewSession is bound to a context that has a deadline \(context.WithTimeout at reach.go:67\), while the session outlives the function \(returned at reach.go:68\)`
}

// Silent: the context goes to an HTTP fetcher only.
type fetcher interface {
	Fetch(ctx context.Context, url string) ([]byte, error)
}

func notEtcd(f fetcher, url string) ([]byte, error) {
	ctx, _ := context.WithTimeout(context.Background(), time.Second)
	return f.Fetch(ctx, url)
}

// Silent: a path leak of a context that never reaches etcd.
func notEtcdPath(work func(context.Context) error) error {
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	cleanup := func() { cancel() }
	if err := work(ctx); err != nil {
		return err
	}
	cleanup()
	return nil
}
