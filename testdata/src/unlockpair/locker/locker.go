// Package locker covers the sync.Locker from concurrency.NewLocker (UP2):
// its Lock has no error to check (it panics), so the lock is held from
// the call on.
package locker

import (
	"errors"
	"log"
	"sync"

	"go.etcd.io/etcd/client/v3/concurrency"
)

var errInvalid = errors.New("invalid")

func work() error { return nil }

func early(s *concurrency.Session, valid bool) error {
	l := concurrency.NewLocker(s, "/lock/")
	l.Lock() // want `the lock taken by l.Lock on a concurrency.NewLocker is not released: the function returns at locker.go:22 without unlocking it, so its key stays under the prefix and every other locker waits until the session's lease ends; defer l.Unlock\(\) after the Lock`
	if !valid {
		return errInvalid
	}
	err := work()
	l.Unlock()
	return err
}

func earlyFixed(s *concurrency.Session, valid bool) error {
	l := concurrency.NewLocker(s, "/lock/")
	l.Lock()
	defer l.Unlock()
	if !valid {
		return errInvalid
	}
	return work()
}

// Held in a variable of another interface type.
func asInterface(s *concurrency.Session) {
	var l sync.Locker = concurrency.NewLocker(s, "/lock/")
	l.Lock() // want `returns at locker.go:44 without unlocking it`
	log.Print("working")
}

// Closing the session revokes the lease and deletes the key.
func closed(s *concurrency.Session) error {
	defer s.Close()
	l := concurrency.NewLocker(s, "/lock/")
	l.Lock()
	return work()
}

// Handed to sync.NewCond, which keeps it.
func cond(s *concurrency.Session) *sync.Cond {
	l := concurrency.NewLocker(s, "/lock/")
	l.Lock()
	return sync.NewCond(l)
}

// A sync.Locker from anywhere else is not an etcd lock.
func other(l sync.Locker) {
	l.Lock()
	log.Print("working")
}

func plainMutex() {
	var mu sync.Mutex
	var l sync.Locker = &mu
	l.Lock()
	log.Print("working")
}

// Returned locked: the caller unlocks.
func lockedLocker(s *concurrency.Session) sync.Locker {
	l := concurrency.NewLocker(s, "/lock/")
	l.Lock()
	return l
}

// Unlocked by a goroutine once the work is done.
func unlockLater(s *concurrency.Session, done <-chan struct{}) {
	l := concurrency.NewLocker(s, "/lock/")
	l.Lock()
	go func() {
		<-done
		l.Unlock()
	}()
}
