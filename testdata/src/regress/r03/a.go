package r03

import (
	clientv3 "go.etcd.io/etcd/client/v3"
	"go.etcd.io/etcd/client/v3/concurrency"
)

func A(cli *clientv3.Client, n int) error {
	var ss []*concurrency.Session
	defer func() {
		for _, s := range ss {
			s.Close()
		}
	}()
	for i := 0; i < n; i++ {
		s, err := concurrency.NewSession(cli)
		if err != nil {
			return err
		}
		ss = append(ss, s)
	}
	return nil
}

func B(cli *clientv3.Client) error {
	var closers []func() error
	defer func() {
		for _, c := range closers {
			c()
		}
	}()
	s, err := concurrency.NewSession(cli)
	if err != nil {
		return err
	}
	closers = append(closers, s.Close)
	return nil
}
