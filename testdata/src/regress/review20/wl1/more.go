package wl1

import (
	"context"
	"errors"

	clientv3 "go.etcd.io/etcd/client/v3"
)

var errCompacted = errors.New("etcdserver: mvcc: required revision has been compacted")

// errors.Is on the response's error: true only for a non-nil error, the
// last response before the channel closes.
func errorsIs(cli *clientv3.Client, key string, rev int64) int64 {
	for {
		for wresp := range cli.Watch(context.Background(), key, clientv3.WithRev(rev)) {
			if errors.Is(wresp.Err(), errCompacted) {
				rev = wresp.Header.Revision
				break
			}
			rev++
		}
	}
}

// A comparison with a sentinel error.
func sentinel(cli *clientv3.Client, key string) error {
	for wresp := range cli.Watch(context.Background(), key) {
		if err := wresp.Err(); err == errCompacted {
			return err
		}
	}
	return nil
}

// The client is closed by a deferred method of the struct holding it.
type W struct{ cli *clientv3.Client }

func (w *W) stop() { w.cli.Close() }

func (w *W) Run(key string) string {
	defer w.stop()
	for wresp := range w.cli.Watch(context.Background(), key) {
		for _, ev := range wresp.Events {
			return string(ev.Kv.Value)
		}
	}
	return ""
}
