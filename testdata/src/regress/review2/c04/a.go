package c04

import (
	"context"
	"time"

	clientv3 "go.etcd.io/etcd/client/v3"
	"go.etcd.io/etcd/client/v3/concurrency"
)

type Svc struct {
	ctx    context.Context
	cancel context.CancelFunc
	s      *concurrency.Session
}

// OK: cancel stored in struct; ctx used in goroutine Campaign.
func New(cli *clientv3.Client) (*Svc, error) {
	ctx, cancel := context.WithCancel(context.Background())
	s, err := concurrency.NewSession(cli)
	if err != nil {
		cancel()
		return nil, err
	}
	svc := &Svc{ctx: ctx, cancel: cancel, s: s}
	go svc.run()
	return svc, nil
}

func (svc *Svc) run() {
	e := concurrency.NewElection(svc.s, "/x")
	if err := e.Campaign(svc.ctx, "me"); err != nil {
		return
	}
	<-svc.ctx.Done()
	e.Resign(context.Background())
}

// OK: lock/unlock with a parameter ctx (caller decides).
func Param(ctx context.Context, s *concurrency.Session) error {
	m := concurrency.NewMutex(s, "/k")
	if err := m.Lock(ctx); err != nil {
		return err
	}
	defer m.Unlock(ctx)
	return nil
}

// OK: ctx variable reused, captured by a closure, fresh ctx for unlock.
func Reuse(parent context.Context, s *concurrency.Session) error {
	m := concurrency.NewMutex(s, "/k")
	ctx, cancel := context.WithTimeout(parent, time.Second)
	if err := m.Lock(ctx); err != nil {
		cancel()
		return err
	}
	cancel()
	ctx, cancel = context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	f := func() { _ = ctx }
	f()
	return m.Unlock(ctx)
}

// OK: cancel via time.AfterFunc.
func AfterFunc(s *concurrency.Session) error {
	ctx, cancel := context.WithCancel(context.Background())
	t := time.AfterFunc(5*time.Second, cancel)
	defer t.Stop()
	defer cancel()
	m := concurrency.NewMutex(s, "/k")
	if err := m.Lock(ctx); err != nil {
		return err
	}
	return m.Unlock(context.Background())
}

// OK: cancel returned.
func Ctx(parent context.Context, cli *clientv3.Client) (context.Context, context.CancelFunc, error) {
	ctx, cancel := context.WithTimeout(parent, time.Second)
	if _, err := cli.Get(ctx, "k"); err != nil {
		cancel()
		return nil, nil, err
	}
	return ctx, cancel, nil
}

// OK: cancel in select loop per-iteration.
func PerIter(parent context.Context, cli *clientv3.Client, keys []string) error {
	for _, k := range keys {
		ctx, cancel := context.WithTimeout(parent, time.Second)
		_, err := cli.Get(ctx, k)
		cancel()
		if err != nil {
			return err
		}
	}
	return nil
}

// OK: cancel deferred by closure in loop via func literal.
func PerIterFunc(parent context.Context, cli *clientv3.Client, keys []string) error {
	for _, k := range keys {
		if err := func() error {
			ctx, cancel := context.WithTimeout(parent, time.Second)
			defer cancel()
			_, err := cli.Get(ctx, k)
			return err
		}(); err != nil {
			return err
		}
	}
	return nil
}

// OK: WithCancel ctx whose cancel goes to a goroutine that waits on signal.
func Signal(s *concurrency.Session, stop <-chan struct{}) error {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go func() {
		select {
		case <-stop:
			cancel()
		case <-ctx.Done():
		}
	}()
	e := concurrency.NewElection(s, "/e")
	if err := e.Campaign(ctx, "v"); err != nil {
		return err
	}
	defer e.Resign(context.Background())
	return nil
}

// OK: session ctx.
func SessionCtx(s *concurrency.Session) error {
	m := concurrency.NewMutex(s, "/k")
	if err := m.Lock(s.Ctx()); err != nil {
		return err
	}
	return m.Unlock(context.Background())
}
