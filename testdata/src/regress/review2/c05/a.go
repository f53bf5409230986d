package c05

import (
	"context"
	"errors"
	"log"
	"time"

	clientv3 "go.etcd.io/etcd/client/v3"
)

// OK: Txn with OpPut WithLease.
func Txn(ctx context.Context, cli *clientv3.Client, k, v string) error {
	resp, err := cli.Grant(ctx, 10)
	if err != nil {
		return err
	}
	_, err = cli.Txn(ctx).If(clientv3.Compare(clientv3.CreateRevision(k), "=", 0)).
		Then(clientv3.OpPut(k, v, clientv3.WithLease(resp.ID))).Commit()
	return err
}

// OK: keepalive loop that re-establishes after the channel closes (go-zero style).
func KeepAliveLoop(ctx context.Context, cli *clientv3.Client, id clientv3.LeaseID) error {
	for {
		ch, err := cli.KeepAlive(ctx, id)
		if err != nil {
			return err
		}
		for range ch {
		}
		if ctx.Err() != nil {
			return nil
		}
		log.Println("keepalive stopped, retrying")
	}
}

// OK: keepalive retry only on error.
func KeepAliveRetry(ctx context.Context, cli *clientv3.Client, id clientv3.LeaseID) {
	for {
		ch, err := cli.KeepAlive(ctx, id)
		if err != nil {
			time.Sleep(time.Second)
			continue
		}
		go func() {
			for range ch {
			}
		}()
		return
	}
}

// OK: select loop on keepalive channel.
func Watch(ctx context.Context, cli *clientv3.Client, id clientv3.LeaseID) error {
	ch, err := cli.KeepAlive(ctx, id)
	if err != nil {
		return err
	}
	for {
		select {
		case _, ok := <-ch:
			if !ok {
				return errors.New("lease lost")
			}
		case <-ctx.Done():
			return nil
		}
	}
}

// OK: registry struct with keepalive goroutine.
type Registry struct {
	cli   *clientv3.Client
	lease clientv3.LeaseID
	kach  <-chan *clientv3.LeaseKeepAliveResponse
}

func (r *Registry) Register(ctx context.Context, key, val string) error {
	resp, err := r.cli.Grant(ctx, 10)
	if err != nil {
		return err
	}
	if _, err := r.cli.Put(ctx, key, val, clientv3.WithLease(resp.ID)); err != nil {
		return err
	}
	ch, err := r.cli.KeepAlive(context.Background(), resp.ID)
	if err != nil {
		return err
	}
	r.lease = resp.ID
	r.kach = ch
	go r.drain()
	return nil
}

func (r *Registry) drain() {
	for range r.kach {
	}
}

// OK: lease ID kept in a variable then used by a helper taking LeaseID.
func attach(ctx context.Context, cli *clientv3.Client, id clientv3.LeaseID, k string) error {
	_, err := cli.Put(ctx, k, "v", clientv3.WithLease(id))
	return err
}

func Helper(ctx context.Context, cli *clientv3.Client) error {
	resp, err := cli.Grant(ctx, 10)
	if err != nil {
		return err
	}
	id := resp.ID
	return attach(ctx, cli, id, "k")
}

// OK: ops slice built with lease.
func Ops(ctx context.Context, cli *clientv3.Client, kvs map[string]string) error {
	resp, err := cli.Grant(ctx, 10)
	if err != nil {
		return err
	}
	var ops []clientv3.Op
	for k, v := range kvs {
		ops = append(ops, clientv3.OpPut(k, v, clientv3.WithLease(resp.ID)))
	}
	_, err = cli.Txn(ctx).Then(ops...).Commit()
	return err
}

// OK: opts slice with lease.
func Opts(ctx context.Context, cli *clientv3.Client) error {
	resp, err := cli.Grant(ctx, 10)
	if err != nil {
		return err
	}
	opts := []clientv3.OpOption{clientv3.WithLease(resp.ID)}
	_, err = cli.Put(ctx, "k", "v", opts...)
	return err
}

// OK: manual KeepAliveOnce ticker.
func Manual(ctx context.Context, cli *clientv3.Client) error {
	resp, err := cli.Grant(ctx, 10)
	if err != nil {
		return err
	}
	t := time.NewTicker(3 * time.Second)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return nil
		case <-t.C:
			if _, err := cli.KeepAliveOnce(ctx, resp.ID); err != nil {
				return err
			}
		}
	}
}
