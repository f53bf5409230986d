package wl1

import (
	"context"
	"time"

	clientv3 "go.etcd.io/etcd/client/v3"
)

// A reconnect loop: the client is closed, with its watch, before a new
// one is made.
func reconnect(cfg clientv3.Config, key string, apply func(string)) error {
	for {
		cli, err := clientv3.New(cfg)
		if err != nil {
			return err
		}
		wch := cli.Watch(context.Background(), key)
	recv:
		for {
			select {
			case wresp, ok := <-wch:
				if !ok {
					break recv
				}
				for _, ev := range wresp.Events {
					apply(string(ev.Kv.Value))
				}
			case <-time.After(time.Minute):
				break recv // idle: reconnect
			}
		}
		cli.Close()
	}
}

// A struct whose watch loop is the client's lifetime: run returns only
// when the channel closes.
type follower struct{ cli *clientv3.Client }

func (f *follower) run(key string, apply func(string)) {
	for wresp := range f.cli.Watch(clientv3.WithRequireLeader(f.cli.Ctx()), key) {
		for _, ev := range wresp.Events {
			apply(string(ev.Kv.Value))
		}
	}
}
