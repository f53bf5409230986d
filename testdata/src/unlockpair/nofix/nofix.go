// Package nofix holds findings whose fix is not offered: the file does
// not import context, or something else in the function already unlocks.
package nofix

import (
	"errors"

	"go.etcd.io/etcd/client/v3/concurrency"
)

var errInvalid = errors.New("invalid")

// No "context" import to spell a fresh context with.
func noContext(s *concurrency.Session, valid bool) error {
	m := concurrency.NewMutex(s, "/lock/")
	if err := m.Lock(s.Ctx()); err != nil { // want `returns at nofix.go:20 without unlocking it`
		return err
	}
	if !valid {
		return errInvalid
	}
	return m.Unlock(s.Ctx())
}
