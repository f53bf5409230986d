// Package ct6 covers CT6: a keepalive or a session bound to a context
// that ends while what it keeps alive outlives the function
// (etcd-io/etcd#8203, cilium/cilium#12619, vitessio/vitess#11794).
package ct6

import (
	"context"
	"sync"
	"time"

	clientv3 "go.etcd.io/etcd/client/v3"
	"go.etcd.io/etcd/client/v3/concurrency"
)

type registrar struct {
	cli     *clientv3.Client
	leaseID clientv3.LeaseID
	ch      <-chan *clientv3.LeaseKeepAliveResponse
}

type elector struct {
	s      *concurrency.Session
	e      *concurrency.Election
	cancel context.CancelFunc
}

// A timeout ctx, meant for the Grant and the Put, given to KeepAlive too.
func (r *registrar) register(ctx context.Context, key string) error {
	ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	resp, err := r.cli.Grant(ctx, 10)
	if err != nil {
		return err
	}
	if _, err := r.cli.Put(ctx, key, "v", clientv3.WithLease(resp.ID)); err != nil {
		return err
	}
	ch, err := r.cli.KeepAlive(ctx, resp.ID) // want `this KeepAlive is bound to a context that has a deadline \(context.WithTimeout at ct6.go:29\), while the KeepAlive channel or the lease ID outlives the function \(stored at ct6.go:42\), so the keepalive stops then, the lease expires its TTL later and every key put with it vanishes \(etcd-io/etcd#8203, cilium/cilium#12619\); derive its ctx from one that lives as long as the lease, e.g. context.WithoutCancel\(ctx\), or keep its cancel func with the lease and call it when the lease is no longer needed`
	if err != nil {
		return err
	}
	r.ch = ch
	r.leaseID = resp.ID
	return nil
}

// The fixed twin: the keepalive's ctx does not inherit the deadline.
func (r *registrar) registerFixed(ctx context.Context, key string) error {
	tctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	resp, err := r.cli.Grant(tctx, 10)
	if err != nil {
		return err
	}
	if _, err := r.cli.Put(tctx, key, "v", clientv3.WithLease(resp.ID)); err != nil {
		return err
	}
	ch, err := r.cli.KeepAlive(context.WithoutCancel(ctx), resp.ID)
	if err != nil {
		return err
	}
	r.ch = ch
	r.leaseID = resp.ID
	return nil
}

// A constructor whose deferred cancel ends the session the moment it
// returns.
func newElector(cli *clientv3.Client, pfx string) (*elector, error) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	s, err := concurrency.NewSession(cli, concurrency.WithTTL(5), concurrency.WithContext(ctx)) // want `this NewSession is bound to a context that is cancelled when the function returns \(the cancel deferred at ct6.go:71\), while the session outlives the function \(returned at ct6.go:76\), so the session's keepalive stops then: the session is Done, its lease expires its TTL later, and every lock or election made from it is lost \(vitessio/vitess#11794\); derive its ctx from one that lives as long as the session`
	if err != nil {
		return nil, err
	}
	return &elector{s: s, e: concurrency.NewElection(s, pfx)}, nil
}

// The fixed twin: the cancel is kept with the session, for its owner.
func newElectorFixed(cli *clientv3.Client, pfx string) (*elector, error) {
	ctx, cancel := context.WithCancel(context.Background())
	s, err := concurrency.NewSession(cli, concurrency.WithTTL(5), concurrency.WithContext(ctx))
	if err != nil {
		cancel()
		return nil, err
	}
	return &elector{s: s, e: concurrency.NewElection(s, pfx), cancel: cancel}, nil
}

// Only the Election made from the session leaves: it carries the session.
func newElection(cli *clientv3.Client, pfx string) (*concurrency.Election, error) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	s, err := concurrency.NewSession(cli, concurrency.WithContext(ctx)) // want `this NewSession is bound to a context that has a deadline \(context.WithTimeout at ct6.go:92\), while the session outlives the function \(returned at ct6.go:98\)`
	if err != nil {
		return nil, err
	}
	return concurrency.NewElection(s, pfx), nil
}

// The lease ID given to a goroutine that outlives the function, the ctx
// cancelled by a deferred closure.
func keepAliveWatched(cli *clientv3.Client, id clientv3.LeaseID, lost func(clientv3.LeaseID)) error {
	ctx, cancel := context.WithCancel(context.Background())
	defer func() { cancel() }()
	ch, err := cli.KeepAlive(ctx, id) // want `this KeepAlive is bound to a context that is cancelled when the function returns \(the cancel deferred at ct6.go:105\), while the KeepAlive channel or the lease ID outlives the function \(given to the goroutine at ct6.go:110\)`
	if err != nil {
		return err
	}
	go func() {
		for range ch {
		}
		lost(id)
	}()
	return nil
}

// A goroutine that only drains the channel while the function works: the
// keepalive is meant to end with the function.
func worker(cli *clientv3.Client, id clientv3.LeaseID, work func() error) error {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	ch, err := cli.KeepAlive(ctx, id)
	if err != nil {
		return err
	}
	go func() {
		for range ch {
		}
	}()
	return work()
}

// The function waits for the ctx itself: the keepalive ends when it is
// meant to.
func keepAliveUntilDone(ctx context.Context, cli *clientv3.Client, id clientv3.LeaseID, d time.Duration) error {
	ctx, cancel := context.WithTimeout(ctx, d)
	defer cancel()
	ch, err := cli.KeepAlive(ctx, id)
	if err != nil {
		return err
	}
	go func() {
		for range ch {
		}
	}()
	<-ctx.Done()
	return nil
}

// The function reads the channel until it closes.
func keepAliveRead(ctx context.Context, cli *clientv3.Client, id clientv3.LeaseID) error {
	ctx, cancel := context.WithTimeout(ctx, time.Minute)
	defer cancel()
	ch, err := cli.KeepAlive(ctx, id)
	if err != nil {
		return err
	}
	for resp := range ch {
		_ = resp.TTL
	}
	return nil
}

// The session waited on before the function returns.
func sessionWaited(cli *clientv3.Client) error {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	s, err := concurrency.NewSession(cli, concurrency.WithContext(ctx))
	if err != nil {
		return err
	}
	go use(s)
	<-s.Done()
	return nil
}

func use(*concurrency.Session) {}

// A ctx the caller gave: its provenance is unknown.
func param(ctx context.Context, cli *clientv3.Client, id clientv3.LeaseID) (<-chan *clientv3.LeaseKeepAliveResponse, error) {
	return cli.KeepAlive(ctx, id)
}

// Background, WithoutCancel and client.Ctx() never end.
func neverEnding(cli *clientv3.Client, ctx context.Context) (*concurrency.Session, <-chan *clientv3.LeaseKeepAliveResponse, error) {
	s, err := concurrency.NewSession(cli, concurrency.WithContext(context.WithoutCancel(ctx)))
	if err != nil {
		return nil, nil, err
	}
	ch, err := cli.KeepAlive(cli.Ctx(), 1)
	return s, ch, err
}

// Nothing leaves the function: the keepalive is meant to end with it.
func local(cli *clientv3.Client, id clientv3.LeaseID, work func()) error {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	ch, err := cli.KeepAlive(ctx, id)
	if err != nil {
		return err
	}
	work()
	<-ch
	return nil
}

// The cancel returned with the session: its owner ends it later.
func sessionWithCancel(cli *clientv3.Client) (*concurrency.Session, context.CancelFunc, error) {
	ctx, cancel := context.WithCancel(context.Background())
	s, err := concurrency.NewSession(cli, concurrency.WithContext(ctx))
	if err != nil {
		cancel()
		return nil, nil, err
	}
	return s, cancel, nil
}

// The session closed by the function itself, used by a goroutine it
// joins: nothing outlives it.
func sessionJoined(cli *clientv3.Client, work func(*concurrency.Session)) error {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	s, err := concurrency.NewSession(cli, concurrency.WithContext(ctx))
	if err != nil {
		return err
	}
	defer s.Close()
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		work(s)
	}()
	wg.Wait()
	return nil
}

// A goroutine given the session, joined before the return.
func sessionJoinedOnly(cli *clientv3.Client, work func(*concurrency.Session)) error {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	s, err := concurrency.NewSession(cli, concurrency.WithContext(ctx))
	if err != nil {
		return err
	}
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		work(s)
	}()
	wg.Wait()
	return nil
}

// The lease revoked by the function itself.
func (r *registrar) revoked(ctx context.Context, work func() error) error {
	ctx, cancel := context.WithTimeout(ctx, time.Minute)
	defer cancel()
	resp, err := r.cli.Grant(ctx, 10)
	if err != nil {
		return err
	}
	ch, err := r.cli.KeepAlive(ctx, resp.ID)
	if err != nil {
		return err
	}
	r.ch = ch
	defer r.cli.Revoke(context.Background(), resp.ID)
	return work()
}
