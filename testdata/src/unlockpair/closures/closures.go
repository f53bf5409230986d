// Package closures covers closures that release the lock or election and
// also refer to the session, or to the struct whose field holds it: what
// the closure does to the lock decides, not what else it captures.
package closures

import (
	"context"
	"log"

	clientv3 "go.etcd.io/etcd/client/v3"
	"go.etcd.io/etcd/client/v3/concurrency"
)

type node struct {
	cli  *clientv3.Client
	s    *concurrency.Session
	name string
}

func work(ctx context.Context) error { return nil }

// A deferred closure that resigns and logs a field of the receiver.
func (n *node) lead(ctx context.Context) error {
	e := concurrency.NewElection(n.s, "/leader")
	if err := e.Campaign(ctx, n.name); err != nil {
		return err
	}
	defer func() {
		if err := e.Resign(context.Background()); err != nil {
			log.Printf("%s: resign: %v", n.name, err)
		}
	}()
	return work(ctx)
}

// The same closure logging the session's lease.
func (n *node) leadLease(ctx context.Context) error {
	e := concurrency.NewElection(n.s, "/leader")
	if err := e.Campaign(ctx, n.name); err != nil {
		return err
	}
	defer func() {
		if err := e.Resign(context.Background()); err != nil {
			log.Printf("lease %x: resign: %v", n.s.Lease(), err)
		}
	}()
	return work(ctx)
}

// A goroutine that runs the leader's term and then resigns.
func (n *node) campaign(ctx context.Context) error {
	e := concurrency.NewElection(n.s, "/leader")
	if err := e.Campaign(ctx, n.name); err != nil {
		return err
	}
	go func() {
		defer e.Resign(context.Background())
		n.term(ctx)
	}()
	return nil
}

func (n *node) term(ctx context.Context) {}

// A goroutine that hands the held mutex to a releaser over a channel.
func (n *node) lockAsync(ctx context.Context, release chan<- *concurrency.Mutex) error {
	m := concurrency.NewMutex(n.s, "/lock")
	if err := m.Lock(ctx); err != nil {
		return err
	}
	go func() {
		log.Printf("%s holds %s", n.name, m.Key())
		release <- m
	}()
	return nil
}

func unlock(m *concurrency.Mutex) { m.Unlock(context.Background()) }

// A goroutine whose deferred helper unlocks, capturing the session.
func lockWithSession(ctx context.Context, s *concurrency.Session) error {
	m := concurrency.NewMutex(s, "/lock")
	if err := m.Lock(ctx); err != nil {
		return err
	}
	go func() {
		defer unlock(m)
		log.Printf("lease %x", s.Lease())
	}()
	return nil
}

// Bad twin: the deferred closure only logs; nothing resigns.
func (n *node) leadLeak(ctx context.Context) error {
	e := concurrency.NewElection(n.s, "/leader")
	if err := e.Campaign(ctx, n.name); err != nil { // want `the leadership won by e.Campaign is not released: the function returns at closures.go:102`
		return err
	}
	defer func() {
		log.Printf("%s: done with lease %x", n.name, n.s.Lease())
	}()
	return work(ctx)
}

// Bad twin: the goroutine only logs the key and the session's lease.
func lockAndLog(ctx context.Context, s *concurrency.Session) error {
	m := concurrency.NewMutex(s, "/lock")
	if err := m.Lock(ctx); err != nil { // want `the lock taken by m.Lock is not released: the function returns at closures.go:114`
		return err
	}
	go func() {
		log.Printf("%s held with lease %x", m.Key(), s.Lease())
	}()
	return nil
}
