// Package borrow covers values made from the session: a Mutex, Election or
// Locker borrows the session; if it is handed on, the session goes with it.
package borrow

import (
	"context"
	"io"

	clientv3 "go.etcd.io/etcd/client/v3"
	"go.etcd.io/etcd/client/v3/concurrency"
	recipe "go.etcd.io/etcd/client/v3/experimental/recipes"
)

// NewMutex borrows: the mutex dies here, and so does the session.
func mutexBorrow(ctx context.Context, cli *clientv3.Client) error {
	s, err := concurrency.NewSession(cli) // want `returns at borrow.go:22 without closing it`
	if err != nil {
		return err
	}
	m := concurrency.NewMutex(s, "/lock/")
	if err := m.Lock(ctx); err != nil {
		return err
	}
	return m.Unlock(ctx)
}

// A mutex returned takes its session, which no Mutex method reaches.
func mutexReturned(cli *clientv3.Client) (*concurrency.Mutex, error) {
	s, err := concurrency.NewSession(cli) // want `can never be closed: it is reachable only through the Mutex returned at borrow.go:33, which cannot close it, so every successful call leaves a session`
	if err != nil {
		return nil, err
	}
	return concurrency.NewMutex(s, "/lock/"), nil
}

type leader struct{ e *concurrency.Election }

func (l *leader) electionStored(cli *clientv3.Client) error {
	s, err := concurrency.NewSession(cli)
	if err != nil {
		return err
	}
	l.e = concurrency.NewElection(s, "/leader/")
	return nil
}

func lockerReturned(cli *clientv3.Client) (interface{ Lock() }, error) {
	s, err := concurrency.NewSession(cli) // want `reachable only through the Locker returned at borrow.go:52, which cannot close it`
	if err != nil {
		return nil, err
	}
	return concurrency.NewLocker(s, "/lock/"), nil
}

func rwReturned(cli *clientv3.Client) (*recipe.RWMutex, error) {
	s, err := concurrency.NewSession(cli) // want `reachable only through the RWMutex returned at borrow.go:60, which cannot close it`
	if err != nil {
		return nil, err
	}
	return recipe.NewRWMutex(s, "/rw/"), nil
}

// A struct embedding *Session gets Close by promotion.
type lockSession struct {
	*concurrency.Session
	prefix string
}

func embedded(cli *clientv3.Client) error {
	s, err := concurrency.NewSession(cli)
	if err != nil {
		return err
	}
	ls := &lockSession{Session: s, prefix: "/lock/"}
	defer ls.Close()
	return nil
}

func embeddedLeak(cli *clientv3.Client) error {
	s, err := concurrency.NewSession(cli) // want `returns at borrow.go:86 without closing it`
	if err != nil {
		return err
	}
	ls := lockSession{Session: s, prefix: "/lock/"}
	_ = ls.prefix
	return nil
}

// Through an interface.
func asCloser(cli *clientv3.Client) error {
	s, err := concurrency.NewSession(cli)
	if err != nil {
		return err
	}
	var c io.Closer = s
	defer c.Close()
	return nil
}

// A generic wrapper that closes what it is given.
func closeAll[T io.Closer](xs ...T) {
	for _, x := range xs {
		x.Close()
	}
}

func closeOne[T io.Closer](x T) { x.Close() }

func generic(cli *clientv3.Client) error {
	s, err := concurrency.NewSession(cli)
	if err != nil {
		return err
	}
	defer closeOne(s)
	return nil
}

type box[T any] struct{ v T }

func (b *box[T]) get() T { return b.v }

func genericBoxLeak(cli *clientv3.Client) error {
	s, err := concurrency.NewSession(cli) // want `returns at borrow.go:129 without closing it`
	if err != nil {
		return err
	}
	b := box[*concurrency.Session]{v: s}
	_ = b.get().Lease()
	return nil
}

// A struct held by value inside another: a method called on &h.in still
// reaches the session.
type inner struct{ s *concurrency.Session }

func (in *inner) get() *concurrency.Session { return in.s }

func (in *inner) ref() **concurrency.Session { return &in.s }

type outer struct {
	in   inner
	name string
}

func nestedGetter(cli *clientv3.Client) error {
	s, err := concurrency.NewSession(cli)
	if err != nil {
		return err
	}
	o := &outer{in: inner{s: s}, name: "x"}
	defer o.in.get().Close()
	return nil
}

func nestedGetterLeak(cli *clientv3.Client) error {
	s, err := concurrency.NewSession(cli) // want `returns at borrow.go:162 without closing it`
	if err != nil {
		return err
	}
	o := &outer{in: inner{s: s}, name: "x"}
	_ = o.in.get().Lease()
	return nil
}

// A getter that returns the address of the field.
func refGetter(cli *clientv3.Client) error {
	s, err := concurrency.NewSession(cli)
	if err != nil {
		return err
	}
	in := &inner{s: s}
	defer (*in.ref()).Close()
	return nil
}

func refGetterLeak(cli *clientv3.Client) error {
	s, err := concurrency.NewSession(cli) // want `returns at borrow.go:183 without closing it`
	if err != nil {
		return err
	}
	in := &inner{s: s}
	_ = (*in.ref()).Lease()
	return nil
}
