// Package v34 checks the same rule on the go.etcd.io/etcd/clientv3 import path.
package v34

import (
	clientv3 "go.etcd.io/etcd/clientv3"
	"go.etcd.io/etcd/clientv3/concurrency"
)

func leak(cli *clientv3.Client) error {
	s, err := concurrency.NewSession(cli) // want `returns at v34.go:14 without closing it`
	if err != nil {
		return err
	}
	return concurrency.NewMutex(s, "/lock/").Unlock(cli.Ctx())
}

func fixed(cli *clientv3.Client) error {
	s, err := concurrency.NewSession(cli)
	if err != nil {
		return err
	}
	defer s.Close()
	return concurrency.NewMutex(s, "/lock/").Unlock(cli.Ctx())
}
