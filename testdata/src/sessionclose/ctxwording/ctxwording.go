// Package ctxwording covers what SC1 says a leaked session costs: a
// session made with concurrency.WithContext(ctx) keeps its lease alive
// until ctx ends, not for as long as the client lives.
package ctxwording

import (
	"context"

	clientv3 "go.etcd.io/etcd/client/v3"
	"go.etcd.io/etcd/client/v3/concurrency"
)

type key struct{}

type server struct{ ctx context.Context }

// The ctx is a parameter: the keepalive ends when the caller's ctx does.
func param(ctx context.Context, cli *clientv3.Client) error {
	s, err := concurrency.NewSession(cli, concurrency.WithTTL(5), concurrency.WithContext(ctx)) // want `returns at ctxwording.go:24 without closing it, so its keepalive goroutines refresh the lease until ctx ends and keys bound to it \(locks\) stay until the lease expires, a TTL after that; defer s.Close\(\) after the error check`
	if err != nil {
		return err
	}
	_ = s.Lease()
	return nil
}

// A field, and a session never closed at all.
func (srv *server) field(cli *clientv3.Client) {
	s, _ := concurrency.NewSession(cli, concurrency.WithContext(srv.ctx)) // want `session from concurrency.NewSession is never closed, so its keepalive goroutines refresh the lease until srv.ctx ends`
	_ = s.Lease()
	select {}
}

// An expression too long for the message.
func long(ctx context.Context, cli *clientv3.Client) error {
	s, err := concurrency.NewSession(cli, concurrency.WithContext(context.WithValue(ctx, key{}, "v"))) // want `refresh the lease until the context given to concurrency.WithContext ends`
	if err != nil {
		return err
	}
	_ = s.Lease()
	return nil
}

// A ctx nothing can end: the keepalive runs for as long as the client.
func background(cli *clientv3.Client) error {
	s, err := concurrency.NewSession(cli, concurrency.WithContext(context.Background())) // want `refresh the lease for as long as the client lives and keys bound to it \(locks\) stay;`
	if err != nil {
		return err
	}
	_ = s.Lease()
	return nil
}

func withoutCancel(ctx context.Context, cli *clientv3.Client) error {
	vctx := context.WithValue(context.WithoutCancel(ctx), key{}, "v")
	s, err := concurrency.NewSession(cli, concurrency.WithContext(vctx)) // want `refresh the lease for as long as the client lives`
	if err != nil {
		return err
	}
	_ = s.Lease()
	return nil
}

// Without WithContext, the old wording.
func plain(cli *clientv3.Client) error {
	s, err := concurrency.NewSession(cli, concurrency.WithTTL(5)) // want `returns at ctxwording.go:71 without closing it, so its keepalive goroutines refresh the lease for as long as the client lives and keys bound to it \(locks\) stay; defer s.Close\(\) after the error check`
	if err != nil {
		return err
	}
	_ = s.Lease()
	return nil
}

// The good twin: closed, whatever its ctx.
func closed(ctx context.Context, cli *clientv3.Client) error {
	s, err := concurrency.NewSession(cli, concurrency.WithContext(ctx))
	if err != nil {
		return err
	}
	defer s.Close()
	_ = s.Lease()
	return nil
}
