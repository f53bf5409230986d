// Package errfield: the acquire's error kept in a field of a local struct
// and tested there (c.sess, c.err = concurrency.NewSession(cli)).
package errfield

import (
	"context"

	clientv3 "go.etcd.io/etcd/client/v3"
	"go.etcd.io/etcd/client/v3/concurrency"
)

type conn struct {
	sess *concurrency.Session
	err  error
}

// The acquire's error is kept in a struct field and tested there.
func Open(cli *clientv3.Client) error {
	var c conn
	c.sess, c.err = concurrency.NewSession(cli)
	if c.err != nil {
		return c.err
	}
	return c.sess.Close()
}

type result struct{ err error }

func Lock(ctx context.Context, s *concurrency.Session) error {
	m := concurrency.NewMutex(s, "/l")
	var r result
	r.err = m.Lock(ctx)
	if r.err != nil {
		return r.err
	}
	return m.Unlock(context.Background())
}
