// Package compacted: a watch whose revision was compacted ends. The server
// cancels it, the client sends the response with CompactRevision set last
// and closes the channel, so breaking out on it leaves no watch open.
package compacted

import (
	"context"

	clientv3 "go.etcd.io/etcd/client/v3"
)

// Good: the retry loop breaks out only on the compacted response, and
// watches again from the compact revision.
func retryFromCompact(cli *clientv3.Client, key string, rev int64, apply func(*clientv3.Event)) {
	for {
		for wresp := range cli.Watch(context.Background(), key, clientv3.WithRev(rev)) {
			if wresp.CompactRevision != 0 {
				rev = wresp.CompactRevision
				break
			}
			for _, ev := range wresp.Events {
				apply(ev)
				rev = ev.Kv.ModRevision + 1
			}
		}
	}
}

// Good: > 0 says the same, and the return on the compacted branch leaves
// a watch that has ended.
func compactedErr(cli *clientv3.Client, key string, rev int64) (int64, error) {
	wch := cli.Watch(context.Background(), key, clientv3.WithRev(rev))
	for {
		wresp, ok := <-wch
		if !ok {
			return 0, nil
		}
		if wresp.CompactRevision > 0 {
			return wresp.CompactRevision, wresp.Err()
		}
	}
}

// Bad: the compacted branch ends the watch, but the return on the first
// event leaves it open.
func firstEvent(cli *clientv3.Client, key string, rev int64) (string, int64) {
	wch := cli.Watch(context.Background(), key, clientv3.WithRev(rev)) // want `this Watch is given a context nothing can cancel \(context.Background\(\) at compacted.go:47\), and the return at compacted.go:53 abandons it`
	for wresp := range wch {
		if wresp.CompactRevision != 0 {
			return "", wresp.CompactRevision
		}
		for _, ev := range wresp.Events {
			return string(ev.Kv.Value), 0
		}
	}
	return "", rev
}

// Bad: a compaction of another watch's response says nothing of this one.
func otherResponse(cli *clientv3.Client, key string, last clientv3.WatchResponse) string {
	wch := cli.Watch(context.Background(), key) // want `this Watch is given a context nothing can cancel \(context.Background\(\) at compacted.go:61\), and the return at compacted.go:63 abandons it`
	if last.CompactRevision != 0 {
		return ""
	}
	for wresp := range wch {
		for _, ev := range wresp.Events {
			return string(ev.Kv.Value)
		}
	}
	return ""
}
