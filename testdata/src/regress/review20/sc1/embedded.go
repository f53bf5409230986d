package sc1

import (
	"context"

	clientv3 "go.etcd.io/etcd/client/v3"
	"go.etcd.io/etcd/client/v3/concurrency"
)

// conn owns the client; Node embeds it, and its promoted Close closes the
// client the session was made from.
type conn struct{ cli *clientv3.Client }

func (c *conn) Close() error { return c.cli.Close() }

type Node struct {
	conn
	sess *concurrency.Session
	e    *concurrency.Election
}

func (n *Node) campaign(ctx context.Context, id string) error {
	s, err := concurrency.NewSession(n.cli)
	if err != nil {
		return err
	}
	n.sess = s
	n.e = concurrency.NewElection(s, "/node/leader")
	return n.e.Campaign(ctx, id)
}
