// Package v33 checks the same rule on the github.com/coreos/etcd/clientv3 import path.
package v33

import (
	clientv3 "github.com/coreos/etcd/clientv3"
	"github.com/coreos/etcd/clientv3/concurrency"
)

func leak(cli *clientv3.Client) error {
	s, err := concurrency.NewSession(cli) // want `returns at v33.go:14 without closing it`
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
