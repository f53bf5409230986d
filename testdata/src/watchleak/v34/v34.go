// Package v34 holds watchleak's twins on the v3.4 import path.
package v34

import (
	"go.etcd.io/etcd/clientv3"
)

func handle(clientv3.WatchResponse) {}

func selectNoOK(wch clientv3.WatchChan, done <-chan struct{}) {
	for {
		select {
		case wresp := <-wch: // want `this receive from wch \(a clientv3.WatchChan\) has no ok`
			handle(wresp)
		case <-done:
			return
		}
	}
}

func selectOK(wch clientv3.WatchChan, done <-chan struct{}) {
	for {
		select {
		case wresp, ok := <-wch:
			if !ok {
				return
			}
			handle(wresp)
		case <-done:
			return
		}
	}
}
