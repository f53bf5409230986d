// Command mainpkg: main.main's watches end with the process.
package main

import (
	"context"
	"fmt"

	clientv3 "go.etcd.io/etcd/client/v3"
)

func main() {
	cli, err := clientv3.New(clientv3.Config{})
	if err != nil {
		return
	}
	for wresp := range cli.Watch(context.Background(), "k") {
		fmt.Println(wresp.Events)
		return
	}
}
