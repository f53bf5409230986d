package testfile

import (
	"context"
	"testing"

	clientv3 "go.etcd.io/etcd/client/v3"
)

func TestWatch(t *testing.T) {
	var cli *clientv3.Client
	for wresp := range cli.Watch(context.Background(), "k") {
		t.Log(wresp.Events)
		return
	}
}

func TestWaitPeers(t *testing.T) {
	d := &discovery{}
	d.waitPeers("/peers/")
}
