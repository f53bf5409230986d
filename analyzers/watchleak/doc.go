// Package watchleak defines an Analyzer that reports etcd watches nobody
// can cancel, and closed watch channels read in a loop.
//
// # Analyzer watchleak
//
// watchleak: report loops that receive from a closing etcd watch channel without ok
//
// A watch (Watch, Election.Observe, endpoints.Manager.NewWatchChannel)
// keeps a watcher on the server, a goroutine in the client and a buffer
// of every event nobody has read yet, until its context ends or the
// client closes. The Watch doc comment says its context "MUST be
// canceled" once the watcher is no longer used. When it ends, the client
// closes the channel, and a receive from a closed channel returns at once.
//
// WL2: a receive without ok (x := <-ch, case x := <-ch:, <-ch as a
// statement) from a channel the client closes (a clientv3.WatchChan, a
// KeepAlive channel, an Observe channel, an endpoints.WatchChannel), in a
// loop that comes back to the same receive on the same channel. Once the
// channel closes, the receive returns the zero value at once: the loop
// spins (millions of iterations a second on etcd v3.7.3), and wresp.Header is
// nil. wresp.Err() and wresp.Canceled do not tell: the zero response has
// neither. A suggested fix adds the ok where one edit is right.
//
// Bad:
//
//	for {
//		select {
//		case wresp := <-wch:
//			handle(wresp)
//		case <-tick.C:
//		}
//	}
//
// Good:
//
//	for {
//		select {
//		case wresp, ok := <-wch:
//			if !ok {
//				return
//			}
//			handle(wresp)
//		case <-tick.C:
//		}
//	}
//
// Silent: v, ok := <-ch with ok tested; for range ch; a nil test of the
// received value or of its Header (etcd never sends nil on these
// channels); the channel reassigned on every path back to the receive;
// every path after the receive leaving the loop.
//
// Every rule, with its examples and how it was proven at run time, is at
// https://github.com/etcdlint/etcdlint/blob/main/docs/watchleak.md
package watchleak
