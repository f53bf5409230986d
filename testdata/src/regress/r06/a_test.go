package r06

import (
	"context"
	"testing"

	"go.etcd.io/etcd/client/v3/concurrency"
)

var s *concurrency.Session

func TestTryLockContended(t *testing.T) {
	m := concurrency.NewMutex(s, "/l")
	if err := m.TryLock(context.Background()); err != concurrency.ErrLocked {
		t.Fatalf("want ErrLocked, got %v", err)
	}
}
