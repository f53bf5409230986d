package realworld

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"
	clientv3 "go.etcd.io/etcd/client/v3"
	"go.etcd.io/etcd/client/v3/concurrency"
)

// FP-4, etcd tests/v3: the acquire is asserted to fail; on success
// require stops the test.
func TestGrantFails(t *testing.T) {
	cli := &clientv3.Client{}
	_, err := cli.Grant(context.Background(), 1<<40)
	require.Error(t, err)
}

// FP-3, etcd's ExampleMutex_TryLock: the only success path ends the test.
func TestTryLockFails(t *testing.T) {
	cli := &clientv3.Client{}
	s, err := concurrency.NewSession(cli)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	m := concurrency.NewMutex(s, "/l/")
	if err := m.TryLock(context.Background()); err == nil {
		t.Fatal("want the lock to be taken")
	}
}
