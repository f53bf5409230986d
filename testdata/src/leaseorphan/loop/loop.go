// Package loop covers LO2: KeepAlive restarted on the same lease in a loop
// while the previous keepalive still runs.
package loop

import (
	"context"
	"fmt"
	"log"
	"time"

	clientv3 "go.etcd.io/etcd/client/v3"
)

// etcd-io/etcd#11487, reduced: a heartbeat loop that calls KeepAlive where
// it meant KeepAliveOnce. Every iteration adds a channel to the lease's
// keepalive that nobody removes.
func heartbeat(lease clientv3.Lease, kv clientv3.KV, ip string, interval time.Duration) {
	var cur clientv3.LeaseID
	for {
		if cur == 0 {
			resp, err := lease.Grant(context.TODO(), int64(interval.Seconds())+5)
			if err != nil {
				log.Print(err)
				continue
			}
			if _, err := kv.Put(context.TODO(), "/agent/health/"+ip, "Online", clientv3.WithLease(resp.ID)); err != nil {
				log.Print(err)
			}
			cur = resp.ID
			fmt.Println("lease:", cur)
		} else {
			fmt.Println("lease:", cur)
			ch, err := lease.KeepAlive(context.TODO(), cur) // want `KeepAlive runs again on the same lease each time round the loop, and the iteration neither cancels its ctx, revokes the lease nor waits for the channel to close, so every iteration adds a keepalive channel \(and, for a cancellable ctx, a goroutine\) that lives as long as the lease \(etcd-io/etcd#11487\); call KeepAlive once outside the loop, use KeepAliveOnce for a single renewal, or cancel a per-iteration ctx before the next one`
			if err != nil {
				cur = 0
				continue
			}
			ka := <-ch
			fmt.Println("ttl:", ka.TTL)
		}
		time.Sleep(interval)
	}
}

func heartbeatFixed(lease clientv3.Lease, kv clientv3.KV, ip string, interval time.Duration) {
	var cur clientv3.LeaseID
	for {
		if cur == 0 {
			resp, err := lease.Grant(context.TODO(), int64(interval.Seconds())+5)
			if err != nil {
				log.Print(err)
				continue
			}
			if _, err := kv.Put(context.TODO(), "/agent/health/"+ip, "Online", clientv3.WithLease(resp.ID)); err != nil {
				log.Print(err)
			}
			cur = resp.ID
		} else {
			ka, err := lease.KeepAliveOnce(context.TODO(), cur)
			if err != nil {
				cur = 0
				continue
			}
			fmt.Println("ttl:", ka.TTL)
		}
		time.Sleep(interval)
	}
}

// The lease ID is a parameter: the same lease on every tick.
func ticker(ctx context.Context, cli *clientv3.Client, id clientv3.LeaseID) error {
	t := time.NewTicker(time.Second)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-t.C:
			ch, err := cli.KeepAlive(ctx, id) // want `KeepAlive runs again on the same lease each time round the loop`
			if err != nil {
				return err
			}
			<-ch
		}
	}
}

// A ctx cancelled at the end of each iteration ends that iteration's
// keepalive.
func tickerCancelled(ctx context.Context, cli *clientv3.Client, id clientv3.LeaseID) error {
	t := time.NewTicker(time.Second)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-t.C:
			kctx, cancel := context.WithCancel(ctx)
			ch, err := cli.KeepAlive(kctx, id)
			if err != nil {
				cancel()
				return err
			}
			<-ch
			cancel()
		}
	}
}

// A ctx with a deadline ends the keepalive by itself.
func tickerDeadline(ctx context.Context, cli *clientv3.Client, id clientv3.LeaseID) error {
	for {
		kctx, cancel := context.WithTimeout(ctx, 2*time.Second)
		ch, err := cli.KeepAlive(kctx, id)
		if err != nil {
			cancel()
			return err
		}
		<-ch
		time.Sleep(time.Second)
		_ = cancel
	}
}

// The cancel func deferred in the loop runs when the function returns, not
// when the iteration ends: the keepalives pile up meanwhile.
func deferredCancel(ctx context.Context, cli *clientv3.Client, id clientv3.LeaseID) error {
	for i := 0; i < 100; i++ {
		kctx, cancel := context.WithCancel(ctx)
		defer cancel()
		ch, err := cli.KeepAlive(kctx, id) // want `KeepAlive runs again on the same lease each time round the loop`
		if err != nil {
			return err
		}
		<-ch
	}
	return nil
}

func stop(cancel context.CancelFunc) {
	defer cancel()
	log.Print("stopping keepalive")
}

// A helper that defers the cancel runs it when the helper returns, within
// the iteration.
func cancelledByHelper(ctx context.Context, cli *clientv3.Client, id clientv3.LeaseID) error {
	for i := 0; i < 100; i++ {
		kctx, cancel := context.WithCancel(ctx)
		ch, err := cli.KeepAlive(kctx, id)
		if err != nil {
			cancel()
			return err
		}
		<-ch
		stop(cancel)
	}
	return nil
}

// Revoking the lease in the iteration ends its keepalive.
func revoked(ctx context.Context, cli *clientv3.Client, id clientv3.LeaseID, n int) error {
	for i := 0; i < n; i++ {
		ch, err := cli.KeepAlive(context.Background(), id)
		if err != nil {
			return err
		}
		<-ch
		if _, err := cli.Revoke(ctx, id); err != nil {
			return err
		}
	}
	return nil
}

// The cancel func handed to a goroutine: it will end the keepalive.
func cancelEscapes(ctx context.Context, cli *clientv3.Client, id clientv3.LeaseID, n int) error {
	for i := 0; i < n; i++ {
		kctx, cancel := context.WithCancel(ctx)
		ch, err := cli.KeepAlive(kctx, id)
		if err != nil {
			cancel()
			return err
		}
		go func() {
			<-ch
			cancel()
		}()
	}
	return nil
}

// The retry pattern: keep the lease alive until the channel closes (the
// keepalive ended), then start again.
func retry(ctx context.Context, cli *clientv3.Client, id clientv3.LeaseID) {
	for ctx.Err() == nil {
		ch, err := cli.KeepAlive(ctx, id)
		if err != nil {
			time.Sleep(time.Second)
			continue
		}
		for resp := range ch {
			log.Printf("renewed, ttl %d", resp.TTL)
		}
		log.Print("keepalive ended, restarting")
	}
}

// One keepalive per lease: every iteration keeps a different lease alive.
func perLease(ctx context.Context, cli *clientv3.Client, ids []clientv3.LeaseID) error {
	for _, id := range ids {
		ch, err := cli.KeepAlive(ctx, id)
		if err != nil {
			return err
		}
		go func() {
			for range ch {
			}
		}()
	}
	return nil
}

// One fresh lease per key: each iteration grants its own.
func perKey(ctx context.Context, cli *clientv3.Client, keys []string) error {
	for _, k := range keys {
		resp, err := cli.Grant(ctx, 10)
		if err != nil {
			return err
		}
		if _, err := cli.Put(ctx, k, "", clientv3.WithLease(resp.ID)); err != nil {
			return err
		}
		ch, err := cli.KeepAlive(ctx, resp.ID)
		if err != nil {
			return err
		}
		go func() {
			for range ch {
			}
		}()
	}
	return nil
}

// A retry loop that stops at the first success.
func untilStarted(ctx context.Context, cli *clientv3.Client, id clientv3.LeaseID) (<-chan *clientv3.LeaseKeepAliveResponse, error) {
	var err error
	for i := 0; i < 3; i++ {
		var ch <-chan *clientv3.LeaseKeepAliveResponse
		ch, err = cli.KeepAlive(ctx, id)
		if err == nil {
			return ch, nil
		}
		time.Sleep(time.Second)
	}
	return nil, err
}

type service struct {
	cli     *clientv3.Client
	leaseID clientv3.LeaseID
}

// The lease kept in a field that the loop does not change.
func (s *service) renewLoop() {
	for {
		ch, err := s.cli.KeepAlive(context.TODO(), s.leaseID) // want `KeepAlive runs again on the same lease each time round the loop`
		if err != nil {
			log.Print(err)
			return
		}
		<-ch
		time.Sleep(5 * time.Second)
	}
}

func (s *service) regrant(ctx context.Context) error {
	resp, err := s.cli.Grant(ctx, 10)
	if err != nil {
		return err
	}
	s.leaseID = resp.ID
	return nil
}

// The loop may change the field (through a method): silent.
func (s *service) renewLoopRegrant(ctx context.Context) {
	for {
		if err := s.regrant(ctx); err != nil {
			return
		}
		ch, err := s.cli.KeepAlive(ctx, s.leaseID)
		if err != nil {
			return
		}
		go func() {
			for range ch {
			}
		}()
	}
}

// Revoked through a fresh load of the field.
func (s *service) renewLoopRevoked(ctx context.Context) {
	for {
		ch, err := s.cli.KeepAlive(context.TODO(), s.leaseID)
		if err != nil {
			return
		}
		<-ch
		s.cli.Revoke(ctx, s.leaseID)
	}
}

// Closing the client ends every keepalive it runs.
func clientClosed(endpoints []string, id clientv3.LeaseID) error {
	for {
		cli, err := clientv3.New(clientv3.Config{Endpoints: endpoints})
		if err != nil {
			return err
		}
		ch, err := cli.KeepAlive(context.Background(), id)
		if err != nil {
			cli.Close()
			return err
		}
		<-ch
		cli.Close()
	}
}

// A select that takes one response per tick is the same mistake.
func selectOne(cli *clientv3.Client, id clientv3.LeaseID) {
	for {
		ch, err := cli.KeepAlive(context.Background(), id) // want `KeepAlive runs again on the same lease each time round the loop`
		if err != nil {
			return
		}
		select {
		case ka := <-ch:
			log.Printf("ttl %d", ka.TTL)
		case <-time.After(5 * time.Second):
			log.Print("slow keepalive")
		}
	}
}

// A select that watches the channel for closure waits for the keepalive
// to end before the loop restarts it.
func selectClosed(ctx context.Context, cli *clientv3.Client, id clientv3.LeaseID) {
	for {
		ch, err := cli.KeepAlive(ctx, id)
		if err != nil {
			return
		}
	watch:
		for {
			select {
			case _, ok := <-ch:
				if !ok {
					break watch
				}
			case <-ctx.Done():
				return
			}
		}
	}
}

// A nil response is the other way to see the channel closed.
func nilResponse(cli *clientv3.Client, id clientv3.LeaseID) {
	for {
		ch, err := cli.KeepAlive(context.Background(), id)
		if err != nil {
			return
		}
		if ka := <-ch; ka == nil {
			log.Print("keepalive ended")
		}
	}
}

// Handing the channel to a goroutine does not stop the keepalive.
func drainedInLoop(cli *clientv3.Client, id clientv3.LeaseID) {
	for {
		ch, err := cli.KeepAlive(context.Background(), id) // want `KeepAlive runs again on the same lease each time round the loop`
		if err != nil {
			return
		}
		go func() {
			for range ch {
			}
		}()
		time.Sleep(10 * time.Second)
	}
}

// Draining in the iteration itself waits for the channel to close.
func drainedSyncInLoop(cli *clientv3.Client, id clientv3.LeaseID) {
	for {
		ch, err := cli.KeepAlive(context.Background(), id)
		if err != nil {
			return
		}
		func() {
			for range ch {
			}
		}()
	}
}

// Restarted only once the channel has closed.
func restartOnClose(ctx context.Context, cli *clientv3.Client, id clientv3.LeaseID) error {
	ch, err := cli.KeepAlive(ctx, id)
	if err != nil {
		return err
	}
	for {
		select {
		case _, ok := <-ch:
			if !ok {
				ch, err = cli.KeepAlive(ctx, id)
				if err != nil {
					return err
				}
			}
		case <-ctx.Done():
			return ctx.Err()
		}
	}
}

// Both at once: the channel is dropped, and the keepalives pile up.
func both(cli *clientv3.Client, id clientv3.LeaseID) {
	for {
		cli.KeepAlive(context.TODO(), id) // want `the channel from KeepAlive is discarded` `KeepAlive runs again on the same lease each time round the loop`
		time.Sleep(time.Second)
	}
}

// The client's ctx never ends while the client is open.
func clientCtx(cli *clientv3.Client, id clientv3.LeaseID) {
	for {
		ch, err := cli.KeepAlive(cli.Ctx(), id) // want `KeepAlive runs again on the same lease each time round the loop`
		if err != nil {
			return
		}
		<-ch
		time.Sleep(time.Second)
	}
}

type register struct {
	lease   clientv3.Lease
	kv      clientv3.KV
	localIP string
	leases  []clientv3.LeaseID
}

// A widely copied registration loop: when Put fails, it retries with a
// new lease and leaves the old one kept alive forever, carrying nothing.
func (r *register) keepOnline() {
	var (
		leaseGrantResp *clientv3.LeaseGrantResponse
		err            error
		keepAliveChan  <-chan *clientv3.LeaseKeepAliveResponse
		keepAliveResp  *clientv3.LeaseKeepAliveResponse
		cancelCtx      context.Context
		cancelFunc     context.CancelFunc
	)
	for {
		regKey := "/cron/workers/" + r.localIP
		cancelFunc = nil
		if leaseGrantResp, err = r.lease.Grant(context.TODO(), 10); err != nil {
			goto RETRY
		}
		if keepAliveChan, err = r.lease.KeepAlive(context.TODO(), leaseGrantResp.ID); err != nil { // want `KeepAlive keeps a new lease alive on each iteration of this endless loop, and the iteration neither cancels its ctx, revokes the lease nor waits for the channel to close, so the loop piles up leases that are kept alive forever; revoke the lease or cancel a per-iteration ctx before the next iteration`
			goto RETRY
		}
		cancelCtx, cancelFunc = context.WithCancel(context.TODO())
		if _, err = r.kv.Put(cancelCtx, regKey, "", clientv3.WithLease(leaseGrantResp.ID)); err != nil {
			goto RETRY
		}
		for {
			select {
			case keepAliveResp = <-keepAliveChan:
				if keepAliveResp == nil {
					goto RETRY
				}
			}
		}
	RETRY:
		time.Sleep(1 * time.Second)
		if cancelFunc != nil {
			cancelFunc()
		}
	}
}

// The fix: the keepalive runs under the ctx the retry path cancels.
func (r *register) keepOnlineFixed() {
	for {
		regKey := "/cron/workers/" + r.localIP
		resp, err := r.lease.Grant(context.TODO(), 10)
		if err != nil {
			time.Sleep(time.Second)
			continue
		}
		ctx, cancel := context.WithCancel(context.TODO())
		ch, err := r.lease.KeepAlive(ctx, resp.ID)
		if err != nil {
			cancel()
			time.Sleep(time.Second)
			continue
		}
		if _, err := r.kv.Put(ctx, regKey, "", clientv3.WithLease(resp.ID)); err != nil {
			cancel()
			time.Sleep(time.Second)
			continue
		}
		for range ch {
		}
		cancel()
	}
}

// A new lease on every tick, each kept alive forever.
func (r *register) tickNewLease() {
	for {
		resp, err := r.lease.Grant(context.TODO(), 10)
		if err != nil {
			return
		}
		if _, err := r.kv.Put(context.TODO(), "/hb/"+r.localIP, "", clientv3.WithLease(resp.ID)); err != nil {
			return
		}
		ch, err := r.lease.KeepAlive(context.TODO(), resp.ID) // want `KeepAlive keeps a new lease alive on each iteration of this endless loop`
		if err != nil {
			return
		}
		go func() {
			for range ch {
			}
		}()
		time.Sleep(10 * time.Second)
	}
}

// Revoked before the next iteration.
func (r *register) tickNewLeaseRevoked() {
	for {
		resp, err := r.lease.Grant(context.TODO(), 10)
		if err != nil {
			return
		}
		ch, err := r.lease.KeepAlive(context.TODO(), resp.ID)
		if err != nil {
			return
		}
		<-ch
		time.Sleep(10 * time.Second)
		r.lease.Revoke(context.TODO(), resp.ID)
	}
}

// Each lease is remembered: whoever holds the list can revoke them.
func (r *register) tickNewLeaseStored() {
	for {
		resp, err := r.lease.Grant(context.TODO(), 10)
		if err != nil {
			return
		}
		ch, err := r.lease.KeepAlive(context.TODO(), resp.ID)
		if err != nil {
			return
		}
		r.leases = append(r.leases, resp.ID)
		go func() {
			for range ch {
			}
		}()
		time.Sleep(10 * time.Second)
	}
}

func serve(id clientv3.LeaseID, ch <-chan *clientv3.LeaseKeepAliveResponse) {}

// Each lease goes to the goroutine that serves it.
func (r *register) perConnection(conns <-chan string) {
	for {
		c := <-conns
		resp, err := r.lease.Grant(context.TODO(), 10)
		if err != nil {
			return
		}
		ch, err := r.lease.KeepAlive(context.TODO(), resp.ID)
		if err != nil {
			return
		}
		log.Print(c)
		go serve(resp.ID, ch)
	}
}

type job struct {
	cancel context.CancelFunc
}

// The cancel func kept in a struct and called through it.
func cancelThroughStruct(ctx context.Context, cli *clientv3.Client, id clientv3.LeaseID) {
	for {
		kctx, cancel := context.WithCancel(ctx)
		j := &job{cancel: cancel}
		ch, err := cli.KeepAlive(kctx, id)
		if err != nil {
			j.cancel()
			return
		}
		<-ch
		j.cancel()
	}
}
