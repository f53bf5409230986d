// Package recipe is a STUB of go.etcd.io/etcd/contrib/recipes (etcd v3.4 import path)
// for etcdlint's analysistest fixtures (GOPATH mode). It is never executed.
//
// Exported signatures are copied from go.etcd.io/etcd/client/v3@v3.7.3
// (experimental/recipes/). Bodies are minimal.
package recipe
