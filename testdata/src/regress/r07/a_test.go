package r07

import (
	"context"
	"testing"

	clientv3 "go.etcd.io/etcd/client/v3"
	"go.etcd.io/etcd/client/v3/concurrency"
)

var cli *clientv3.Client

func TestLockCanceled(t *testing.T) {
	s, err := concurrency.NewSession(cli)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	m := concurrency.NewMutex(s, "/l")
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := m.Lock(ctx); err == nil {
		t.Fatal("Lock on a cancelled ctx must fail")
	}
}
