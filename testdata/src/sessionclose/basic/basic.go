// Package basic holds the shapes of the seed write-up: a session that is
// never closed, one leaked on an early return, and their fixed twins.
package basic

import (
	"context"
	"errors"
	"log"
	"time"

	clientv3 "go.etcd.io/etcd/client/v3"
	"go.etcd.io/etcd/client/v3/concurrency"
)

var errBusy = errors.New("busy")

// The seed's demo: the session is never closed, and the program never ends.
func demo(cli *clientv3.Client) {
	session, _ := concurrency.NewSession(cli) // want `session from concurrency.NewSession is never closed, so its keepalive goroutines refresh the lease for as long as the client lives and keys bound to it \(locks\) stay; defer session.Close\(\) after the error check`
	mutex := concurrency.NewMutex(session, "/my-lock/")
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	_ = mutex.Lock(ctx)
	select {}
}

func demoFixed(cli *clientv3.Client) {
	session, err := concurrency.NewSession(cli)
	if err != nil {
		log.Fatal(err)
	}
	defer session.Close()
	mutex := concurrency.NewMutex(session, "/my-lock/")
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := mutex.Lock(ctx); err != nil {
		log.Fatal(err)
	}
	defer mutex.Unlock(context.TODO())
	select {}
}

// The realistic shape: a handler called per request.
func handle(cli *clientv3.Client) error {
	s, err := concurrency.NewSession(cli) // want `session from concurrency.NewSession leaks: the function returns at basic.go:53 without closing it, so its keepalive goroutines refresh the lease`
	if err != nil {
		return err
	}
	m := concurrency.NewMutex(s, "/my-lock/")
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := m.Lock(ctx); err != nil {
		return err
	}
	return m.Unlock(ctx)
}

func handleFixed(cli *clientv3.Client) error {
	s, err := concurrency.NewSession(cli)
	if err != nil {
		return err
	}
	defer s.Close()
	m := concurrency.NewMutex(s, "/my-lock/")
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := m.Lock(ctx); err != nil {
		return err
	}
	return m.Unlock(ctx)
}

// Closed on the happy path only: the early return leaks.
func earlyReturn(cli *clientv3.Client, busy bool) error {
	s, err := concurrency.NewSession(cli) // want `returns at basic.go:80 without closing it`
	if err != nil {
		return err
	}
	if busy {
		return errBusy
	}
	return s.Close()
}

func earlyReturnFixed(cli *clientv3.Client, busy bool) error {
	s, err := concurrency.NewSession(cli)
	if err != nil {
		return err
	}
	if busy {
		s.Close()
		return errBusy
	}
	return s.Close()
}
