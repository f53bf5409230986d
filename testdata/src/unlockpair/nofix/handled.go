package nofix

import (
	"context"
	"log"
)

import "go.etcd.io/etcd/client/v3/concurrency"

// Unlocked on one path already: adding a defer would unlock twice there.
func handled(ctx context.Context, s *concurrency.Session, valid bool) error {
	m := concurrency.NewMutex(s, "/lock/")
	if err := m.Lock(ctx); err != nil { // want `returns at handled.go:17 without unlocking it`
		return err
	}
	if !valid {
		return errInvalid
	}
	return m.Unlock(ctx)
}

// The error check does not leave the function.
func checkGoesOn(ctx context.Context, s *concurrency.Session) {
	m := concurrency.NewMutex(s, "/lock/")
	if err := m.Lock(ctx); err != nil { // want `the lock taken by m.Lock is not released`
		log.Print(err)
	}
	log.Print("working")
}
