// Command mainpkg shows that main is not exempt: the lock key outlives the
// process until the session's lease runs out.
package main

import (
	"context"
	"log"
	"time"

	clientv3 "go.etcd.io/etcd/client/v3"
	"go.etcd.io/etcd/client/v3/concurrency"
)

func main() {
	cli, err := clientv3.New(clientv3.Config{Endpoints: []string{"localhost:2379"}})
	if err != nil {
		log.Fatal(err)
	}
	defer cli.Close()
	s, err := concurrency.NewSession(cli)
	if err != nil {
		log.Fatal(err)
	}
	m := concurrency.NewMutex(s, "/my-lock/")
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := m.Lock(ctx); err != nil { // want `the lock taken by m.Lock is not released: the function returns at main.go:31 without unlocking it`
		log.Fatal(err)
	}
	log.Print("locked")
}
