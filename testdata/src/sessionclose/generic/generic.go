// Package generic checks that the bodies of generic functions are
// analysed, called or not.
package generic

import (
	clientv3 "go.etcd.io/etcd/client/v3"
	"go.etcd.io/etcd/client/v3/concurrency"
)

func withLease[T any](cli *clientv3.Client, v T) T {
	s, _ := concurrency.NewSession(cli) // want `returns at generic.go:13 without closing it`
	_ = s.Lease()
	return v
}

func withLeaseFixed[T any](cli *clientv3.Client, v T) (T, error) {
	s, err := concurrency.NewSession(cli)
	if err != nil {
		return v, err
	}
	defer s.Close()
	_ = s.Lease()
	return v, nil
}

func use(cli *clientv3.Client) int {
	n, _ := withLeaseFixed(cli, withLease(cli, 1))
	return n
}
