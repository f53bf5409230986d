// Package fileignore shows //etcdlint:file-ignore: it silences its rule in
// its whole file, and nowhere else.
package fileignore

//etcdlint:file-ignore SC1 sessions here are revoked by the supervisor

import (
	"log"

	clientv3 "go.etcd.io/etcd/client/v3"
	"go.etcd.io/etcd/client/v3/concurrency"
)

func first(cli *clientv3.Client) {
	s, err := concurrency.NewSession(cli)
	if err != nil {
		return
	}
	log.Println(s.Lease())
}

func second(cli *clientv3.Client) {
	s, err := concurrency.NewSession(cli)
	if err != nil {
		return
	}
	log.Println(s.Lease())
}
