// Package ctxtimeout defines an Analyzer that reports contexts given to the
// etcd client whose cancel func is lost, and locks and elections that wait
// on, or release with, the wrong context.
//
// # Analyzer ctxtimeout
//
// ctxtimeout: report lost cancel funcs of contexts used with etcd, Lock/Campaign/Unlock/Resign given the wrong context, and keepalives or sessions bound to a context that ends
//
// CT1: the cancel func of context.WithTimeout, WithDeadline or WithCancel
// (or their Cause forms) is discarded with _, or is not called on some
// path to a return, while the context, or one derived from it, goes to an
// etcd call. The context's timer and its entry in the parent context live
// until the deadline, once per call, so a hot path accumulates them. The
// diagnostic names the etcd call and the return that leaks. Calling the
// cancel func directly or in a defer, or in a closure that is called or
// deferred, releases it; storing, returning or handing it to a goroutine
// or another package's function (time.AfterFunc) hands it on and silences
// the report. A cancel func stored by a goroutine in a variable that
// only that goroutine still uses (a watch retried with a fresh context) is
// tracked in the goroutine as a local one is. A cancel deferred inside a
// loop waits for the function to return, so a loop that makes the next
// context first is reported. A WithCancel of a parent that has no Done channel
// (context.Background) retains nothing and is not reported. A suggested
// fix names a discarded cancel func cancel and adds defer cancel() on the
// next line.
//
// go vet's lostcancel reports cancel funcs discarded with _ and those not
// used on all paths, whatever the context is for. CT1 does not repeat
// lostcancel's path findings: it reports a missed cancel only where
// lostcancel, run on the same function, would not (a cancel func named on
// every path but called on only some, one returned by a same-package
// helper, a loop that never returns). The cancel func of a context.With*
// call discarded with _ is reported by both, on the same line;
// golangci-lint keeps one finding per line (issues.uniq-by-line, on by
// default), and only CT1 offers the fix.
//
// CT2: (*Mutex).Lock or (*Election).Campaign given a context that nothing
// can end while it waits: context.Background(), context.TODO(),
// context.WithoutCancel(ctx), one derived from those by WithValue, or by
// WithCancel whose cancel func only the waiting goroutine calls (directly
// or deferred), i.e. never while the call blocks. It waits forever while
// another session holds the lock (etcd-io/etcd#6631). A context that is a
// parameter, client.Ctx(), session.Ctx(), a WithCancel context whose cancel
// func escapes (to a goroutine, a signal handler, a field, a callee), and
// anything inside main.main are not reported.
//
// CT3: concurrency.NewLocker outside main.main. The Locker's Lock() waits on
// the client's context, which has no deadline, and panics on any error.
//
// CT4: Unlock or Resign given the very context (or one derived from it)
// that had a deadline (WithTimeout, WithDeadline) and was given to the
// Lock or Campaign of the same mutex or election. Once the critical
// section outlives the deadline, Unlock fails with context deadline
// exceeded and the key stays until the session's lease ends (talos#8683,
// etcd-io/etcd#22123). A fresh context, including one built on
// context.WithoutCancel(ctx), is not reported.
//
// CT5 (off by default): with -ctxtimeout.max=5s, a constant timeout above
// 5s on the context of a Lock or Campaign.
//
// CT6: KeepAlive(ctx, id), or concurrency.NewSession given
// concurrency.WithContext(ctx), where ctx ends before what it keeps alive
// is done: it has a deadline in its ancestry, or its cancel func is
// deferred on every path to the call, while the KeepAlive channel, the
// lease ID or the session leaves the function (returned, stored, sent,
// given to a goroutine). The keepalive stops at the deadline or the
// return, the lease expires TTL later and its keys vanish; the session is
// Done and its locks are lost. Background, WithoutCancel, client.Ctx(), a
// ctx parameter, a function that waits for the ctx (or reads the channel
// until it closes), closes the session or revokes the lease itself, or
// joins the goroutines it gives them to, a goroutine that only drains the
// channel, and a cancel func kept beside the session stay silent.
//
// Bad:
//
//	ctx, _ := context.WithTimeout(parent, 5*time.Second)
//	resp, err := cli.Get(ctx, key)
//
//	if err := m.Lock(context.Background()); err != nil {
//
//	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
//	defer cancel()
//	if err := m.Lock(ctx); err != nil {
//		return err
//	}
//	defer m.Unlock(ctx)
//
// Good:
//
//	ctx, cancel := context.WithTimeout(parent, 5*time.Second)
//	defer cancel()
//	resp, err := cli.Get(ctx, key)
//
//	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
//	defer cancel()
//	if err := m.Lock(ctx); err != nil {
//		return err
//	}
//	defer func() {
//		uctx, ucancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
//		defer ucancel()
//		m.Unlock(uctx)
//	}()
//
// Every rule, with its examples and how it was proven at run time, is at
// https://github.com/etcdlint/etcdlint/blob/main/docs/ctxtimeout.md
package ctxtimeout
