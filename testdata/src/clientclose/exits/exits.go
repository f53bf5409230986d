// Package exits: exits by os.Exit, log.Fatal and panic, and functions
// that never return, hold their clients for as long as the process.
package exits

import (
	"context"
	"log"
	"os"

	clientv3 "go.etcd.io/etcd/client/v3"
)

var cfg = clientv3.Config{Endpoints: []string{"127.0.0.1:2379"}}

func fatal(ctx context.Context) {
	cli, err := clientv3.New(cfg)
	if err != nil {
		log.Fatal(err)
	}
	if _, err := cli.Get(ctx, "k"); err != nil {
		log.Fatalf("get: %v", err)
	}
	os.Exit(0)
}

func panics(ctx context.Context) {
	cli, err := clientv3.New(cfg)
	if err != nil {
		panic(err)
	}
	if _, err := cli.Get(ctx, "k"); err != nil {
		panic(err)
	}
	cli.Close()
}

// Serves forever: the client lives as long as the process.
func serve(ctx context.Context) {
	cli, err := clientv3.New(cfg)
	if err != nil {
		log.Fatal(err)
	}
	for {
		cli.Get(ctx, "k")
	}
}

// Bad: one error path returns.
func mixed(ctx context.Context) error {
	cli, err := clientv3.New(cfg) // want `the function returns at exits.go:55 without closing it`
	if err != nil {
		log.Fatal(err)
	}
	if _, err := cli.Get(ctx, "k"); err != nil {
		return err
	}
	os.Exit(0)
	return nil
}
