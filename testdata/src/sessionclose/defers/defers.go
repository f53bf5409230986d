// Package defers covers every way a Close can be deferred.
package defers

import (
	"log"

	clientv3 "go.etcd.io/etcd/client/v3"
	"go.etcd.io/etcd/client/v3/concurrency"
)

func work(*concurrency.Session) error { return nil }

func direct(cli *clientv3.Client) error {
	s, err := concurrency.NewSession(cli)
	if err != nil {
		return err
	}
	defer s.Close()
	return work(s)
}

func methodValue(cli *clientv3.Client) error {
	s, err := concurrency.NewSession(cli)
	if err != nil {
		return err
	}
	closeIt := s.Close
	defer closeIt()
	return work(s)
}

func deferredClosure(cli *clientv3.Client) error {
	s, err := concurrency.NewSession(cli)
	if err != nil {
		return err
	}
	defer func() {
		if err := s.Close(); err != nil {
			log.Printf("close: %v", err)
		}
	}()
	return work(s)
}

// The session variable is declared first and the closure deferred before
// NewSession runs; the nil check covers the failed call.
func deferredFirst(cli *clientv3.Client) (err error) {
	var s *concurrency.Session
	defer func() {
		if s != nil {
			s.Close()
		}
	}()
	s, err = concurrency.NewSession(cli)
	if err != nil {
		return err
	}
	return work(s)
}

func closeSession(s *concurrency.Session) {
	if s == nil {
		return
	}
	if err := s.Close(); err != nil {
		log.Print(err)
	}
}

func deferredHelper(cli *clientv3.Client) error {
	s, err := concurrency.NewSession(cli)
	if err != nil {
		return err
	}
	defer closeSession(s)
	return work(s)
}

func logSession(s *concurrency.Session) { log.Printf("session %v", s.Lease()) }

// A deferred helper that only logs the session does not close it.
func deferredHelperNoClose(cli *clientv3.Client) error {
	s, err := concurrency.NewSession(cli) // want `returns at defers.go:88 without closing it`
	if err != nil {
		return err
	}
	defer logSession(s)
	return work(s)
}

// Close on failure, keep on success: a deferred closure that closes only
// on some paths hands the decision to its condition, and the analyzer
// stays silent.
type holder struct{ s *concurrency.Session }

func (h *holder) open(cli *clientv3.Client) (err error) {
	s, err := concurrency.NewSession(cli)
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			s.Close()
		}
	}()
	if err = work(s); err != nil {
		return err
	}
	h.s = s
	return nil
}

// A defer registered after an early return does not cover it.
func deferTooLate(cli *clientv3.Client, skip bool) error {
	s, err := concurrency.NewSession(cli) // want `returns at defers.go:120 without closing it`
	if err != nil {
		return err
	}
	if skip {
		return nil
	}
	defer s.Close()
	return work(s)
}

func deferTooLateFixed(cli *clientv3.Client, skip bool) error {
	s, err := concurrency.NewSession(cli)
	if err != nil {
		return err
	}
	defer s.Close()
	if skip {
		return nil
	}
	return work(s)
}
