// Package recipe is a STUB of github.com/coreos/etcd/contrib/recipes (etcd v3.3 and older import path)
// for etcdlint's analysistest fixtures (GOPATH mode). It is never executed.
//
// Exported signatures are copied from go.etcd.io/etcd/client/v3@v3.7.3
// (experimental/recipes/). Bodies are minimal.
package recipe
