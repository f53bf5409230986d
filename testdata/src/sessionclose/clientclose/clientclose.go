// Package clientclose covers closing the client a session was made from:
// the session ends with it, also when a closure returned on another path
// captures the client.
package clientclose

import (
	"context"
	"errors"

	clientv3 "go.etcd.io/etcd/client/v3"
	"go.etcd.io/etcd/client/v3/concurrency"
)

var errNotReady = errors.New("not ready")

func ready() bool { return true }

// The error path closes the client; the success path returns a closure
// that closes both.
func open(cfg clientv3.Config) (func(), error) {
	cli, err := clientv3.New(cfg)
	if err != nil {
		return nil, err
	}
	s, err := concurrency.NewSession(cli)
	if err != nil {
		cli.Close()
		return nil, err
	}
	if !ready() {
		cli.Close()
		return nil, errNotReady
	}
	return func() {
		s.Close()
		cli.Close()
	}, nil
}

// The returned closure closes only the client.
func openClientOnly(cfg clientv3.Config) (func(), error) {
	cli, err := clientv3.New(cfg)
	if err != nil {
		return nil, err
	}
	s, err := concurrency.NewSession(cli)
	if err != nil {
		cli.Close()
		return nil, err
	}
	m := concurrency.NewMutex(s, "/lock")
	if err := m.Lock(context.Background()); err != nil {
		cli.Close()
		return nil, err
	}
	return func() { cli.Close() }, nil
}

// Bad twin: the not-ready path closes nothing.
func openLeak(cfg clientv3.Config) (func(), error) {
	cli, err := clientv3.New(cfg)
	if err != nil {
		return nil, err
	}
	s, err := concurrency.NewSession(cli) // want `session from concurrency.NewSession leaks: the function returns at clientclose.go:71 without closing it`
	if err != nil {
		cli.Close()
		return nil, err
	}
	if !ready() {
		return nil, errNotReady
	}
	return func() {
		s.Close()
		cli.Close()
	}, nil
}
