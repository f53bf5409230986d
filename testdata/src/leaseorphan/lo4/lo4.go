// Package lo4 covers LO4: a lease granted and kept alive by hand, leaked
// on a return that reports an error (multigres/multigres#765,
// vitessio/vitess#20341).
package lo4

import (
	"context"
	"errors"
	"fmt"
	"log"
	"time"

	clientv3 "go.etcd.io/etcd/client/v3"
)

type registry struct {
	cli     *clientv3.Client
	leaseID clientv3.LeaseID
	cancel  context.CancelFunc
}

func drain(ch <-chan *clientv3.LeaseKeepAliveResponse) {
	go func() {
		for range ch {
		}
	}()
}

// The Put with the lease fails: the caller sees an error, the lease it
// granted is renewed for as long as the client lives.
func putFails(cli *clientv3.Client, key, val string) error {
	resp, err := cli.Grant(context.Background(), 5)
	if err != nil {
		return err
	}
	ch, err := cli.KeepAlive(context.Background(), resp.ID) // want `the lease from Grant at lo4.go:32 is kept alive by this KeepAlive, and the return at lo4.go:42 reports an error without revoking it, cancelling the keepalive's ctx or handing the lease on, so the lease, and every key put with it, is renewed for as long as the client lives, since nothing cancels the ctx given to KeepAlive; revoke it \(cli.Revoke\(ctx, resp.ID\)\) or cancel the keepalive's ctx before returning the error`
	if err != nil {
		return err
	}
	drain(ch)
	if _, err := cli.Put(context.Background(), key, val, clientv3.WithLease(resp.ID)); err != nil {
		return fmt.Errorf("put %s: %w", key, err)
	}
	return nil
}

// The fixed twin: the error path revokes the lease.
func putFailsRevoked(cli *clientv3.Client, key, val string) error {
	resp, err := cli.Grant(context.Background(), 5)
	if err != nil {
		return err
	}
	ch, err := cli.KeepAlive(context.Background(), resp.ID)
	if err != nil {
		return err
	}
	drain(ch)
	if _, err := cli.Put(context.Background(), key, val, clientv3.WithLease(resp.ID)); err != nil {
		ctx, cancel := context.WithTimeout(context.Background(), time.Second)
		defer cancel()
		cli.Revoke(ctx, resp.ID)
		return fmt.Errorf("put %s: %w", key, err)
	}
	return nil
}

// A ctx the function made: the keepalive runs until the cancel, which the
// error path forgets.
func cancelForgotten(ctx context.Context, cli *clientv3.Client, key string) (context.CancelFunc, error) {
	resp, err := cli.Grant(ctx, 5)
	if err != nil {
		return nil, err
	}
	kctx, cancel := context.WithCancel(context.Background())
	ch, err := cli.KeepAlive(kctx, resp.ID) // want `the lease from Grant at lo4.go:70 is kept alive by this KeepAlive, and the return at lo4.go:82 reports an error .* is renewed until the ctx given to KeepAlive ends`
	if err != nil {
		cancel()
		return nil, err
	}
	drain(ch)
	if _, err := cli.Put(ctx, key, "v", clientv3.WithLease(resp.ID)); err != nil {
		return nil, err
	}
	return cancel, nil
}

// The fixed twin: the error path cancels the keepalive.
func cancelOnError(ctx context.Context, cli *clientv3.Client, key string) (context.CancelFunc, error) {
	resp, err := cli.Grant(ctx, 5)
	if err != nil {
		return nil, err
	}
	kctx, cancel := context.WithCancel(context.Background())
	ch, err := cli.KeepAlive(kctx, resp.ID)
	if err != nil {
		cancel()
		return nil, err
	}
	drain(ch)
	if _, err := cli.Put(ctx, key, "v", clientv3.WithLease(resp.ID)); err != nil {
		cancel()
		return nil, err
	}
	return cancel, nil
}

// A deferred revoke on the error path, through a named result.
func deferredRevoke(ctx context.Context, cli *clientv3.Client, key string) (err error) {
	resp, err := cli.Grant(ctx, 5)
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			cli.Revoke(context.Background(), resp.ID)
		}
	}()
	ch, err := cli.KeepAlive(context.Background(), resp.ID)
	if err != nil {
		return err
	}
	drain(ch)
	_, err = cli.Put(ctx, key, "v", clientv3.WithLease(resp.ID))
	return err
}

// The lease ID stored before the failing call: its owner revokes it.
func (r *registry) stored(ctx context.Context, key string) error {
	resp, err := r.cli.Grant(ctx, 5)
	if err != nil {
		return err
	}
	ch, err := r.cli.KeepAlive(context.Background(), resp.ID)
	if err != nil {
		return err
	}
	r.leaseID = resp.ID
	drain(ch)
	if _, err := r.cli.Put(ctx, key, "v", clientv3.WithLease(resp.ID)); err != nil {
		return err
	}
	return nil
}

// The cancel stored beside the client: its owner ends the keepalive.
func (r *registry) cancelStored(ctx context.Context, key string) error {
	resp, err := r.cli.Grant(ctx, 5)
	if err != nil {
		return err
	}
	kctx, cancel := context.WithCancel(context.Background())
	r.cancel = cancel
	ch, err := r.cli.KeepAlive(kctx, resp.ID)
	if err != nil {
		return err
	}
	drain(ch)
	if _, err := r.cli.Put(ctx, key, "v", clientv3.WithLease(resp.ID)); err != nil {
		return err
	}
	return nil
}

// The lease ID returned with the error: the caller revokes it.
func returnedID(ctx context.Context, cli *clientv3.Client, key string) (clientv3.LeaseID, error) {
	resp, err := cli.Grant(ctx, 5)
	if err != nil {
		return 0, err
	}
	ch, err := cli.KeepAlive(context.Background(), resp.ID)
	if err != nil {
		return 0, err
	}
	drain(ch)
	if _, err := cli.Put(ctx, key, "v", clientv3.WithLease(resp.ID)); err != nil {
		return resp.ID, err
	}
	return resp.ID, nil
}

// Success returns are silent: a registration means the lease to live as
// long as the client.
func register(cli *clientv3.Client, key string) error {
	resp, err := cli.Grant(context.Background(), 5)
	if err != nil {
		return err
	}
	ch, err := cli.KeepAlive(context.Background(), resp.ID)
	if err != nil {
		return err
	}
	drain(ch)
	_, err = cli.Put(context.Background(), key, "v", clientv3.WithLease(resp.ID))
	if err != nil {
		log.Printf("put %s: %v", key, err)
	}
	return nil
}

// A deadline ends the keepalive by itself: not LO4's business.
func bounded(cli *clientv3.Client, key string) error {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	resp, err := cli.Grant(ctx, 5)
	if err != nil {
		return err
	}
	ch, err := cli.KeepAlive(ctx, resp.ID)
	if err != nil {
		return err
	}
	drain(ch)
	if _, err := cli.Put(ctx, key, "v", clientv3.WithLease(resp.ID)); err != nil {
		return err
	}
	return nil
}

// A lease given by the caller is the caller's.
func given(cli *clientv3.Client, id clientv3.LeaseID, key string) error {
	ch, err := cli.KeepAlive(context.Background(), id)
	if err != nil {
		return err
	}
	drain(ch)
	if _, err := cli.Put(context.Background(), key, "v", clientv3.WithLease(id)); err != nil {
		return err
	}
	return nil
}

// Closing the client on the error path ends the keepalive.
func closedOnError(cli *clientv3.Client, key string) error {
	resp, err := cli.Grant(context.Background(), 5)
	if err != nil {
		return err
	}
	ch, err := cli.KeepAlive(context.Background(), resp.ID)
	if err != nil {
		return err
	}
	drain(ch)
	if _, err := cli.Put(context.Background(), key, "v", clientv3.WithLease(resp.ID)); err != nil {
		cli.Close()
		return err
	}
	return nil
}

// A check after the keepalive fails; the ID copied into a local, the ctx
// from client.Ctx().
func probeFails(cli *clientv3.Client, ok func() bool) error {
	resp, err := cli.Grant(cli.Ctx(), 5)
	if err != nil {
		return err
	}
	id := resp.ID
	ch, err := cli.KeepAlive(cli.Ctx(), id) // want `the lease from Grant at lo4.go:253 is kept alive by this KeepAlive, and the return at lo4.go:265 .* for as long as the client lives`
	if err != nil {
		return err
	}
	drain(ch)
	if !ok() {
		log.Printf("lease %x: probe failed", id)
		return errors.New("probe failed")
	}
	return nil
}

// The KeepAlive channel waited on until it closes: the keepalive has ended.
func waited(cli *clientv3.Client, key string) error {
	resp, err := cli.Grant(context.Background(), 5)
	if err != nil {
		return err
	}
	ch, err := cli.KeepAlive(context.Background(), resp.ID)
	if err != nil {
		return err
	}
	if _, err := cli.Put(context.Background(), key, "v", clientv3.WithLease(resp.ID)); err != nil {
		log.Printf("put %s: %v", key, err)
	}
	for range ch {
	}
	return errors.New("lease lost")
}

// Discarding the channel is LO1's: one finding per call.
func discarded(cli *clientv3.Client, key string) error {
	resp, err := cli.Grant(context.Background(), 5)
	if err != nil {
		return err
	}
	_, err = cli.KeepAlive(context.Background(), resp.ID) // want `the channel from KeepAlive is discarded`
	if err != nil {
		return err
	}
	if _, err := cli.Put(context.Background(), key, "v", clientv3.WithLease(resp.ID)); err != nil {
		return err
	}
	return nil
}

func revokeLease(cli *clientv3.Client, id clientv3.LeaseID) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	cli.Revoke(ctx, id)
}

// A same-package helper revokes the lease on the error path.
func helperRevokes(cli *clientv3.Client, key string) error {
	resp, err := cli.Grant(context.Background(), 5)
	if err != nil {
		return err
	}
	ch, err := cli.KeepAlive(context.Background(), resp.ID)
	if err != nil {
		return err
	}
	drain(ch)
	if _, err := cli.Put(context.Background(), key, "v", clientv3.WithLease(resp.ID)); err != nil {
		revokeLease(cli, resp.ID)
		return err
	}
	return nil
}

// A goroutine given the lease ID owns it: it revokes the lease when its
// ctx ends.
func goroutineOwns(ctx context.Context, cli *clientv3.Client, key string) error {
	resp, err := cli.Grant(ctx, 5)
	if err != nil {
		return err
	}
	ch, err := cli.KeepAlive(context.Background(), resp.ID)
	if err != nil {
		return err
	}
	id := resp.ID
	go func() {
		<-ctx.Done()
		revokeLease(cli, id)
	}()
	drain(ch)
	if _, err := cli.Put(ctx, key, "v", clientv3.WithLease(resp.ID)); err != nil {
		return err
	}
	return nil
}

// A plain helper that only logs the lease does not own it.
func logLease(id clientv3.LeaseID) { log.Printf("lease %x", id) }

func helperLogs(cli *clientv3.Client, key string) error {
	resp, err := cli.Grant(context.Background(), 5)
	if err != nil {
		return err
	}
	ch, err := cli.KeepAlive(context.TODO(), resp.ID) // want `the lease from Grant at lo4.go:355 is kept alive by this KeepAlive, and the return at lo4.go:366 reports an error`
	if err != nil {
		return err
	}
	drain(ch)
	logLease(resp.ID)
	if _, err := cli.Put(context.Background(), key, "v", clientv3.WithLease(resp.ID)); err != nil {
		return err
	}
	return nil
}
