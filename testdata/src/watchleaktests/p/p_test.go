package p

import (
	"context"
	"testing"

	clientv3 "go.etcd.io/etcd/client/v3"
)

func TestWatch(t *testing.T) {
	var cli *clientv3.Client
	for wresp := range cli.Watch(context.Background(), "k") { // want `this Watch is given a context nothing can cancel`
		t.Log(wresp.Events)
		return
	}
}
