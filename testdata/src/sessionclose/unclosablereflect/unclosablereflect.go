// Package unclosablereflect: a package that imports reflect may reach any
// field, so SC1's unclosable field form stays silent in it.
package unclosablereflect

import (
	"context"
	"reflect"

	clientv3 "go.etcd.io/etcd/client/v3"
	"go.etcd.io/etcd/client/v3/concurrency"
)

type locker struct {
	session *concurrency.Session
	mu      *concurrency.Mutex
}

func newLocker(cli *clientv3.Client, key string) (*locker, error) {
	s, err := concurrency.NewSession(cli)
	if err != nil {
		return nil, err
	}
	return &locker{session: s, mu: concurrency.NewMutex(s, key)}, nil
}

func (l *locker) Close() error { return l.mu.Unlock(context.Background()) }

var _ = reflect.TypeOf(locker{})
