// Package releases covers the ways a session ends besides Close: Orphan,
// closing the client it was made from, cancelling the context given by
// WithContext.
package releases

import (
	"context"

	clientv3 "go.etcd.io/etcd/client/v3"
	"go.etcd.io/etcd/client/v3/concurrency"
)

func orphan(cli *clientv3.Client) error {
	s, err := concurrency.NewSession(cli)
	if err != nil {
		return err
	}
	defer s.Orphan()
	return nil
}

func closeClient(endpoints []string) error {
	cli, err := clientv3.New(clientv3.Config{Endpoints: endpoints})
	if err != nil {
		return err
	}
	defer cli.Close()
	s, err := concurrency.NewSession(cli)
	if err != nil {
		return err
	}
	_ = s.Lease()
	return nil
}

func cancelContext(ctx context.Context, cli *clientv3.Client) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	s, err := concurrency.NewSession(cli, concurrency.WithTTL(5), concurrency.WithContext(ctx))
	if err != nil {
		return err
	}
	_ = s.Lease()
	return nil
}

// A context that is not cancelled does not end the session.
func contextNotCancelled(ctx context.Context, cli *clientv3.Client) error {
	s, err := concurrency.NewSession(cli, concurrency.WithContext(ctx)) // want `returns at releases.go:54 without closing it`
	if err != nil {
		return err
	}
	_ = s.Lease()
	return nil
}

// The session must be closed even when the error is discarded: nothing
// else will.
func discardedError(cli *clientv3.Client) {
	s, _ := concurrency.NewSession(cli) // want `returns at releases.go:62 without closing it`
	_ = s.Lease()
}

// The session itself discarded: it can never be closed.
func discardedSession(cli *clientv3.Client) error {
	_, err := concurrency.NewSession(cli) // want `session from concurrency.NewSession is discarded, so it is never closed`
	return err
}

// The client's deferred Close runs only when the function returns: it
// does not end a session in a program that never does.
func demoWithClient(endpoints []string) {
	cli, err := clientv3.New(clientv3.Config{Endpoints: endpoints})
	if err != nil {
		return
	}
	defer cli.Close()
	s, _ := concurrency.NewSession(cli) // want `session from concurrency.NewSession is never closed`
	_ = s.Lease()
	select {}
}

// The session's own deferred Close is the fix, even before select {}.
func demoWithClientFixed(endpoints []string) {
	cli, err := clientv3.New(clientv3.Config{Endpoints: endpoints})
	if err != nil {
		return
	}
	defer cli.Close()
	s, err := concurrency.NewSession(cli)
	if err != nil {
		return
	}
	defer s.Close()
	_ = s.Lease()
	select {}
}
