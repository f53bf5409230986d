// Package errcell covers NewSession's error kept in a variable the
// function's tests load rather than in a register: an err a closure
// captures (the tracing idiom), a named result, a field of the receiver.
package errcell

import (
	"context"
	"fmt"
	"log"

	clientv3 "go.etcd.io/etcd/client/v3"
	"go.etcd.io/etcd/client/v3/concurrency"
)

type span interface{ End(err error) }

// The deferred closure makes err a heap cell; `if err != nil` still tests
// NewSession's error, and its branch holds nothing.
func traced(sp span, cli *clientv3.Client) error {
	s, err := concurrency.NewSession(cli)
	defer func() { sp.End(err) }()
	if err != nil {
		return err
	}
	defer s.Close()
	m := concurrency.NewMutex(s, "/l/")
	if err = m.Lock(context.TODO()); err != nil {
		return err
	}
	return m.Unlock(context.TODO())
}

// The Lock's error, stored to the same err, is not NewSession's: the
// session leaks on the return after a failed Lock.
func tracedLeak(sp span, cli *clientv3.Client) error {
	s, err := concurrency.NewSession(cli) // want `returns at errcell.go:43 without closing it`
	defer func() { sp.End(err) }()
	if err != nil {
		return err
	}
	m := concurrency.NewMutex(s, "/l/")
	if err = m.Lock(context.TODO()); err != nil {
		return err
	}
	return m.Unlock(context.TODO())
}

// A named result that a deferred closure reads and rewrites: the closure
// runs at the exit, after every test.
func named(cli *clientv3.Client) (err error) {
	defer func() {
		if err != nil {
			err = fmt.Errorf("lock: %w", err)
		}
	}()
	s, err := concurrency.NewSession(cli)
	if err != nil {
		return err
	}
	defer s.Close()
	return nil
}

func namedLeak(cli *clientv3.Client) (err error) {
	defer func() {
		if err != nil {
			err = fmt.Errorf("lock: %w", err)
		}
	}()
	s, err := concurrency.NewSession(cli) // want `returns at errcell.go:75 without closing it`
	if err != nil {
		return err
	}
	_ = s.Lease()
	return nil
}

// A closure that rewrites err, called between the store and the test:
// what the test reads may not be NewSession's error, so neither branch
// is known to hold the session. Silent, by design (precision first).
func rewritten(cli *clientv3.Client) error {
	s, err := concurrency.NewSession(cli)
	annotate := func() {
		if err != nil {
			err = fmt.Errorf("session: %w", err)
		}
	}
	annotate()
	if err != nil {
		return err
	}
	_ = s.Lease()
	return nil
}

// The same closure run before the acquire: the store after it decides.
func rewrittenBefore(cli *clientv3.Client) error {
	var err error
	reset := func() { err = nil }
	reset()
	s, err := concurrency.NewSession(cli) // want `returns at errcell.go:106 without closing it`
	if err != nil {
		return err
	}
	_ = s.Lease()
	return nil
}

// The error kept in a field of the receiver's struct (issue 13, 5(e)).
type status struct{ err error }

type worker struct {
	status status
	name   string
}

func (w *worker) inField(cli *clientv3.Client) error {
	var s *concurrency.Session
	s, w.status.err = concurrency.NewSession(cli)
	if w.status.err != nil {
		return w.status.err
	}
	defer s.Close()
	return nil
}

func (w *worker) inFieldLeak(cli *clientv3.Client) error {
	var s *concurrency.Session
	s, w.status.err = concurrency.NewSession(cli) // want `returns at errcell.go:134 without closing it`
	if w.status.err != nil {
		return w.status.err
	}
	log.Printf("session %x for %s", s.Lease(), w.name)
	return nil
}

// A call between the store and the test that could write w.status.err
// (a method of w): the test may read another error. Silent.
func (w *worker) note() { w.name = "x" }

func (w *worker) inFieldRewritten(cli *clientv3.Client) error {
	var s *concurrency.Session
	s, w.status.err = concurrency.NewSession(cli)
	w.note()
	if w.status.err != nil {
		return w.status.err
	}
	_ = s.Lease()
	return nil
}
