// Package ctx is linted by golangci-lint with the etcdlint plugin in
// plugin/integration, with and without ctxtimeout's max setting.
package ctx

import (
	"context"
	"time"

	clientv3 "go.etcd.io/etcd/client/v3"
	"go.etcd.io/etcd/client/v3/concurrency"
)

func Lock(cli *clientv3.Client) error {
	s, err := concurrency.NewSession(cli)
	if err != nil {
		return err
	}
	defer s.Close()
	m := concurrency.NewMutex(s, "/lock/")
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	if err := m.Lock(ctx); err != nil { // finding with max 5s: ctxtimeout
		return err
	}
	unlockCtx, cancelUnlock := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancelUnlock()
	return m.Unlock(unlockCtx)
}
