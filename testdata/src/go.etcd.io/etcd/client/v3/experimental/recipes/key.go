package recipe

import (
	v3 "go.etcd.io/etcd/client/v3"
)

// RemoteKV is a key/revision pair created by the client and stored on etcd
type RemoteKV struct {
	kv  v3.KV
	key string
	rev int64
	val string
}

func (rk *RemoteKV) Key() string     { return rk.key }
func (rk *RemoteKV) Revision() int64 { return rk.rev }
func (rk *RemoteKV) Value() string   { return rk.val }

func (rk *RemoteKV) Delete() error { return nil }

func (rk *RemoteKV) Put(val string) error { return nil }

// EphemeralKV is a new key associated with a session lease
type EphemeralKV struct{ RemoteKV }
