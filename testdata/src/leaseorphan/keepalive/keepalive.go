// Package keepalive covers LO1: the channel from KeepAlive must be read,
// or handed to someone who reads it.
package keepalive

import (
	"context"
	"log"
	"reflect"

	clientv3 "go.etcd.io/etcd/client/v3"
)

// The channel assigned to _: nobody can ever read it.
func discarded(ctx context.Context, cli *clientv3.Client, id clientv3.LeaseID) error {
	_, err := cli.KeepAlive(ctx, id) // want `the channel from KeepAlive is discarded, so once its 16 buffered responses fill it, the client logs "lease keepalive response queue is full; dropping response send" on every renewal, and the program never learns that the keepalive stopped and the keys bound to the lease vanished; assign it and drain it \(go func\(\) \{ for range ch \{\} \}\(\)\) or watch it for closure`
	return err
}

func discardedFixed(ctx context.Context, cli *clientv3.Client, id clientv3.LeaseID) error {
	ch, err := cli.KeepAlive(ctx, id)
	if err != nil {
		return err
	}
	go func() {
		for range ch {
		}
		log.Print("lease keepalive stopped")
	}()
	return nil
}

// The whole result dropped: the call is a statement.
func statement(ctx context.Context, cli *clientv3.Client, id clientv3.LeaseID) {
	cli.KeepAlive(ctx, id) // want `the channel from KeepAlive is discarded`
}

// Kept in a variable, checked for nil, but never received from.
func neverReceived(ctx context.Context, cli *clientv3.Client, id clientv3.LeaseID) error {
	ch, err := cli.KeepAlive(ctx, id) // want `the channel from KeepAlive is never received from, so once its 16 buffered responses fill it`
	if err != nil {
		return err
	}
	if ch == nil {
		log.Print("no keepalive")
	}
	log.Printf("keepalive started: %d pending", len(ch))
	return nil
}

// Ranged over in the same function.
func ranged(ctx context.Context, cli *clientv3.Client, id clientv3.LeaseID) error {
	ch, err := cli.KeepAlive(ctx, id)
	if err != nil {
		return err
	}
	for resp := range ch {
		log.Printf("renewed, ttl %d", resp.TTL)
	}
	return nil
}

// A single receive: the program reads the channel.
func received(ctx context.Context, cli *clientv3.Client, id clientv3.LeaseID) error {
	ch, err := cli.KeepAlive(ctx, id)
	if err != nil {
		return err
	}
	if _, ok := <-ch; !ok {
		log.Print("keepalive stopped at once")
	}
	return nil
}

// Watched in a select, together with the ctx.
func watched(ctx context.Context, cli *clientv3.Client, id clientv3.LeaseID) error {
	ch, err := cli.KeepAlive(ctx, id)
	if err != nil {
		return err
	}
	for {
		select {
		case _, ok := <-ch:
			if !ok {
				return context.Canceled
			}
		case <-ctx.Done():
			return ctx.Err()
		}
	}
}

// Returned: the caller reads it.
func returned(ctx context.Context, cli *clientv3.Client, id clientv3.LeaseID) (<-chan *clientv3.LeaseKeepAliveResponse, error) {
	ch, err := cli.KeepAlive(ctx, id)
	if err != nil {
		return nil, err
	}
	return ch, nil
}

type registrar struct {
	cli *clientv3.Client
	kas <-chan *clientv3.LeaseKeepAliveResponse
}

// Stored in a field: another method reads it.
func (r *registrar) stored(ctx context.Context, id clientv3.LeaseID) error {
	ch, err := r.cli.KeepAlive(ctx, id)
	if err != nil {
		return err
	}
	r.kas = ch
	return nil
}

// Sent to whoever drains keepalive channels.
func sent(ctx context.Context, cli *clientv3.Client, id clientv3.LeaseID, out chan<- <-chan *clientv3.LeaseKeepAliveResponse) error {
	ch, err := cli.KeepAlive(ctx, id)
	if err != nil {
		return err
	}
	out <- ch
	return nil
}

func drain(ch <-chan *clientv3.LeaseKeepAliveResponse) {
	for range ch {
	}
}

func peek(ch <-chan *clientv3.LeaseKeepAliveResponse) int {
	return len(ch)
}

// Passed to a helper that drains it, in a goroutine or not.
func drainedByHelper(ctx context.Context, cli *clientv3.Client, id clientv3.LeaseID) error {
	ch, err := cli.KeepAlive(ctx, id)
	if err != nil {
		return err
	}
	go drain(ch)
	return nil
}

func drainedSync(ctx context.Context, cli *clientv3.Client, id clientv3.LeaseID) error {
	ch, err := cli.KeepAlive(ctx, id)
	if err != nil {
		return err
	}
	drain(ch)
	return nil
}

// A same-package helper that only looks at the channel does not read it.
func peekedOnly(ctx context.Context, cli *clientv3.Client, id clientv3.LeaseID) error {
	ch, err := cli.KeepAlive(ctx, id) // want `the channel from KeepAlive is never received from`
	if err != nil {
		return err
	}
	log.Print(peek(ch))
	return nil
}

// The seed's shape: a program that keeps its lease alive and then blocks.
func blocksForever(cli *clientv3.Client, id clientv3.LeaseID) {
	ch, err := cli.KeepAlive(context.Background(), id) // want `the channel from KeepAlive is never received from`
	if err != nil {
		log.Fatal(err)
	}
	log.Printf("keepalive %v", ch)
	select {}
}

func blocksForeverFixed(cli *clientv3.Client, id clientv3.LeaseID) {
	ch, err := cli.KeepAlive(context.Background(), id)
	if err != nil {
		log.Fatal(err)
	}
	for range ch {
	}
	log.Fatal("lease lost")
}

// A helper that returns the channel is a factory: its caller must read it.
func start(ctx context.Context, cli *clientv3.Client, id clientv3.LeaseID) (<-chan *clientv3.LeaseKeepAliveResponse, error) {
	return cli.KeepAlive(ctx, id)
}

func useStart(ctx context.Context, cli *clientv3.Client, id clientv3.LeaseID) error {
	_, err := start(ctx, cli, id) // want `the KeepAlive channel returned by start is discarded`
	return err
}

func useStartFixed(ctx context.Context, cli *clientv3.Client, id clientv3.LeaseID) error {
	ch, err := start(ctx, cli, id)
	if err != nil {
		return err
	}
	go drain(ch)
	return nil
}

// Drained by a closure the function calls.
func drainedByClosure(ctx context.Context, cli *clientv3.Client, id clientv3.LeaseID) error {
	ch, err := cli.KeepAlive(ctx, id)
	if err != nil {
		return err
	}
	wait := func() {
		for range ch {
		}
	}
	wait()
	return nil
}

// Handed to reflect, which can receive from it.
func viaReflect(ctx context.Context, cli *clientv3.Client, id clientv3.LeaseID) error {
	ch, err := cli.KeepAlive(ctx, id)
	if err != nil {
		return err
	}
	cases = append(cases, reflect.SelectCase{Dir: reflect.SelectRecv, Chan: reflect.ValueOf(ch)})
	return nil
}

var cases []reflect.SelectCase

// Received from only on an error path that cannot happen is still a
// receive: the rule asks whether any path reads the channel.
func receivedSomewhere(ctx context.Context, cli *clientv3.Client, id clientv3.LeaseID, verbose bool) error {
	ch, err := cli.KeepAlive(ctx, id)
	if err != nil {
		return err
	}
	if verbose {
		<-ch
	}
	return nil
}

var (
	all   []<-chan *clientv3.LeaseKeepAliveResponse
	byKey = map[string]<-chan *clientv3.LeaseKeepAliveResponse{}
)

// Stored in a global slice or map: whoever owns them reads them.
func storedGlobal(ctx context.Context, cli *clientv3.Client, id clientv3.LeaseID, key string) error {
	ch, err := cli.KeepAlive(ctx, id)
	if err != nil {
		return err
	}
	if key == "" {
		all = append(all, ch)
	} else {
		byKey[key] = ch
	}
	return nil
}
