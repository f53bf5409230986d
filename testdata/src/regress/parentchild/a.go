package hang

import (
	clientv3 "go.etcd.io/etcd/client/v3"
	"go.etcd.io/etcd/client/v3/concurrency"
)

type parent struct {
	s     *concurrency.Session
	child *child
}

type child struct {
	p *parent
}

func parentChild(cli *clientv3.Client) (*parent, error) {
	s, err := concurrency.NewSession(cli)
	if err != nil {
		return nil, err
	}
	p := &parent{s: s}
	c := &child{p: p}
	p.child = c
	return p, nil
}
