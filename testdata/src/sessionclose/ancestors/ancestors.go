// Package ancestors covers the contexts whose cancel ends a session made
// with concurrency.WithContext(ctx): that of ctx itself and those of its
// ancestors, through WithValue children (a value does not change the
// lifetime). Cancelling a sibling or a child of ctx ends nothing.
package ancestors

import (
	"context"
	"fmt"
	"time"

	clientv3 "go.etcd.io/etcd/client/v3"
	"go.etcd.io/etcd/client/v3/concurrency"
)

type key struct{}

// The session's ctx is a WithValue child of the cancelled one.
func valueChild(parent context.Context, cli *clientv3.Client) error {
	ctx, cancel := context.WithCancel(parent)
	defer cancel()
	vctx := context.WithValue(ctx, key{}, "v")
	s, err := concurrency.NewSession(cli, concurrency.WithContext(vctx))
	if err != nil {
		return err
	}
	_ = s.Lease()
	return nil
}

type watcher struct{ stop context.CancelFunc }

// Two WithValue children, then a timeout whose cancel is kept for later:
// the deferred cancel of their ancestor ends them all.
func (w *watcher) grandparent(parent context.Context, cli *clientv3.Client) error {
	ctx, cancel := context.WithCancel(parent)
	defer cancel()
	tctx, tcancel := context.WithTimeout(context.WithValue(context.WithValue(ctx, key{}, 1), key{}, 2), time.Minute)
	w.stop = tcancel
	s, err := concurrency.NewSession(cli, concurrency.WithContext(tctx))
	if err != nil {
		return err
	}
	_ = s.Lease()
	return nil
}

// Cancelled on the return path itself, not deferred.
func cancelledAtReturn(parent context.Context, cli *clientv3.Client) error {
	ctx, cancel := context.WithCancel(parent)
	s, err := concurrency.NewSession(cli, concurrency.WithContext(context.WithValue(ctx, key{}, "v")))
	if err != nil {
		cancel()
		return err
	}
	_ = s.Lease()
	cancel()
	return nil
}

// The cancelled ctx is a sibling of the session's: both derive from
// parent, and ending one does not end the other.
func sibling(parent context.Context, cli *clientv3.Client) error {
	ctx, cancel := context.WithCancel(parent)
	defer cancel()
	if _, err := cli.Get(ctx, "k"); err != nil {
		return err
	}
	vctx := context.WithValue(parent, key{}, "v")
	s, err := concurrency.NewSession(cli, concurrency.WithContext(vctx)) // want `returns at ancestors.go:75 without closing it`
	if err != nil {
		return err
	}
	_ = s.Lease()
	return nil
}

// The cancelled ctx is a child of the session's: ending it ends only
// itself.
func child(parent context.Context, cli *clientv3.Client) error {
	vctx := context.WithValue(parent, key{}, "v")
	s, err := concurrency.NewSession(cli, concurrency.WithContext(vctx)) // want `returns at ancestors.go:89 without closing it`
	if err != nil {
		return err
	}
	cctx, cancel := context.WithCancel(vctx)
	defer cancel()
	_, err = cli.Get(cctx, fmt.Sprint(s.Lease()))
	return err
}

// WithoutCancel cuts the chain: the cancel of its parent does not reach
// the session.
func withoutCancel(parent context.Context, cli *clientv3.Client) error {
	ctx, cancel := context.WithCancel(parent)
	defer cancel()
	if _, err := cli.Get(ctx, "k"); err != nil {
		return err
	}
	s, err := concurrency.NewSession(cli, concurrency.WithContext(context.WithValue(context.WithoutCancel(ctx), key{}, "v"))) // want `returns at ancestors.go:105 without closing it`
	if err != nil {
		return err
	}
	_ = s.Lease()
	return nil
}
