// Package handoff holds clients handed on: returned, stored, sent,
// captured by a goroutine that closes them, given to another package.
package handoff

import (
	"context"
	"io"
	"net/http"

	clientv3 "go.etcd.io/etcd/client/v3"
	"go.etcd.io/etcd/client/v3/namespace"
)

var cfg = clientv3.Config{Endpoints: []string{"127.0.0.1:2379"}}

var global *clientv3.Client

type server struct {
	cli *clientv3.Client
}

func (s *server) Close() error { return s.cli.Close() }

func stored() error {
	cli, err := clientv3.New(cfg)
	if err != nil {
		return err
	}
	global = cli
	return nil
}

func newServer() (*server, error) {
	cli, err := clientv3.New(cfg)
	if err != nil {
		return nil, err
	}
	return &server{cli: cli}, nil
}

func sent(ch chan<- *clientv3.Client) error {
	cli, err := clientv3.New(cfg)
	if err != nil {
		return err
	}
	ch <- cli
	return nil
}

func goroutineCloses(ctx context.Context) error {
	cli, err := clientv3.New(cfg)
	if err != nil {
		return err
	}
	go func() {
		<-ctx.Done()
		cli.Close()
	}()
	return nil
}

func otherPackage(cli2 io.Closer, mux *http.ServeMux) error {
	cli, err := clientv3.New(cfg)
	if err != nil {
		return err
	}
	register(mux, cli)
	return nil
}

func register(mux *http.ServeMux, cli *clientv3.Client) {
	mux.Handle("/", handler{cli})
}

type handler struct{ cli *clientv3.Client }

func (handler) ServeHTTP(http.ResponseWriter, *http.Request) {}

// A struct in a local variable whose Close closes the client.
func wrapped(ctx context.Context) error {
	cli, err := clientv3.New(cfg)
	if err != nil {
		return err
	}
	s := &server{cli: cli}
	defer s.Close()
	_, err = s.cli.Get(ctx, "k")
	return err
}

// Closed through io.Closer.
func closer() error {
	cli, err := clientv3.New(cfg)
	if err != nil {
		return err
	}
	var c io.Closer = cli
	return c.Close()
}

// Closed by a deferred closure guarding a nil client.
func deferredGuard(ctx context.Context) (err error) {
	var cli *clientv3.Client
	defer func() {
		if cli != nil {
			cli.Close()
		}
	}()
	cli, err = clientv3.New(cfg)
	if err != nil {
		return err
	}
	_, err = cli.Get(ctx, "k")
	return err
}

// A view of the client handed on keeps the client in use: the caller of
// newKV holds the client as its KV.
func newKV() (clientv3.KV, error) {
	cli, err := clientv3.New(cfg)
	if err != nil {
		return nil, err
	}
	return cli.KV, nil
}

func newPrefixedKV() (clientv3.KV, error) {
	cli, err := clientv3.New(cfg)
	if err != nil {
		return nil, err
	}
	return namespace.NewKV(clientv3.NewKV(cli), "/app/"), nil
}

type watcherOwner struct{ w clientv3.Watcher }

func (o *watcherOwner) open() error {
	cli, err := clientv3.New(cfg)
	if err != nil {
		return err
	}
	o.w = namespace.NewWatcher(cli.Watcher, "/app/")
	return nil
}

// A goroutine that uses the client after the return owns it.
func watchForever(cli *clientv3.Client) {
	for range cli.Watch(context.Background(), "k") {
	}
}

func startWatching() error {
	cli, err := clientv3.New(cfg)
	if err != nil {
		return err
	}
	go watchForever(cli)
	return nil
}

func startWatchingClosure() error {
	cli, err := clientv3.New(cfg)
	if err != nil {
		return err
	}
	go func() {
		for range cli.Watch(context.Background(), "k") {
		}
	}()
	return nil
}
