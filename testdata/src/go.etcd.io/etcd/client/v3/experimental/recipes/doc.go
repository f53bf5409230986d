// Package recipe is a STUB of go.etcd.io/etcd/client/v3/experimental/recipes (etcd v3.5+ import path)
// for etcdlint's analysistest fixtures (GOPATH mode). It is never executed.
//
// Exported signatures are copied from go.etcd.io/etcd/client/v3@v3.7.3
// (experimental/recipes/). Bodies are minimal.
package recipe
