// Package locker covers a session whose only use is a NewLocker: the
// Locker's Lock and Unlock are the mutex's, which never close the session.
package locker

import (
	"sync"

	clientv3 "go.etcd.io/etcd/client/v3"
	"go.etcd.io/etcd/client/v3/concurrency"
)

func work() {}

func withLocker(cli *clientv3.Client) error {
	s, err := concurrency.NewSession(cli) // want `session from concurrency.NewSession leaks: the function returns at locker.go:23 without closing it`
	if err != nil {
		return err
	}
	l := concurrency.NewLocker(s, "/lock/")
	l.Lock()
	defer l.Unlock()
	work()
	return nil
}

func withLockerFixed(cli *clientv3.Client) error {
	s, err := concurrency.NewSession(cli)
	if err != nil {
		return err
	}
	defer s.Close()
	l := concurrency.NewLocker(s, "/lock/")
	l.Lock()
	defer l.Unlock()
	work()
	return nil
}

// The Locker handed on takes the session along, and cannot close it.
func lockerReturned(cli *clientv3.Client) (sync.Locker, error) {
	s, err := concurrency.NewSession(cli) // want `reachable only through the Locker returned at locker.go:45, which cannot close it`
	if err != nil {
		return nil, err
	}
	return concurrency.NewLocker(s, "/lock/"), nil
}

// A Locker the function wraps itself may close the session in Unlock.
type closingLocker struct {
	sync.Locker
	s *concurrency.Session
}

func (c *closingLocker) Unlock() {
	c.Locker.Unlock()
	c.s.Close()
}

func wrapped(cli *clientv3.Client) error {
	s, err := concurrency.NewSession(cli)
	if err != nil {
		return err
	}
	var l sync.Locker = &closingLocker{concurrency.NewLocker(s, "/lock/"), s}
	l.Lock()
	defer l.Unlock()
	work()
	return nil
}
