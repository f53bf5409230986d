// Package noetcd uses no etcd API, so its comments are never scanned: a
// directive here is not even reported as unused.
package noetcd

func f() {
	//etcdlint:ignore sessionclose nothing to silence
	println()
}
