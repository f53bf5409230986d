package r01

import (
	"io"
	"log"

	clientv3 "go.etcd.io/etcd/client/v3"
	"go.etcd.io/etcd/client/v3/concurrency"
)

func closeQuietly(c io.Closer) {
	if err := c.Close(); err != nil {
		log.Println(err)
	}
}

func logIfErr(f func() error) {
	if err := f(); err != nil {
		log.Println(err)
	}
}

func A(cli *clientv3.Client) error {
	s, err := concurrency.NewSession(cli)
	if err != nil {
		return err
	}
	defer closeQuietly(s)
	return nil
}

func B(cli *clientv3.Client) error {
	s, err := concurrency.NewSession(cli)
	if err != nil {
		return err
	}
	defer logIfErr(s.Close)
	return nil
}
