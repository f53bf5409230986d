// Package realworld holds correct code, minimised from real modules, that
// an earlier etcdlint reported (docs/realworld.md, FP-n): every analyzer
// must stay silent on it.
package realworld

import (
	"context"
	"errors"
	"log"

	clientv3 "go.etcd.io/etcd/client/v3"
	"go.etcd.io/etcd/client/v3/concurrency"
)

var errTooLarge = errors.New("too large")

// FP-1, etcd server v3election: a helper that orphans the session before
// returning it hands out nothing to close.
func session(cli *clientv3.Client, lease clientv3.LeaseID) (*concurrency.Session, error) {
	s, err := concurrency.NewSession(cli, concurrency.WithLease(lease))
	if err != nil {
		return nil, err
	}
	s.Orphan()
	return s, nil
}

func useSession(cli *clientv3.Client, lease clientv3.LeaseID) (clientv3.LeaseID, error) {
	s, err := session(cli, lease)
	if err != nil {
		return 0, err
	}
	return s.Lease(), nil
}

// FP-2, go-zero discov: a helper that attaches the lease and returns its
// ID hands out a lease already in use.
func register(ctx context.Context, cli *clientv3.Client, key string) (clientv3.LeaseID, error) {
	resp, err := cli.Grant(ctx, 10)
	if err != nil {
		return clientv3.NoLease, err
	}
	_, err = cli.Put(ctx, key, "v", clientv3.WithLease(resp.ID))
	return resp.ID, err
}

func Register(ctx context.Context, cli *clientv3.Client) error {
	_, err := register(ctx, cli, "/svc/a")
	return err
}

// FP-5, etcd v3.4 lease tests: err != sentinel means the acquire failed
// on the other branch.
func grantTooLarge(ctx context.Context, cli *clientv3.Client) {
	_, err := cli.Grant(ctx, 1<<40)
	if err != errTooLarge {
		log.Fatalf("want %v, got %v", errTooLarge, err)
	}
}

type haltedError interface{ Halted() }

// FP-6: _, ok := err.(T) holds only for a failed acquire.
func keepAliveHalted(ctx context.Context, cli *clientv3.Client, id clientv3.LeaseID) {
	_, err := cli.KeepAlive(ctx, id)
	if _, ok := err.(haltedError); !ok {
		log.Fatalf("want a halted error, got %v", err)
	}
}

// FP-8, etcd v3.4 kv tests: a value copied into a local struct.
func structCopy(ctx context.Context, cli *clientv3.Client) error {
	resp, err := cli.Grant(ctx, 10)
	if err != nil {
		return err
	}
	x := struct{ id clientv3.LeaseID }{resp.ID}
	_, err = cli.Put(ctx, "k", "v", clientv3.WithLease(x.id))
	return err
}

func structCopySession(cli *clientv3.Client) error {
	s, err := concurrency.NewSession(cli)
	if err != nil {
		return err
	}
	x := struct{ s *concurrency.Session }{s}
	return x.s.Close()
}

// FP-9, etcd v3.4 election tests: closing ss[0] ends the election made
// from ss[0].
func campaignFirst(ctx context.Context, ss []*concurrency.Session) error {
	e := concurrency.NewElection(ss[0], "/election/")
	if err := e.Campaign(ctx, "v"); err != nil {
		return err
	}
	return ss[0].Close()
}
