// Package ruleids shows //etcdlint:ignore naming watchleak's rule IDs.
package ruleids

import (
	"context"

	clientv3 "go.etcd.io/etcd/client/v3"
)

func handle(clientv3.WatchResponse) {}

func byRule(wch clientv3.WatchChan, more func() bool) {
	for more() {
		//etcdlint:ignore WL2 more() turns false once the watch has ended
		wresp := <-wch
		handle(wresp)
	}
}

// Twin: without the directive, the same code is reported.
func byRuleTwin(wch clientv3.WatchChan, more func() bool) {
	for more() {
		wresp := <-wch // want `this receive from wch \(a clientv3.WatchChan\) has no ok`
		handle(wresp)
	}
}

func watchByRule(cli *clientv3.Client) clientv3.WatchResponse {
	//etcdlint:ignore WL1 the client is closed right after this call
	return <-cli.Watch(context.Background(), "k")
}

// Twin: without the directive, the same code is reported.
func watchByRuleTwin(cli *clientv3.Client) clientv3.WatchResponse {
	return <-cli.Watch(context.Background(), "k") // want `this Watch is given a context nothing can cancel`
}
