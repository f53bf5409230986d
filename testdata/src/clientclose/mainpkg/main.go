// Command mainpkg: main.main is exempt, the process ends with its client.
package main

import (
	"context"
	"log"

	clientv3 "go.etcd.io/etcd/client/v3"
)

func main() {
	cli, err := clientv3.New(clientv3.Config{Endpoints: []string{"127.0.0.1:2379"}})
	if err != nil {
		log.Fatal(err)
	}
	if _, err := cli.Get(context.Background(), "k"); err != nil {
		log.Println(err)
		return
	}
	func() {
		cli2, _ := clientv3.NewFromURL("127.0.0.1:2379")
		log.Println(cli2.Endpoints())
	}()
	log.Println(mustClient().Endpoints())
}

func mustClient() *clientv3.Client {
	cli, err := clientv3.New(clientv3.Config{})
	if err != nil {
		log.Fatal(err)
	}
	return cli
}

// Not main.main: reported.
func helper() error {
	cli, err := clientv3.New(clientv3.Config{}) // want `the function returns at main.go:42 without closing it`
	if err != nil {
		return err
	}
	log.Println(cli.Endpoints())
	return nil
}
