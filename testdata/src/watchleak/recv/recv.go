// Package recv holds WL2's bad/good twins on the v3.5+ client: receives
// without ok from a watch channel in a loop that comes back to them.
package recv

import (
	"context"
	"log"
	"time"

	clientv3 "go.etcd.io/etcd/client/v3"
)

func handle(clientv3.WatchResponse) {}

// The select loop of etcd-io/etcd#19553: once wch closes, case wresp
// fires at once, forever.
func selectNoOK(wch clientv3.WatchChan, tick *time.Ticker) {
	for {
		select {
		case wresp := <-wch: // want `this receive from wch \(a clientv3.WatchChan\) has no ok and the loop comes back to it, so once the channel closes \(the watch.s ctx ends, the client closes or the server cancels the watch\) the receive returns a zero WatchResponse \(a nil Header\) without blocking every time round, and the loop handles it again and again: it spins \(millions of iterations a second\) unless something else paces it; receive with wresp, ok := <-wch and leave the loop when !ok`
			handle(wresp)
		case <-tick.C:
		}
	}
}

func selectOK(wch clientv3.WatchChan, tick *time.Ticker) {
	for {
		select {
		case wresp, ok := <-wch:
			if !ok {
				return
			}
			handle(wresp)
		case <-tick.C:
		}
	}
}

// A plain receive statement in a for loop.
func plainNoOK(cli *clientv3.Client, ctx context.Context) {
	wch := cli.Watch(ctx, "k")
	for {
		wresp := <-wch // want `this receive from wch \(a clientv3.WatchChan\) has no ok`
		handle(wresp)
	}
}

func plainOK(cli *clientv3.Client, ctx context.Context) {
	wch := cli.Watch(ctx, "k")
	for {
		wresp, ok := <-wch
		if !ok {
			return
		}
		handle(wresp)
	}
}

func rangeOK(cli *clientv3.Client, ctx context.Context) {
	for wresp := range cli.Watch(ctx, "k") {
		handle(wresp)
	}
}

// Err() and Canceled do not tell the close: the zero response has neither.
func errCheckNoOK(wch clientv3.WatchChan) error {
	for {
		wresp := <-wch // want `this receive from wch \(a clientv3.WatchChan\) has no ok`
		if err := wresp.Err(); err != nil {
			return err
		}
		if wresp.Canceled {
			return nil
		}
		handle(wresp)
	}
}

// A nil Header is how a closed channel's zero response looks.
func headerNil(wch clientv3.WatchChan) {
	for {
		wresp := <-wch
		if wresp.Header == nil {
			return
		}
		handle(wresp)
	}
}

// The statement form: `<-wch` waits for any event, as a signal.
func signalNoOK(wch clientv3.WatchChan, reload func()) {
	for {
		<-wch // want `this receive from wch \(a clientv3.WatchChan\) has no ok`
		reload()
	}
}

func signalOK(wch clientv3.WatchChan, reload func()) {
	for {
		if _, ok := <-wch; !ok {
			return
		}
		reload()
	}
}

// _ for the ok tests nothing.
func blankOK(wch clientv3.WatchChan) {
	for {
		wresp, _ := <-wch // want `this receive from wch \(a clientv3.WatchChan\) has no ok`
		handle(wresp)
	}
}

// Every path after the receive leaves the loop: one event, then out.
func firstEvent(wch clientv3.WatchChan, tick *time.Ticker) clientv3.WatchResponse {
	for {
		select {
		case wresp := <-wch:
			return wresp
		case <-tick.C:
			log.Print("still waiting")
		}
	}
}

// A loop that watches again on every path back to the receive reads a
// new channel each time.
func rewatch(cli *clientv3.Client, ctx context.Context) {
	for {
		wch := cli.Watch(ctx, "k")
		wresp := <-wch
		handle(wresp)
	}
}

// Reassigned on one path only: the other comes back to the closed one.
func rewatchSometimes(cli *clientv3.Client, ctx context.Context) {
	wch := cli.Watch(ctx, "k")
	for {
		wresp := <-wch // want `this receive from wch \(a clientv3.WatchChan\) has no ok`
		if wresp.Canceled {
			wch = cli.Watch(ctx, "k")
		}
	}
}

func rewatchOnClose(cli *clientv3.Client, ctx context.Context) {
	wch := cli.Watch(ctx, "k")
	for {
		wresp, ok := <-wch
		if !ok {
			wch = cli.Watch(ctx, "k")
			continue
		}
		handle(wresp)
	}
}

// Not in a loop at all: one receive.
func once(wch clientv3.WatchChan) clientv3.WatchResponse {
	return <-wch
}

// A channel the program makes is its own to close or not.
func ownChan(ch chan clientv3.WatchResponse) {
	for {
		wresp := <-ch
		handle(wresp)
	}
}

// A loop that stops after a fixed count reads a few zero responses at
// most once the channel closes: it does not spin.
func threeResponses(wch clientv3.WatchChan) {
	for i := 0; i < 3; i++ {
		handle(<-wch)
	}
}

// A loop whose count grows only with the events: on a closed channel it
// never ends (etcd's own v3_watch_test.go).
func untilEvents(wch clientv3.WatchChan, n int) {
	seen := 0
	for seen < n {
		wresp := <-wch // want `this receive from wch \(a clientv3.WatchChan\) has no ok`
		seen += len(wresp.Events)
	}
}
