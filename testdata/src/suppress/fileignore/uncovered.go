package fileignore

import (
	"log"

	clientv3 "go.etcd.io/etcd/client/v3"
	"go.etcd.io/etcd/client/v3/concurrency"
)

// Twin: the directive in covered.go does not reach this file.
func third(cli *clientv3.Client) {
	s, err := concurrency.NewSession(cli) // want `session from concurrency.NewSession leaks`
	if err != nil {
		return
	}
	log.Println(s.Lease())
}
