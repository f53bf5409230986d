package c08

import (
	"context"
	"errors"
	"sync"
	"time"

	clientv3 "go.etcd.io/etcd/client/v3"
	"go.etcd.io/etcd/client/v3/concurrency"
)

type KV interface {
	Grant(ctx context.Context, ttl int64) (*clientv3.LeaseGrantResponse, error)
	KeepAlive(ctx context.Context, id clientv3.LeaseID) (<-chan *clientv3.LeaseKeepAliveResponse, error)
	Revoke(ctx context.Context, id clientv3.LeaseID) (*clientv3.LeaseRevokeResponse, error)
	Put(ctx context.Context, key, val string, opts ...clientv3.OpOption) (*clientv3.PutResponse, error)
}

// OK: registrar with lease kept alive in a goroutine, cancel in struct, sync.Once stop.
type Registrar struct {
	kv     KV
	mu     sync.Mutex
	lease  clientv3.LeaseID
	cancel context.CancelFunc
	once   sync.Once
	done   chan struct{}
}

func (r *Registrar) Start(key, val string) error {
	ctx, cancel := context.WithCancel(context.Background())
	lresp, err := r.kv.Grant(ctx, 10)
	if err != nil {
		cancel()
		return err
	}
	if _, err := r.kv.Put(ctx, key, val, clientv3.WithLease(lresp.ID)); err != nil {
		cancel()
		return err
	}
	ch, err := r.kv.KeepAlive(ctx, lresp.ID)
	if err != nil {
		cancel()
		return err
	}
	r.mu.Lock()
	r.lease, r.cancel = lresp.ID, cancel
	r.mu.Unlock()
	r.done = make(chan struct{})
	go func() {
		defer close(r.done)
		for range ch {
		}
	}()
	return nil
}

func (r *Registrar) Stop() {
	r.once.Do(func() {
		r.cancel()
		ctx, cancel := context.WithTimeout(context.Background(), time.Second)
		defer cancel()
		r.kv.Revoke(ctx, r.lease)
		<-r.done
	})
}

// OK: generic pool of sessions with channel.
type Pool[T any] struct {
	ch chan T
}

func NewSessionPool(cli *clientv3.Client, n int) (*Pool[*concurrency.Session], error) {
	p := &Pool[*concurrency.Session]{ch: make(chan *concurrency.Session, n)}
	for i := 0; i < n; i++ {
		s, err := concurrency.NewSession(cli)
		if err != nil {
			p.Close()
			return nil, err
		}
		p.ch <- s
	}
	return p, nil
}

func (p *Pool[T]) Close() {
	close(p.ch)
}

// OK: generic Put/Get with channel receive.
func (p *Pool[T]) Get() T  { return <-p.ch }
func (p *Pool[T]) Put(v T) { p.ch <- v }

func UsePool(ctx context.Context, p *Pool[*concurrency.Session]) error {
	s := p.Get()
	defer p.Put(s)
	m := concurrency.NewMutex(s, "/k")
	if err := m.Lock(ctx); err != nil {
		return err
	}
	return m.Unlock(context.Background())
}

// OK: generic constructor helper.
func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

func Must(cli *clientv3.Client) *concurrency.Session {
	s := must(concurrency.NewSession(cli))
	return s
}

// OK: generic closer wrapper
type closer[T interface{ Close() error }] struct{ v T }

func (c closer[T]) Close() error { return c.v.Close() }

func Generic(cli *clientv3.Client) error {
	s, err := concurrency.NewSession(cli)
	if err != nil {
		return err
	}
	c := closer[*concurrency.Session]{v: s}
	defer c.Close()
	return nil
}

func closeAll[T interface{ Close() error }](xs ...T) error {
	var errs []error
	for _, x := range xs {
		errs = append(errs, x.Close())
	}
	return errors.Join(errs...)
}

func GenericVariadic(cli *clientv3.Client) error {
	a, err := concurrency.NewSession(cli)
	if err != nil {
		return err
	}
	b, err := concurrency.NewSession(cli)
	if err != nil {
		a.Close()
		return err
	}
	defer closeAll(a, b)
	return nil
}

// OK: lease revoke in deferred closure with fresh ctx via interface
func Temp(ctx context.Context, kv KV) error {
	resp, err := kv.Grant(ctx, 10)
	if err != nil {
		return err
	}
	defer func() {
		ctx, cancel := context.WithTimeout(context.Background(), time.Second)
		defer cancel()
		kv.Revoke(ctx, resp.ID)
	}()
	_, err = kv.Put(ctx, "k", "v", clientv3.WithLease(resp.ID))
	return err
}

// OK: struct embedding the client
type Client struct {
	*clientv3.Client
	sess *concurrency.Session
}

func Dial(cfg clientv3.Config) (*Client, error) {
	cli, err := clientv3.New(cfg)
	if err != nil {
		return nil, err
	}
	s, err := concurrency.NewSession(cli)
	if err != nil {
		cli.Close()
		return nil, err
	}
	return &Client{Client: cli, sess: s}, nil
}

func (c *Client) Close() error {
	c.sess.Close()
	return c.Client.Close()
}

func UseDial(cfg clientv3.Config) error {
	c, err := Dial(cfg)
	if err != nil {
		return err
	}
	defer c.Close()
	return nil
}
