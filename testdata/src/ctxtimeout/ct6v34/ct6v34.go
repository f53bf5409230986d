// Package ct6v34 checks CT6 on the go.etcd.io/etcd/clientv3 import path.
package ct6v34

import (
	"context"
	"time"

	clientv3 "go.etcd.io/etcd/clientv3"
	"go.etcd.io/etcd/clientv3/concurrency"
)

type locker struct {
	m *concurrency.Mutex
}

func newLocker(cli *clientv3.Client, pfx string) (*locker, error) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	s, err := concurrency.NewSession(cli, concurrency.WithContext(ctx)) // want `this NewSession is bound to a context that is cancelled when the function returns \(the cancel deferred at ct6v34.go:18\), while the session outlives the function \(returned at ct6v34.go:23\)`
	if err != nil {
		return nil, err
	}
	return &locker{m: concurrency.NewMutex(s, pfx)}, nil
}

func newLockerFixed(cli *clientv3.Client, pfx string) (*locker, error) {
	s, err := concurrency.NewSession(cli)
	if err != nil {
		return nil, err
	}
	return &locker{m: concurrency.NewMutex(s, pfx)}, nil
}

func keepAlive(cli *clientv3.Client, id clientv3.LeaseID) (<-chan *clientv3.LeaseKeepAliveResponse, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	return cli.KeepAlive(ctx, id) // want `this KeepAlive is bound to a context that has a deadline \(context.WithTimeout at ct6v34.go:35\), while the KeepAlive channel or the lease ID outlives the function \(returned at ct6v34.go:37\)`
}

func keepAliveFixed(cli *clientv3.Client, id clientv3.LeaseID) (<-chan *clientv3.LeaseKeepAliveResponse, error) {
	return cli.KeepAlive(context.Background(), id)
}
