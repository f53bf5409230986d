// Package leaseorphan defines an Analyzer that reports etcd leases and
// lease keepalives that nothing looks after.
//
// # Analyzer leaseorphan
//
// leaseorphan: report KeepAlive channels nobody reads, keepalives restarted in a loop, granted leases nobody uses, and kept-alive leases leaked on an error return
//
// Lease.KeepAlive renews a lease until its context ends, the lease is
// revoked or the client closes, and sends every renewal on the channel it
// returns. The channel holds 16 responses: once it is full, the client logs
// "lease keepalive response queue is full; dropping response send" on every
// renewal, and the program, which does not read the channel, never learns
// when the keepalive stops and the keys bound to the lease vanish.
//
// The analyzer reports four mistakes, at the KeepAlive or Grant call. Calls
// are recognised on *clientv3.Client, on clientv3.Lease, and on any
// interface or type whose KeepAlive or Grant method returns the client's
// lease response types, such as a project's own wrapper interface.
//
// LO1: the channel from KeepAlive is discarded with _, or no path receives
// from it: it is not ranged over, received from (also in a select),
// returned, stored, sent, or passed to a goroutine or a function.
//
// Bad:
//
//	ch, err := cli.KeepAlive(ctx, resp.ID)
//	if err != nil {
//		return err
//	}
//	_ = ch
//
// Good:
//
//	ch, err := cli.KeepAlive(ctx, resp.ID)
//	if err != nil {
//		return err
//	}
//	go func() {
//		for range ch {
//		}
//		log.Print("lease keepalive stopped")
//	}()
//
// LO2: KeepAlive runs again on the same lease in a loop (the lease ID is
// the same on every iteration) while the previous keepalive still runs:
// the iteration neither cancels the context given to KeepAlive, nor revokes
// the lease, nor closes the client, nor waits for the channel to close
// (a range over it, a receive that reads ok or checks for nil). Each
// iteration adds a channel, and for a cancellable context a goroutine,
// that lives as long as the lease (etcd-io/etcd#11487). An endless loop
// (for {}) that grants a new lease on each iteration and keeps it alive
// the same way is reported too: the leases pile up, each kept alive
// forever. A context with a deadline ends the keepalive by itself, and a
// loop over a slice that keeps one lease per element alive is left alone.
//
// Bad:
//
//	for {
//		ch, err := cli.KeepAlive(context.TODO(), id)
//		if err != nil {
//			return err
//		}
//		<-ch
//		time.Sleep(time.Second)
//	}
//
// Good:
//
//	for {
//		if _, err := cli.KeepAliveOnce(ctx, id); err != nil {
//			return err
//		}
//		time.Sleep(time.Second)
//	}
//
// LO3: a lease from Grant whose ID is never used: not attached to a key
// (clientv3.WithLease), not given to a session (concurrency.WithLease), not
// kept alive, revoked, returned, stored or passed on. Reading only the
// response's TTL does not count. The lease sits on the server until its
// TTL runs out, and the key that was meant to carry it does not expire.
//
// Bad:
//
//	resp, err := cli.Grant(ctx, 10)
//	if err != nil {
//		return err
//	}
//	_, err = cli.Put(ctx, key, val)
//
// Good:
//
//	resp, err := cli.Grant(ctx, 10)
//	if err != nil {
//		return err
//	}
//	_, err = cli.Put(ctx, key, val, clientv3.WithLease(resp.ID))
//
// LO4: a lease granted in the function and kept alive by KeepAlive, then
// leaked on a return that reports an error: no Revoke, no cancel of the
// keepalive's ctx, no Close of the client or the Lease, and the lease ID,
// the response and that cancel func not handed on. With a ctx nothing
// cancels (Background, TODO, WithoutCancel, client.Ctx()) the lease and
// its keys live for as long as the client does. Success returns are
// silent: a registration means its lease to outlive the function.
//
// Bad:
//
//	ch, err := cli.KeepAlive(context.Background(), resp.ID)
//	if err != nil {
//		return err
//	}
//	go drain(ch)
//	if _, err := cli.Put(ctx, key, val, clientv3.WithLease(resp.ID)); err != nil {
//		return err
//	}
//
// Good:
//
//	if _, err := cli.Put(ctx, key, val, clientv3.WithLease(resp.ID)); err != nil {
//		cli.Revoke(context.Background(), resp.ID)
//		return err
//	}
//
// Every rule, with its examples and how it was proven at run time, is at
// https://github.com/etcdlint/etcdlint/blob/main/docs/leaseorphan.md
package leaseorphan
