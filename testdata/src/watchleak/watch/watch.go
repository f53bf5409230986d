// Package watch holds WL1's bad/good twins on the v3.5+ client: watches on
// a context nothing can cancel, abandoned on some path.
package watch

import (
	"context"
	"errors"
	"log"

	clientv3 "go.etcd.io/etcd/client/v3"
)

// Returning from inside the range leaves the watch open.
func firstValue(cli *clientv3.Client, key string) []byte {
	wch := cli.Watch(context.Background(), key) // want `this Watch is given a context nothing can cancel \(context.Background\(\) at watch.go:\d+\), and the return at watch.go:\d+ abandons it: its channel is neither read until it closes nor handed on, so the client buffers its events in memory without bound, and keeps a watcher on the server and a goroutine until the client closes; watch with wctx, cancel := context.WithCancel\(ctx\) and defer cancel\(\)`
	for wresp := range wch {
		for _, ev := range wresp.Events {
			return ev.Kv.Value
		}
	}
	return nil
}

func firstValueFixed(cli *clientv3.Client, key string) []byte {
	wctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	wch := cli.Watch(wctx, key)
	for wresp := range wch {
		for _, ev := range wresp.Events {
			return ev.Kv.Value
		}
	}
	return nil
}

// The caller's context: the caller decides when the watch ends.
func firstValueCtx(ctx context.Context, cli *clientv3.Client, key string) []byte {
	for wresp := range cli.Watch(ctx, key) {
		for _, ev := range wresp.Events {
			return ev.Kv.Value
		}
	}
	return nil
}

type server struct {
	ctx context.Context
	cli *clientv3.Client
}

// A field: whoever set it decides.
func (s *server) firstValue(key string) []byte {
	for wresp := range s.cli.Watch(s.ctx, key) {
		for _, ev := range wresp.Events {
			return ev.Kv.Value
		}
	}
	return nil
}

// Drained until it closes: the watch has ended when the range does.
func drained(cli *clientv3.Client, key string, apply func(*clientv3.Event)) {
	for wresp := range cli.Watch(context.Background(), key) {
		for _, ev := range wresp.Events {
			apply(ev)
		}
	}
	log.Print("watch ended")
}

// A loop left only when the channel closes.
func untilClosed(cli *clientv3.Client, key string, apply func(*clientv3.Event)) {
	wch := cli.Watch(context.Background(), key)
	for {
		wresp, ok := <-wch
		if !ok {
			return
		}
		for _, ev := range wresp.Events {
			apply(ev)
		}
	}
}

// A cancelled or failed response is the last: the client closes the
// channel after it, so leaving on it abandons nothing.
func untilCanceled(cli *clientv3.Client, key string) error {
	for wresp := range cli.Watch(clientv3.WithRequireLeader(context.Background()), key) {
		if err := wresp.Err(); err != nil {
			return err
		}
		if wresp.Canceled {
			return errors.New("watch canceled")
		}
	}
	return nil
}

// Leaving on a response that only looks at events abandons the watch.
func untilDelete(cli *clientv3.Client, key string) error {
	for wresp := range cli.Watch(clientv3.WithRequireLeader(context.Background()), key) { // want `this Watch is given a context nothing can cancel \(context.Background\(\) at watch.go:\d+\)`
		if err := wresp.Err(); err != nil {
			return err
		}
		for _, ev := range wresp.Events {
			if ev.Type == clientv3.EventTypeDelete {
				return nil
			}
		}
	}
	return nil
}

// Handed on: returned, stored, given to a goroutine that reads it.
func returned(cli *clientv3.Client, key string) clientv3.WatchChan {
	return cli.Watch(context.Background(), key)
}

type holder struct{ wch clientv3.WatchChan }

func (h *holder) stored(cli *clientv3.Client, key string) {
	h.wch = cli.Watch(context.Background(), key)
}

func toGoroutine(cli *clientv3.Client, key string, apply func(clientv3.WatchResponse)) {
	wch := cli.Watch(context.Background(), key)
	go func() {
		for wresp := range wch {
			apply(wresp)
		}
	}()
}

func consume(wch clientv3.WatchChan, apply func(clientv3.WatchResponse)) {
	for wresp := range wch {
		apply(wresp)
	}
}

func toReader(cli *clientv3.Client, key string, apply func(clientv3.WatchResponse)) {
	consume(cli.Watch(context.Background(), key), apply)
}

// A helper that only logs it takes nothing over.
func describe(wch clientv3.WatchChan) { log.Printf("watching %v", wch) }

func toLogger(cli *clientv3.Client, key string) {
	wch := cli.Watch(context.Background(), key) // want `this Watch is given a context nothing can cancel`
	describe(wch)
}

// Closing the client ends every watch on it.
func closed(endpoints []string, key string) ([]byte, error) {
	cli, err := clientv3.New(clientv3.Config{Endpoints: endpoints})
	if err != nil {
		return nil, err
	}
	defer cli.Close()
	for wresp := range cli.Watch(context.Background(), key) {
		for _, ev := range wresp.Events {
			return ev.Kv.Value, nil
		}
	}
	return nil, nil
}

// Exits that end the process end the watch with it.
func fatal(cli *clientv3.Client, key string) {
	for wresp := range cli.Watch(context.Background(), key) {
		if wresp.Canceled {
			continue
		}
		log.Fatalf("%s changed", key)
	}
}

// A WithCancel context whose cancel is lost is ctxtimeout's CT1.
func lostCancel(cli *clientv3.Client, key string) {
	ctx, _ := context.WithCancel(context.Background())
	wresp := <-cli.Watch(ctx, key)
	log.Print(wresp.Header)
}

// The other contexts nothing can cancel.
func others(cli *clientv3.Client, ctx context.Context, key string) {
	<-cli.Watch(context.TODO(), key)                                       // want `context nothing can cancel \(context.TODO\(\) at watch.go:\d+\)`
	<-cli.Watch(context.WithValue(context.Background(), ctxKey{}, 1), key) // want `context nothing can cancel \(context.Background\(\) at watch.go:\d+\)`
	<-cli.Watch(context.WithoutCancel(ctx), key)                           // want `context nothing can cancel \(context.WithoutCancel\(...\) at watch.go:\d+\)`
	<-cli.Watch(cli.Ctx(), key)                                            // want `context nothing can cancel \(the client's Ctx\(\) at watch.go:\d+\)`
}

type ctxKey struct{}

// etcd's v3discovery: waitPeers returns with its watch open, but its only
// callers have deferred closing the client it watches on.
type discovery struct {
	c *clientv3.Client
}

func (d *discovery) close() error {
	if d.c != nil {
		return d.c.Close()
	}
	return nil
}

func (d *discovery) waitPeers(prefix string, n int) {
	seen := 0
	for wresp := range d.c.Watch(context.Background(), prefix, clientv3.WithPrefix()) {
		seen += len(wresp.Events)
		if seen >= n {
			break
		}
	}
}

func (d *discovery) join(prefix string, n int) {
	defer d.close()
	d.waitPeers(prefix, n)
}

// A caller that keeps the client open after the call.
type lister struct {
	c *clientv3.Client
}

func (l *lister) waitPeers(prefix string, n int) {
	seen := 0
	for wresp := range l.c.Watch(context.Background(), prefix, clientv3.WithPrefix()) { // want `this Watch is given a context nothing can cancel`
		seen += len(wresp.Events)
		if seen >= n {
			break
		}
	}
}

func (l *lister) join(prefix string, n int) {
	l.waitPeers(prefix, n)
}

// Through a caller of the same receiver: v3discovery's GetCluster defers
// d.close() and calls getCluster, which calls waitPeers.
func (d *discovery) getCluster(prefix string, n int) {
	d.waitPeers(prefix, n)
}

func (d *discovery) get(prefix string, n int) {
	defer d.close()
	d.getCluster(prefix, n)
}
