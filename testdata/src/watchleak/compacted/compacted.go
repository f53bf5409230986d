// Package compacted: a watch whose revision was compacted ends. The server
// cancels it, the client sends the response with CompactRevision set last
// and closes the channel, so breaking out on it leaves no watch open.
package compacted

import (
	"context"
	"errors"

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
	wch := cli.Watch(context.Background(), key, clientv3.WithRev(rev)) // want `this Watch is given a context nothing can cancel \(context.Background\(\) at compacted.go:48\), and the return at compacted.go:54 abandons it`
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
	wch := cli.Watch(context.Background(), key) // want `this Watch is given a context nothing can cancel \(context.Background\(\) at compacted.go:62\), and the return at compacted.go:64 abandons it`
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

var errCompacted = errors.New("etcdserver: mvcc: required revision has been compacted")

// Good: errors.Is on the response's error is true only for an error, and
// the client sends an error response last.
func retryOnCompacted(cli *clientv3.Client, key string, rev int64) int64 {
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

// Good: so is a comparison with a sentinel error.
func sentinel(cli *clientv3.Client, key string) error {
	for wresp := range cli.Watch(context.Background(), key) {
		if err := wresp.Err(); err == errCompacted {
			return err
		}
	}
	return nil
}

// Bad: the watch may be open where the error is not the sentinel.
func notSentinel(cli *clientv3.Client, key string) error {
	for wresp := range cli.Watch(context.Background(), key) { // want `this Watch is given a context nothing can cancel \(context.Background\(\) at compacted.go:102\), and the return at compacted.go:104 abandons it`
		if err := wresp.Err(); err != errCompacted {
			return err
		}
	}
	return nil
}

// Bad: nor does errors.Is say anything where it is false.
func notIs(cli *clientv3.Client, key string) error {
	for wresp := range cli.Watch(context.Background(), key) { // want `this Watch is given a context nothing can cancel \(context.Background\(\) at compacted.go:112\), and the return at compacted.go:114 abandons it`
		if !errors.Is(wresp.Err(), errCompacted) {
			return nil
		}
	}
	return nil
}
