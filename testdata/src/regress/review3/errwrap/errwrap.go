// Package errwrap: the acquire's error checked through a wrapper that
// keeps nil as nil (github.com/pkg/errors, a local annotate).
package errwrap

import (
	"context"
	"fmt"

	"github.com/pkg/errors" // Wrap/Wrapf return nil for a nil error
	clientv3 "go.etcd.io/etcd/client/v3"
	"go.etcd.io/etcd/client/v3/concurrency"
)

func PkgWrapLock(ctx context.Context, s *concurrency.Session) error {
	m := concurrency.NewMutex(s, "/l")
	if err := errors.Wrap(m.Lock(ctx), "lock"); err != nil {
		return err
	}
	return m.Unlock(context.Background())
}

func PkgWrapSession(cli *clientv3.Client) error {
	s, err := concurrency.NewSession(cli)
	if err = errors.Wrapf(err, "session for %s", "x"); err != nil {
		return err
	}
	return s.Close()
}

// same-package wrapper that keeps nil as nil
func annotate(err error) error {
	if err == nil {
		return nil
	}
	return fmt.Errorf("etcd lock: %w", err)
}

func LocalWrap(ctx context.Context, s *concurrency.Session) error {
	m := concurrency.NewMutex(s, "/l")
	if err := annotate(m.Lock(ctx)); err != nil {
		return err
	}
	return m.Unlock(context.Background())
}
