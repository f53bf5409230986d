// Package session is linted by golangci-lint with the etcdlint plugin in
// plugin/integration. A line ending in "// finding: <analyzer>" must be
// reported by that analyzer, and nothing else may be reported.
package session

import (
	"log"

	clientv3 "go.etcd.io/etcd/client/v3"
	"go.etcd.io/etcd/client/v3/concurrency"
)

func Leak(cli *clientv3.Client) error {
	s, err := concurrency.NewSession(cli) // finding: sessionclose
	if err != nil {
		return err
	}
	log.Println(s.Lease())
	return nil
}

func Closed(cli *clientv3.Client) error {
	s, err := concurrency.NewSession(cli)
	if err != nil {
		return err
	}
	defer s.Close()
	log.Println(s.Lease())
	return nil
}

// golangci-lint's own suppression names the linter, not the analyzer.
func NoLint(cli *clientv3.Client) error {
	s, err := concurrency.NewSession(cli) //nolint:etcdlint // the supervisor revokes the lease
	if err != nil {
		return err
	}
	log.Println(s.Lease())
	return nil
}

// etcdlint's own directive works under golangci-lint too.
func Ignored(cli *clientv3.Client) error {
	//etcdlint:ignore sessionclose the supervisor revokes the lease
	s, err := concurrency.NewSession(cli)
	if err != nil {
		return err
	}
	log.Println(s.Lease())
	return nil
}

func Stale(cli *clientv3.Client) error {
	//etcdlint:ignore sessionclose closed since // finding: sessionclose
	s, err := concurrency.NewSession(cli)
	if err != nil {
		return err
	}
	defer s.Close()
	log.Println(s.Lease())
	return nil
}
