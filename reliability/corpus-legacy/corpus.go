//go:build tools

// Package corpus pins the pre-v3.5 etcd code etcdlint is run on by
// reliability/run.sh: the v3.4 import path (go.etcd.io/etcd/clientv3) and
// the v3.3 one (github.com/coreos/etcd/clientv3). They need the old gRPC
// they were written against, so they cannot share a module with the modern
// corpus. The blank imports keep the requirements in go.mod.
package corpus

import (
	_ "github.com/coreos/etcd/clientv3/concurrency"
	_ "go.etcd.io/etcd/clientv3/concurrency"
)
