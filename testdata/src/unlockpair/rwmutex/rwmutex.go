// Package rwmutex covers recipe.RWMutex (UP3).
package rwmutex

import (
	"errors"
	"log"

	"go.etcd.io/etcd/client/v3/concurrency"
	recipe "go.etcd.io/etcd/client/v3/experimental/recipes"
)

var errInvalid = errors.New("invalid")

func read() (string, error) { return "", nil }

func write(valid bool, s *concurrency.Session) error {
	rw := recipe.NewRWMutex(s, "/rw/")
	if err := rw.Lock(); err != nil { // want `the write lock taken by rw.Lock is not released: the function returns at rwmutex.go:22 without unlocking it, so its key stays under the prefix and every other reader and writer waits until the session's lease ends; defer rw.Unlock\(\) after the error check`
		return err
	}
	if !valid {
		return errInvalid
	}
	return rw.Unlock()
}

func writeFixed(valid bool, s *concurrency.Session) error {
	rw := recipe.NewRWMutex(s, "/rw/")
	if err := rw.Lock(); err != nil {
		return err
	}
	defer rw.Unlock()
	if !valid {
		return errInvalid
	}
	return nil
}

func reader(s *concurrency.Session) (string, error) {
	rw := recipe.NewRWMutex(s, "/rw/")
	if err := rw.RLock(); err != nil { // want `the read lock taken by rw.RLock is not released: the function returns at rwmutex.go:46 without unlocking it, so its key stays under the prefix and every writer waits until the session's lease ends; defer rw.RUnlock\(\) after the error check`
		return "", err
	}
	v, err := read()
	if err != nil {
		return "", err
	}
	rw.RUnlock()
	return v, nil
}

func readerFixed(s *concurrency.Session) (string, error) {
	rw := recipe.NewRWMutex(s, "/rw/")
	if err := rw.RLock(); err != nil {
		return "", err
	}
	defer rw.RUnlock()
	return read()
}

// Unlock and RUnlock both delete the key the last Lock or RLock made: a
// mismatched pair still releases it.
func mismatched(s *concurrency.Session) (string, error) {
	rw := recipe.NewRWMutex(s, "/rw/")
	if err := rw.RLock(); err != nil {
		return "", err
	}
	defer rw.Unlock()
	return read()
}

type cache struct{ rw *recipe.RWMutex }

// A field: the lock is the owner's when get succeeds, but a failed read
// returns an error with the read lock still held.
func (c *cache) get() (string, error) {
	if err := c.rw.RLock(); err != nil { // want `the read lock taken by c.rw.RLock is not released on an error path: the function returns an error at rwmutex.go:83 without unlocking it`
		return "", err
	}
	v, err := read()
	if err != nil {
		log.Print(err)
		return "", err
	}
	return v, nil
}

func (c *cache) getFixed() (string, error) {
	if err := c.rw.RLock(); err != nil {
		return "", err
	}
	v, err := read()
	if err != nil {
		c.rw.RUnlock()
		return "", err
	}
	return v, nil
}

// Returned locked: the caller unlocks.
func lockedRW(s *concurrency.Session) (*recipe.RWMutex, error) {
	rw := recipe.NewRWMutex(s, "/rw/")
	if err := rw.Lock(); err != nil {
		return nil, err
	}
	return rw, nil
}

// Closing the session deletes the key.
func rwClosed(s *concurrency.Session) error {
	defer s.Close()
	rw := recipe.NewRWMutex(s, "/rw/")
	if err := rw.Lock(); err != nil {
		return err
	}
	_, err := read()
	return err
}
