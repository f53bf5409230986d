package r02

import (
	clientv3 "go.etcd.io/etcd/client/v3"
	"go.etcd.io/etcd/client/v3/concurrency"
)

type worker struct {
	name string
	s    *concurrency.Session
}

func (w *worker) close() { w.s.Close() }

func A(cli *clientv3.Client) error {
	s, err := concurrency.NewSession(cli)
	if err != nil {
		return err
	}
	w := &worker{name: "x", s: s}
	defer w.close()
	return nil
}

func B(cli *clientv3.Client) error {
	s, err := concurrency.NewSession(cli)
	if err != nil {
		return err
	}
	w := worker{s: s}
	defer w.s.Close()
	return nil
}
