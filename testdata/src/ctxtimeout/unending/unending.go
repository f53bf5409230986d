// Package unending holds CT2: Lock and Campaign given a context that
// nothing can end while they wait, next to the contexts that can be ended
// (or whose ending is not this function's business).
package unending

import (
	"context"
	"os"
	"os/signal"
	"time"

	clientv3 "go.etcd.io/etcd/client/v3"
	"go.etcd.io/etcd/client/v3/concurrency"
)

type key struct{}

func background(m *concurrency.Mutex) error {
	return m.Lock(context.Background()) // want `this Lock waits on a context nothing can end \(context.Background\(\) at unending.go:19\), so it blocks forever while another session holds the lock \(etcd-io/etcd#6631\); give it a deadline with context.WithTimeout`
}

func backgroundFixed(m *concurrency.Mutex) error {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	return m.Lock(ctx)
}

func todo(e *concurrency.Election) error {
	return e.Campaign(context.TODO(), "me") // want `this Campaign waits on a context nothing can end \(context.TODO\(\) at unending.go:29\), so it blocks forever while another candidate is the leader`
}

func todoFixed(e *concurrency.Election) error {
	ctx, cancel := context.WithTimeout(context.TODO(), 5*time.Second)
	defer cancel()
	return e.Campaign(ctx, "me")
}

// WithoutCancel drops the caller's cancellation and deadline.
func withoutCancel(ctx context.Context, m *concurrency.Mutex) error {
	return m.Lock(context.WithoutCancel(ctx)) // want `context.WithoutCancel\(...\) at unending.go:40`
}

func withoutCancelFixed(ctx context.Context, m *concurrency.Mutex) error {
	return m.Lock(ctx)
}

// Through a local variable and WithValue.
func withValue(m *concurrency.Mutex) error {
	ctx := context.Background()
	vctx := context.WithValue(ctx, key{}, "v")
	return m.Lock(vctx) // want `context.Background\(\) at unending.go:49`
}

// A WithCancel whose cancel func only runs once Lock has returned.
func deferredCancel(m *concurrency.Mutex) error {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	return m.Lock(ctx) // want `context.Background\(\) at unending.go:56, through context.WithCancel at unending.go:56 whose cancel func runs only after Lock returns`
}

func cancelAfter(m *concurrency.Mutex) error {
	ctx, cancel := context.WithCancel(context.Background())
	err := m.Lock(ctx) // want `through context.WithCancel at unending.go:62`
	cancel()
	return err
}

func cancelInDeferredClosure(m *concurrency.Mutex) error {
	ctx, cancel := context.WithCancel(context.Background())
	defer func() { cancel() }()
	return m.Lock(ctx) // want `through context.WithCancel at unending.go:69`
}

// Reassigned on both branches: every path is unending.
func reassigned(m *concurrency.Mutex, tagged bool) error {
	ctx := context.Background()
	if tagged {
		ctx = context.WithValue(ctx, key{}, "t")
	}
	return m.Lock(ctx) // want `context.Background\(\) at unending.go:76`
}

// Captured by a closure.
func captured(m *concurrency.Mutex) error {
	ctx := context.TODO()
	var err error
	func() {
		err = m.Lock(ctx) // want `context.TODO\(\) at unending.go:85`
	}()
	return err
}

// Silent: the caller decides.
func param(ctx context.Context, m *concurrency.Mutex) error {
	return m.Lock(ctx)
}

// Silent: derived from the caller's context.
func paramValue(ctx context.Context, m *concurrency.Mutex) error {
	return m.Lock(context.WithValue(ctx, key{}, "v"))
}

// Silent: the cancel func escapes to a goroutine, which may end the wait.
func cancelGoroutine(m *concurrency.Mutex, stop <-chan struct{}) error {
	ctx, cancel := context.WithCancel(context.Background())
	go func() {
		<-stop
		cancel()
	}()
	return m.Lock(ctx)
}

// Silent: a signal ends the wait.
func signalHandler(m *concurrency.Mutex) error {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	return m.Lock(ctx)
}

// Silent: the cancel func is stored for someone else to call.
type worker struct {
	cancel context.CancelFunc
}

func (w *worker) lock(m *concurrency.Mutex) error {
	ctx, cancel := context.WithCancel(context.Background())
	w.cancel = cancel
	return m.Lock(ctx)
}

// Silent: the cancel func goes to a callee.
func cancelCallee(m *concurrency.Mutex, register func(context.CancelFunc)) error {
	ctx, cancel := context.WithCancel(context.Background())
	register(cancel)
	return m.Lock(ctx)
}

// Silent: cancelled before the wait, Lock returns at once.
func cancelledBefore(m *concurrency.Mutex) error {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	return m.Lock(ctx)
}

// Silent: the client's and the session's contexts end with them.
func clientCtx(cli *clientv3.Client, s *concurrency.Session, m *concurrency.Mutex) error {
	if err := m.Lock(cli.Ctx()); err != nil {
		return err
	}
	return m.Lock(s.Ctx())
}

// Silent: a deadline on one path only is a choice (a configurable timeout).
func optionalTimeout(m *concurrency.Mutex, d time.Duration) error {
	ctx := context.Background()
	if d > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, d)
		defer cancel()
	}
	return m.Lock(ctx)
}

// Silent: TryLock does not wait for the holder.
func tryLock(m *concurrency.Mutex) error {
	return m.TryLock(context.Background())
}
