// Package ctxancestor: a session whose ctx is a WithValue child of a
// context the function cancels on return ends with it (issue 13, 5(d)).
package ctxancestor

import (
	"context"
	"time"

	clientv3 "go.etcd.io/etcd/client/v3"
	"go.etcd.io/etcd/client/v3/concurrency"
)

type traceKey struct{}

func Elect(parent context.Context, cli *clientv3.Client, id string) error {
	ctx, cancel := context.WithCancel(parent)
	defer cancel()
	tctx := context.WithValue(ctx, traceKey{}, id)
	s, err := concurrency.NewSession(cli, concurrency.WithTTL(10), concurrency.WithContext(tctx))
	if err != nil {
		return err
	}
	e := concurrency.NewElection(s, "/leader")
	cctx, ccancel := context.WithTimeout(tctx, 5*time.Second)
	defer ccancel()
	if err := e.Campaign(cctx, id); err != nil {
		return err
	}
	defer func() {
		rctx, rcancel := context.WithTimeout(context.WithoutCancel(tctx), 5*time.Second)
		defer rcancel()
		e.Resign(rctx)
	}()
	_, err = cli.Put(tctx, "/leader/owner", id, clientv3.WithLease(s.Lease()))
	return err
}
