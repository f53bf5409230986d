// Package paths covers hand-offs and defers that run on one path only:
// returning the session on one path does not hand it on on the others.
package paths

import (
	"context"
	"errors"
	"time"

	clientv3 "go.etcd.io/etcd/client/v3"
	"go.etcd.io/etcd/client/v3/concurrency"
)

var errBusy = errors.New("busy")

func ping(ctx context.Context) {}

// The defer makes every return go through the result variable: the
// session stored there on the first path is not in it on the second.
func open(cli *clientv3.Client, mode int) (*concurrency.Session, error) {
	s, err := concurrency.NewSession(cli) // want `session from concurrency.NewSession leaks: the function returns at paths.go:31 without closing it`
	if err != nil {
		return nil, err
	}
	if mode == 0 {
		ctx, cancel := context.WithTimeout(context.Background(), time.Second)
		defer cancel()
		ping(ctx)
		return s, nil
	}
	return nil, errBusy
}

func openFixed(cli *clientv3.Client, mode int) (*concurrency.Session, error) {
	s, err := concurrency.NewSession(cli)
	if err != nil {
		return nil, err
	}
	if mode == 0 {
		ctx, cancel := context.WithTimeout(context.Background(), time.Second)
		defer cancel()
		ping(ctx)
		return s, nil
	}
	s.Close()
	return nil, errBusy
}

// A variable assigned the session on one branch only, returned on both.
func pick(cli *clientv3.Client, mode int) (*concurrency.Session, error) {
	var out *concurrency.Session
	s, err := concurrency.NewSession(cli) // want `the function returns at paths.go:59`
	if err != nil {
		return nil, err
	}
	if mode == 0 {
		out = s
	}
	return out, nil
}

func pickFixed(cli *clientv3.Client, mode int) (*concurrency.Session, error) {
	var out *concurrency.Session
	s, err := concurrency.NewSession(cli)
	if err != nil {
		return nil, err
	}
	if mode == 0 {
		out = s
	} else {
		s.Close()
	}
	return out, nil
}
