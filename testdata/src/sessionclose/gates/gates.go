// Package gates covers error checks that do not test NewSession's error
// directly: a wrapper that keeps nil as nil, and testify assertions.
package gates

import (
	"testing"

	pkgerrors "github.com/pkg/errors"
	"github.com/stretchr/testify/require"
	clientv3 "go.etcd.io/etcd/client/v3"
	"go.etcd.io/etcd/client/v3/concurrency"
)

func wrapped(cli *clientv3.Client) error {
	s, err := concurrency.NewSession(cli)
	if err = pkgerrors.Wrapf(err, "session for %s", "x"); err != nil {
		return err
	}
	return s.Close()
}

func wrappedLeak(cli *clientv3.Client) error {
	s, err := concurrency.NewSession(cli) // want `returns at gates.go:28 without closing it`
	if err = pkgerrors.Wrapf(err, "session for %s", "x"); err != nil {
		return err
	}
	_ = s.Lease()
	return nil
}

// The test expects NewSession to fail.
func sessionFails(t *testing.T, cli *clientv3.Client) {
	_, err := concurrency.NewSession(cli, concurrency.WithTTL(-1))
	require.NotNil(t, err)
}

// A same-package factory that reports failure with a bool: (nil, false) on
// every failure, (s, true) on success.
func open(cli *clientv3.Client) (*concurrency.Session, bool) {
	s, err := concurrency.NewSession(cli)
	if err != nil {
		return nil, false
	}
	return s, true
}

func useOpen(cli *clientv3.Client) {
	s, ok := open(cli)
	if !ok {
		return
	}
	defer s.Close()
	_ = s.Lease()
}

func useOpenLeak(cli *clientv3.Client) {
	s, ok := open(cli) // want `returns at gates.go:62 without closing it`
	if !ok {
		return
	}
	_ = s.Lease()
}

func useOpenIf(cli *clientv3.Client) {
	if s, ok := open(cli); ok {
		s.Close()
	}
}
