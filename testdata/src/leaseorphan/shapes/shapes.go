// Package shapes holds call shapes that must neither crash the analyzer
// nor draw a report they do not deserve.
package shapes

import (
	"context"
	"log"

	clientv3 "go.etcd.io/etcd/client/v3"
)

func check(ch <-chan *clientv3.LeaseKeepAliveResponse, err error) error {
	if err != nil {
		return err
	}
	go func() {
		for range ch {
		}
	}()
	return nil
}

// The two results passed straight on.
func forwarded(ctx context.Context, cli *clientv3.Client, id clientv3.LeaseID) error {
	return check(cli.KeepAlive(ctx, id))
}

// Through a method value.
func methodValue(ctx context.Context, cli *clientv3.Client, id clientv3.LeaseID) error {
	ka := cli.KeepAlive
	ch, err := ka(ctx, id)
	if err != nil {
		return err
	}
	for range ch {
	}
	return nil
}

func methodValueDropped(ctx context.Context, cli *clientv3.Client, id clientv3.LeaseID) error {
	ka := cli.KeepAlive
	_, err := ka(ctx, id) // want `the channel from KeepAlive is discarded`
	return err
}

// Through a type parameter constrained by the Lease.
func generic[L clientv3.Lease](ctx context.Context, l L, id clientv3.LeaseID) error {
	_, err := l.KeepAlive(ctx, id) // want `the channel from KeepAlive is discarded`
	return err
}

func genericFixed[L clientv3.Lease](ctx context.Context, l L, id clientv3.LeaseID) (<-chan *clientv3.LeaseKeepAliveResponse, error) {
	return l.KeepAlive(ctx, id)
}

func useGeneric(ctx context.Context, cli *clientv3.Client, id clientv3.LeaseID) {
	log.Print(generic(ctx, cli.Lease, id))
	ch, err := genericFixed(ctx, cli.Lease, id)
	if err == nil {
		go func() {
			for range ch {
			}
		}()
	}
}

// Captured by a closure stored for later: someone else drains it.
func stashed(ctx context.Context, cli *clientv3.Client, id clientv3.LeaseID) (func(), error) {
	ch, err := cli.KeepAlive(ctx, id)
	if err != nil {
		return nil, err
	}
	return func() {
		for range ch {
		}
	}, nil
}

// Grant through a method value and in a closure.
func grantInClosure(ctx context.Context, cli *clientv3.Client, key string) error {
	put := func() error {
		resp, err := cli.Grant(ctx, 5)
		if err != nil {
			return err
		}
		_, err = cli.Put(ctx, key, "", clientv3.WithLease(resp.ID))
		return err
	}
	return put()
}

// A response read through a captured variable.
func grantCaptured(ctx context.Context, cli *clientv3.Client, key string) error {
	var resp *clientv3.LeaseGrantResponse
	var err error
	func() {
		resp, err = cli.Grant(ctx, 5)
	}()
	if err != nil {
		return err
	}
	_, err = cli.Put(ctx, key, "", clientv3.WithLease(resp.ID))
	return err
}
