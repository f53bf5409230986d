// Package escapes covers ownership that leaves the function: a session
// handed on is not a leak, a session merely used is.
package escapes

import (
	"errors"
	"fmt"
	"log"

	clientv3 "go.etcd.io/etcd/client/v3"
	"go.etcd.io/etcd/client/v3/concurrency"
)

var errInvalid = errors.New("invalid")

// Returned: the caller owns it.
func open(cli *clientv3.Client) (*concurrency.Session, error) {
	s, err := concurrency.NewSession(cli)
	if err != nil {
		return nil, err
	}
	return s, nil
}

// Returned on success, but leaked on the validation error.
func openChecked(cli *clientv3.Client, name string) (*concurrency.Session, error) {
	s, err := concurrency.NewSession(cli) // want `returns at escapes.go:32 without closing it`
	if err != nil {
		return nil, err
	}
	if name == "" {
		return nil, errInvalid
	}
	return s, nil
}

func openCheckedFixed(cli *clientv3.Client, name string) (*concurrency.Session, error) {
	s, err := concurrency.NewSession(cli)
	if err != nil {
		return nil, err
	}
	if name == "" {
		s.Close()
		return nil, errInvalid
	}
	return s, nil
}

// open is a factory: its callers own what it returns.
func useOpen(cli *clientv3.Client) error {
	s, err := open(cli) // want `never closed`
	if err != nil {
		return err
	}
	log.Printf("lease %x", s.Lease())
	select {}
}

func useOpenFixed(cli *clientv3.Client) error {
	s, err := open(cli)
	if err != nil {
		return err
	}
	defer s.Close()
	log.Printf("lease %x", s.Lease())
	return nil
}

type service struct {
	sess     *concurrency.Session
	sessions map[string]*concurrency.Session
	all      []*concurrency.Session
	done     chan *concurrency.Session
}

var global *concurrency.Session

func (sv *service) storeField(cli *clientv3.Client) error {
	s, err := concurrency.NewSession(cli)
	if err != nil {
		return err
	}
	sv.sess = s
	return nil
}

func storeGlobal(cli *clientv3.Client) error {
	s, err := concurrency.NewSession(cli)
	if err != nil {
		return err
	}
	global = s
	return nil
}

func (sv *service) storeMap(cli *clientv3.Client, key string) error {
	s, err := concurrency.NewSession(cli)
	if err != nil {
		return err
	}
	sv.sessions[key] = s
	return nil
}

func (sv *service) storeSlice(cli *clientv3.Client) error {
	s, err := concurrency.NewSession(cli)
	if err != nil {
		return err
	}
	sv.all = append(sv.all, s)
	return nil
}

func (sv *service) send(cli *clientv3.Client) error {
	s, err := concurrency.NewSession(cli)
	if err != nil {
		return err
	}
	sv.done <- s
	return nil
}

// Closed by a goroutine: it owns the session now.
func closedInGoroutine(cli *clientv3.Client, stop <-chan struct{}) error {
	s, err := concurrency.NewSession(cli)
	if err != nil {
		return err
	}
	go func() {
		<-stop
		s.Close()
	}()
	return nil
}

func keep(s *concurrency.Session) { global = s }

func closeLater(s *concurrency.Session) error { return s.Close() }

func handToStorer(cli *clientv3.Client) error {
	s, err := concurrency.NewSession(cli)
	if err != nil {
		return err
	}
	keep(s)
	return nil
}

func handToCloser(cli *clientv3.Client) error {
	s, err := concurrency.NewSession(cli)
	if err != nil {
		return err
	}
	return closeLater(s)
}

func describe(s *concurrency.Session) string { return fmt.Sprint(s.Lease()) }

// A helper that only reads the session does not take it.
func handToReader(cli *clientv3.Client) (string, error) {
	s, err := concurrency.NewSession(cli) // want `returns at escapes.go:165 without closing it`
	if err != nil {
		return "", err
	}
	return describe(s), nil
}

// Logging the session is a use, not a hand-off.
func logged(cli *clientv3.Client) error {
	s, err := concurrency.NewSession(cli) // want `returns at escapes.go:175 without closing it`
	if err != nil {
		return err
	}
	log.Printf("session %v", s)
	return nil
}

// An unknown function may keep it: stay silent.
func handToUnknown(cli *clientv3.Client, register func(*concurrency.Session)) error {
	s, err := concurrency.NewSession(cli)
	if err != nil {
		return err
	}
	register(s)
	return nil
}

// A helper that keeps the session on one path and not the other: unsure,
// so silent.
func maybeKeep(s *concurrency.Session, ok bool) {
	if ok {
		global = s
	}
}

func handToMaybe(cli *clientv3.Client) error {
	s, err := concurrency.NewSession(cli)
	if err != nil {
		return err
	}
	maybeKeep(s, true)
	return nil
}
