// Package concurrency is a STUB of github.com/coreos/etcd/clientv3/concurrency (etcd v3.3 and older import path)
// for etcdlint's analysistest fixtures (GOPATH mode). It is never executed.
//
// Exported signatures are copied from go.etcd.io/etcd/client/v3@v3.7.3
// (concurrency/); etcdserverpb.ResponseHeader is replaced by the client
// stub's ResponseHeader and *zap.Logger by a local stand-in. Bodies are
// minimal, except lockerMutex.Lock/Unlock, which mirror the real ones.
package concurrency
