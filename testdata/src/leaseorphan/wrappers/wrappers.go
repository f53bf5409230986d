// Package wrappers covers the lease API behind a project's own types: an
// interface with the Lease's methods, a struct that embeds clientv3.Lease,
// and clientv3.NewLease.
package wrappers

import (
	"context"
	"time"

	clientv3 "go.etcd.io/etcd/client/v3"
)

// leaser is how a project hides the client: only the methods it needs.
type leaser interface {
	Grant(ctx context.Context, ttl int64) (*clientv3.LeaseGrantResponse, error)
	KeepAlive(ctx context.Context, id clientv3.LeaseID) (<-chan *clientv3.LeaseKeepAliveResponse, error)
	Revoke(ctx context.Context, id clientv3.LeaseID) (*clientv3.LeaseRevokeResponse, error)
}

func viaInterface(ctx context.Context, l leaser) error {
	resp, err := l.Grant(ctx, 10) // want `lease from Grant is never used`
	if err != nil {
		return err
	}
	_ = resp.TTL
	return nil
}

func viaInterfaceKeepAlive(ctx context.Context, l leaser, id clientv3.LeaseID) error {
	_, err := l.KeepAlive(ctx, id) // want `the channel from KeepAlive is discarded`
	return err
}

func viaInterfaceFixed(ctx context.Context, l leaser) (clientv3.LeaseID, error) {
	resp, err := l.Grant(ctx, 10)
	if err != nil {
		return 0, err
	}
	ch, err := l.KeepAlive(ctx, resp.ID)
	if err != nil {
		return 0, err
	}
	go func() {
		for range ch {
		}
	}()
	return resp.ID, nil
}

func viaInterfaceLoop(l leaser, id clientv3.LeaseID) {
	for {
		ch, err := l.KeepAlive(context.Background(), id) // want `KeepAlive runs again on the same lease each time round the loop`
		if err != nil {
			return
		}
		<-ch
		time.Sleep(time.Second)
	}
}

func viaInterfaceLoopRevoked(l leaser, id clientv3.LeaseID) {
	for {
		ch, err := l.KeepAlive(context.Background(), id)
		if err != nil {
			return
		}
		<-ch
		l.Revoke(context.Background(), id)
	}
}

// store embeds the Lease: s.KeepAlive is the client's.
type store struct {
	clientv3.Lease
	kv clientv3.KV
}

func (s *store) register(ctx context.Context, key string) error {
	resp, err := s.Grant(ctx, 10)
	if err != nil {
		return err
	}
	if _, err := s.kv.Put(ctx, key, "", clientv3.WithLease(resp.ID)); err != nil {
		return err
	}
	ch, err := s.KeepAlive(ctx, resp.ID) // want `the channel from KeepAlive is discarded`
	if err != nil {
		return err
	}
	_ = ch
	return nil
}

func (s *store) registerFixed(ctx context.Context, key string) error {
	resp, err := s.Grant(ctx, 10)
	if err != nil {
		return err
	}
	if _, err := s.kv.Put(ctx, key, "", clientv3.WithLease(resp.ID)); err != nil {
		return err
	}
	ch, err := s.KeepAlive(ctx, resp.ID)
	if err != nil {
		return err
	}
	go func() {
		for range ch {
		}
	}()
	return nil
}

func (s *store) unused(ctx context.Context) error {
	resp, err := s.Lease.Grant(ctx, 10) // want `the response of Grant is discarded`
	if err != nil {
		return err
	}
	_ = resp
	return nil
}

// A Lease of its own, closed at the end of each iteration: Close ends the
// keepalives it runs.
func ownLease(cli *clientv3.Client, id clientv3.LeaseID) {
	for {
		lease := clientv3.NewLease(cli)
		ch, err := lease.KeepAlive(context.Background(), id)
		if err != nil {
			lease.Close()
			return
		}
		<-ch
		lease.Close()
	}
}

func ownLeaseNotClosed(cli *clientv3.Client, id clientv3.LeaseID) {
	lease := clientv3.NewLease(cli)
	defer lease.Close()
	for {
		ch, err := lease.KeepAlive(context.Background(), id) // want `KeepAlive runs again on the same lease each time round the loop`
		if err != nil {
			return
		}
		<-ch
	}
}

// A project type with the Lease's KeepAlive signature, declared elsewhere
// in the package: its callers must read what it returns.
type fake struct {
	ch chan *clientv3.LeaseKeepAliveResponse
}

func (f *fake) KeepAlive(ctx context.Context, id clientv3.LeaseID) (<-chan *clientv3.LeaseKeepAliveResponse, error) {
	return f.ch, nil
}

func viaFake(ctx context.Context, f *fake, id clientv3.LeaseID) error {
	_, err := f.KeepAlive(ctx, id) // want `the channel from KeepAlive is discarded`
	return err
}

// A wrapper in the same package that forwards to the client: both a lease
// method and a factory, reported once.
type forwarder struct{ cli *clientv3.Client }

func (f *forwarder) KeepAlive(ctx context.Context, id clientv3.LeaseID) (<-chan *clientv3.LeaseKeepAliveResponse, error) {
	return f.cli.KeepAlive(ctx, id)
}

func (f *forwarder) Grant(ctx context.Context, ttl int64) (*clientv3.LeaseGrantResponse, error) {
	return f.cli.Grant(ctx, ttl)
}

func viaForwarder(ctx context.Context, f *forwarder, id clientv3.LeaseID) error {
	_, err := f.KeepAlive(ctx, id) // want `the channel from KeepAlive is discarded`
	if err != nil {
		return err
	}
	resp, err := f.Grant(ctx, 5) // want `lease from Grant is never used`
	if err != nil {
		return err
	}
	_ = resp.TTL
	return nil
}
