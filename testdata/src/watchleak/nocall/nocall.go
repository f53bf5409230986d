// Package nocall calls nothing of etcd: its loop only receives from a
// watch channel it is handed, and spins all the same once it closes.
package nocall

import clientv3 "go.etcd.io/etcd/client/v3"

func count(wch clientv3.WatchChan, n *int, done <-chan struct{}) {
	for {
		select {
		case <-wch: // want `this receive from wch \(a clientv3.WatchChan\) has no ok`
			*n++
		case <-done:
			return
		}
	}
}
