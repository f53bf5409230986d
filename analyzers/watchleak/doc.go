// Package watchleak defines an Analyzer that reports etcd watches nobody
// can cancel, and closed watch channels read in a loop.
//
// # Analyzer watchleak
//
// watchleak: report watches whose context nothing can cancel, and loops that receive from a closing etcd watch channel without ok
//
// A watch (Watch, Election.Observe, endpoints.Manager.NewWatchChannel)
// keeps a watcher on the server, a goroutine in the client and a buffer
// of every event nobody has read yet, until its context ends or the
// client closes. The Watch doc comment says its context "MUST be
// canceled" once the watcher is no longer used. When it ends, the client
// closes the channel, and a receive from a closed channel returns at once.
//
// WL1: a watch whose context nothing can cancel (context.Background(),
// TODO(), WithoutCancel, WithValue or clientv3.WithRequireLeader of those,
// client.Ctx()) is abandoned on some path: the function returns with the
// channel neither read until it closes (a range over it to its end, a
// loop left only when a receive's ok is false or a response is Canceled
// or has an Err()), nor handed on (returned, stored, sent, given to a
// goroutine or a function that reads it), and the client not closed. A
// loop that watches again while the previous watch is still open is
// reported too. The watch is reported, naming the return that abandons
// it; a suggested fix wraps the context in context.WithCancel with a
// deferred cancel where that one edit is right.
//
// Bad:
//
//	wch := cli.Watch(context.Background(), "config")
//	for wresp := range wch {
//		for _, ev := range wresp.Events {
//			return ev.Kv.Value
//		}
//	}
//
// Good:
//
//	wctx, cancel := context.WithCancel(context.Background())
//	defer cancel()
//	wch := cli.Watch(wctx, "config")
//	for wresp := range wch {
//		for _, ev := range wresp.Events {
//			return ev.Kv.Value
//		}
//	}
//
// Silent: a context that is a parameter or a field (the caller decides), a
// WithCancel or WithTimeout context (a lost cancel is ctxtimeout's CT1),
// paths that end in panic, os.Exit or log.Fatal, main.main (the process
// ends with the watch), and _test.go files unless -watchleak.tests is set.
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
// every path after the receive leaving the loop; loops that stop after a
// count the code fixes (a range over a slice, for i := 0; i < n; i++); a
// len(ch) == 0 test in the loop; a select case that reads its ok from a
// channel that closes with this one (same client, both on its Ctx()).
//
// Every rule, with its examples and how it was proven at run time, is at
// https://github.com/etcdlint/etcdlint/blob/main/docs/watchleak.md
package watchleak
