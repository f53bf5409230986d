// Package wl1v33: the compaction and sentinel-error ends of a watch, and
// a shutdown signal closed in a Once, on the oldest import path.
package wl1v33

import (
	"context"
	"errors"
	"sync"

	"github.com/coreos/etcd/clientv3"
)

var errCompacted = errors.New("etcdserver: mvcc: required revision has been compacted")

func retry(cli *clientv3.Client, key string, rev int64, apply func(*clientv3.Event)) {
	for {
		for wresp := range cli.Watch(context.Background(), key, clientv3.WithRev(rev)) {
			if wresp.CompactRevision != 0 {
				rev = wresp.CompactRevision
				break
			}
			if errors.Is(wresp.Err(), errCompacted) {
				break
			}
			for _, ev := range wresp.Events {
				apply(ev)
			}
		}
	}
}

type store struct {
	client *clientv3.Client
	done   chan struct{}
	once   sync.Once
}

func (s *store) run(key string, apply func(string)) {
	rch := s.client.Watch(context.Background(), key)
	for {
		select {
		case <-s.done:
			return
		case wresp, ok := <-rch:
			if !ok {
				return
			}
			for _, ev := range wresp.Events {
				apply(string(ev.Kv.Value))
			}
		}
	}
}

func (s *store) Close() error {
	s.once.Do(func() { close(s.done) })
	return s.client.Close()
}
