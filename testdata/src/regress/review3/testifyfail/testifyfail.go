// Package testifyfail: tests that assert the acquire failed with require
// assertions other than Error*: NotNil, Equal with a sentinel, True(errors.Is).
package testifyfail

import (
	"context"
	"errors"
	"testing"

	"github.com/stretchr/testify/require"
	clientv3 "go.etcd.io/etcd/client/v3"
	"go.etcd.io/etcd/client/v3/concurrency"
)

// Each acquire is asserted to FAIL with a require (FailNow) assertion other
// than require.Error*; past the assertion nothing is held.

func TestGrantTooLarge(t *testing.T, cli *clientv3.Client) {
	_, err := cli.Grant(context.TODO(), 1<<40)
	require.NotNil(t, err)
}

func TestSessionFails(t *testing.T, cli *clientv3.Client) {
	_, err := concurrency.NewSession(cli, concurrency.WithTTL(-1))
	require.NotNil(t, err)
}

func TestKeepAliveFails(t *testing.T, cli *clientv3.Client) {
	_, err := cli.KeepAlive(context.TODO(), 12345)
	require.NotNil(t, err)
}

func TestTryLockBusy(t *testing.T, s *concurrency.Session) {
	m := concurrency.NewMutex(s, "/l")
	err := m.TryLock(context.TODO())
	require.Equal(t, concurrency.ErrLocked, err)
}

func TestTryLockBusyIs(t *testing.T, s *concurrency.Session) {
	m := concurrency.NewMutex(s, "/l")
	err := m.TryLock(context.TODO())
	require.True(t, errors.Is(err, concurrency.ErrLocked))
}

func TestCampaignCancelled(t *testing.T, s *concurrency.Session) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	e := concurrency.NewElection(s, "/e")
	err := e.Campaign(ctx, "v")
	require.Equal(t, context.Canceled, err)
}
