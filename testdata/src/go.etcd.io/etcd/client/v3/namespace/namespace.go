// Package namespace is a STUB of go.etcd.io/etcd/client/v3/namespace: only the
// constructors the analyzers read. Each wraps what it is given and keeps
// it, but closing the result does not close the client.
package namespace

import clientv3 "go.etcd.io/etcd/client/v3"

// NewKV wraps a KV in a key prefix.
func NewKV(kv clientv3.KV, prefix string) clientv3.KV { return kv }

// NewWatcher wraps a Watcher in a key prefix.
func NewWatcher(w clientv3.Watcher, prefix string) clientv3.Watcher { return w }

// NewLease wraps a Lease in a key prefix.
func NewLease(l clientv3.Lease, prefix string) clientv3.Lease { return l }
