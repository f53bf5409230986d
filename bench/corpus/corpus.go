//go:build tools

// Package corpus pins the code base etcdlint is benchmarked on: etcd's
// server, client and etcdctl modules at one release. The imports keep the
// requirements in go.mod; nothing here is built.
package corpus

import (
	_ "go.etcd.io/etcd/client/v3"
	_ "go.etcd.io/etcd/etcdctl/v3/ctlv3"
	_ "go.etcd.io/etcd/server/v3/embed"
)
