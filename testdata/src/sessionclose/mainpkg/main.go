// Command mainpkg shows that main.main is not exempt: exiting the process
// does not free the lease or its lock keys until the TTL runs out.
package main

import (
	"log"

	clientv3 "go.etcd.io/etcd/client/v3"
	"go.etcd.io/etcd/client/v3/concurrency"
)

func main() {
	cli, err := clientv3.New(clientv3.Config{Endpoints: []string{"127.0.0.1:2379"}})
	if err != nil {
		log.Fatal(err)
	}
	s, err := concurrency.NewSession(cli) // want `returns at main.go:22 without closing it`
	if err != nil {
		log.Fatal(err)
	}
	log.Println(s.Lease())
}
