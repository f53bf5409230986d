//go:build tools

// Package corpus pins the real code etcdlint is run on by reliability/run.sh.
// The blank imports keep the requirements in go.mod; nothing here is built.
package corpus

import (
	_ "github.com/zeromicro/go-zero/core/discov"
	_ "go.etcd.io/etcd/client/v3"
	_ "go.etcd.io/etcd/etcdctl/v3/ctlv3"
	_ "go.etcd.io/etcd/server/v3/embed"
	_ "go.etcd.io/etcd/tests/v3/framework"
	_ "k8s.io/apiserver/pkg/storage/etcd3"
)
