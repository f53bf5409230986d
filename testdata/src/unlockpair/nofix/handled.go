package nofix

import (
	"context"
	"log"
)

import "go.etcd.io/etcd/client/v3/concurrency"

// Unlocked on two paths already: adding a defer would unlock twice there.
// (The same function unlocking only at its end gets a fix that moves the
// Unlock into a defer: see ../finalunlock.)
func handled(ctx context.Context, s *concurrency.Session, valid, done bool) error {
	m := concurrency.NewMutex(s, "/lock/")
	if err := m.Lock(ctx); err != nil { // want `returns at handled.go:22 without unlocking it, so .*; unlock it before that return, or defer m.Unlock with a fresh context after the error check`
		return err
	}
	if done {
		return m.Unlock(ctx)
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
