// Package cobracmd: a cobra command's Run func runs once per process, as
// main.main does, and the process ends with its client (etcdctl's shape).
package cobracmd

import (
	"context"
	"fmt"

	"github.com/spf13/cobra"
	clientv3 "go.etcd.io/etcd/client/v3"
)

func mustClient() *clientv3.Client {
	cli, err := clientv3.New(clientv3.Config{Endpoints: []string{"127.0.0.1:2379"}})
	if err != nil {
		panic(err)
	}
	return cli
}

func getCommandFunc(cmd *cobra.Command, args []string) {
	resp, err := mustClient().Get(context.Background(), args[0])
	fmt.Println(resp, err)
}

func NewGetCommand() *cobra.Command {
	return &cobra.Command{
		Use: "get",
		Run: getCommandFunc,
		RunE: func(cmd *cobra.Command, args []string) error {
			_, err := mustClient().Get(context.Background(), args[0])
			return err
		},
	}
}

// Bad: not a command's Run func (it takes a context), so called any
// number of times.
func get(ctx context.Context, args []string) error {
	cli := mustClient() // want `client from clientv3.New leaks: the function returns at cobracmd.go:42 without closing it`
	_, err := cli.Get(ctx, args[0])
	return err
}
