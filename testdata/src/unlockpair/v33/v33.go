// Package v33 uses the etcd v3.3 import paths (github.com/coreos/etcd).
package v33

import (
	"context"
	"errors"

	"github.com/coreos/etcd/clientv3/concurrency"
	recipe "github.com/coreos/etcd/contrib/recipes"
)

var errInvalid = errors.New("invalid")

func mutex(ctx context.Context, s *concurrency.Session, valid bool) error {
	m := concurrency.NewMutex(s, "/lock/")
	if err := m.Lock(ctx); err != nil { // want `the lock taken by m.Lock is not released: the function returns at v33.go:20 without unlocking it`
		return err
	}
	if !valid {
		return errInvalid
	}
	return m.Unlock(ctx)
}

func mutexFixed(ctx context.Context, s *concurrency.Session, valid bool) error {
	m := concurrency.NewMutex(s, "/lock/")
	if err := m.Lock(ctx); err != nil {
		return err
	}
	defer m.Unlock(context.Background())
	if !valid {
		return errInvalid
	}
	return nil
}

func locker(s *concurrency.Session, valid bool) error {
	l := concurrency.NewLocker(s, "/lock/")
	l.Lock() // want `returns at v33.go:41 without unlocking it`
	if !valid {
		return errInvalid
	}
	l.Unlock()
	return nil
}

func rw(s *concurrency.Session, valid bool) error {
	m := recipe.NewRWMutex(s, "/rw/")
	if err := m.Lock(); err != nil { // want `the write lock taken by m.Lock is not released: the function returns at v33.go:53`
		return err
	}
	if !valid {
		return errInvalid
	}
	return m.Unlock()
}

func rwFixed(s *concurrency.Session, valid bool) error {
	m := recipe.NewRWMutex(s, "/rw/")
	if err := m.Lock(); err != nil {
		return err
	}
	defer m.Unlock()
	if !valid {
		return errInvalid
	}
	return nil
}

func election(ctx context.Context, s *concurrency.Session, valid bool) error {
	e := concurrency.NewElection(s, "/leader/")
	if err := e.Campaign(ctx, "me"); err != nil { // want `the leadership won by e.Campaign is not released: the function returns at v33.go:76 without resigning it`
		return err
	}
	if !valid {
		return errInvalid
	}
	return e.Resign(ctx)
}

func electionFixed(ctx context.Context, s *concurrency.Session, valid bool) error {
	e := concurrency.NewElection(s, "/leader/")
	if err := e.Campaign(ctx, "me"); err != nil {
		return err
	}
	defer e.Resign(context.Background())
	if !valid {
		return errInvalid
	}
	return nil
}
