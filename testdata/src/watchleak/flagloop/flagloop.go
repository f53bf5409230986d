// Package flagloop: loops whose condition is a flag. A receive after
// which the flag is set to end the loop on every path reads one value,
// closed channel or not, and the loop ends: it does not spin.
package flagloop

import (
	"time"

	clientv3 "go.etcd.io/etcd/client/v3"
)

// Good: the first response, or a timeout per try; the receive ends the
// loop.
func waitFirst(wch clientv3.WatchChan) bool {
	done := false
	for !done {
		select {
		case <-wch:
			done = true
		case <-time.After(time.Second):
		}
	}
	return done
}

// Good: both cases stop it.
func untilStop(kach <-chan *clientv3.LeaseKeepAliveResponse, stop <-chan struct{}) int {
	running, n := true, 0
	for running {
		select {
		case <-kach:
			running = false
			n++
		case <-stop:
			running = false
		}
	}
	return n
}

// Bad: the flag is set only on a response with events, and a closed
// channel's zero response has none.
func waitEvents(wch clientv3.WatchChan) int {
	done, n := false, 0
	for !done {
		select {
		case wresp := <-wch: // want `this receive from wch \(a clientv3.WatchChan\) has no ok and the loop comes back to it`
			if len(wresp.Events) > 0 {
				n += len(wresp.Events)
				done = true
			}
		case <-time.After(time.Second):
		}
	}
	return n
}

// Bad: the flag ends the loop on the stop case only.
func keepRunning(kach <-chan *clientv3.LeaseKeepAliveResponse, stop <-chan struct{}) int {
	running, n := true, 0
	for running {
		select {
		case <-kach: // want `this receive from kach \(a KeepAlive channel\) has no ok and the loop comes back to it`
			n++
		case <-stop:
			running = false
		}
	}
	return n
}
