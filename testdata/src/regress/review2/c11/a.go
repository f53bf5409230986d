package c11

import (
	"context"
	"net/http"
	"os"
	"os/signal"
	"time"

	"golang.org/x/sync/errgroup"

	clientv3 "go.etcd.io/etcd/client/v3"
	"go.etcd.io/etcd/client/v3/concurrency"
)

var rootCtx, rootCancel = context.WithCancel(context.Background())

// OK: signal ctx ends the wait.
func Sig(s *concurrency.Session) error {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	e := concurrency.NewElection(s, "/e")
	if err := e.Campaign(ctx, "v"); err != nil {
		return err
	}
	defer e.Resign(context.Background())
	return nil
}

// OK: errgroup ctx.
func Group(s *concurrency.Session) error {
	g, ctx := errgroup.WithContext(context.Background())
	g.Go(func() error {
		m := concurrency.NewMutex(s, "/k")
		if err := m.Lock(ctx); err != nil {
			return err
		}
		return m.Unlock(context.Background())
	})
	g.Go(func() error { return nil })
	return g.Wait()
}

// OK: request ctx.
func Handler(s *concurrency.Session) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		m := concurrency.NewMutex(s, "/k")
		if err := m.Lock(r.Context()); err != nil {
			http.Error(w, err.Error(), 500)
			return
		}
		defer m.Unlock(context.Background())
	}
}

// OK: global root ctx.
func Global(s *concurrency.Session) error {
	m := concurrency.NewMutex(s, "/k")
	if err := m.Lock(rootCtx); err != nil {
		return err
	}
	return m.Unlock(context.Background())
}

// OK: cancel stored in map for other requests.
type Mgr struct {
	cancels map[string]context.CancelFunc
}

func (mg *Mgr) Acquire(s *concurrency.Session, id string) error {
	ctx, cancel := context.WithCancel(context.Background())
	mg.cancels[id] = cancel
	defer cancel()
	m := concurrency.NewMutex(s, "/k/"+id)
	if err := m.Lock(ctx); err != nil {
		return err
	}
	return m.Unlock(context.Background())
}

// OK: context.AfterFunc ties to another ctx.
func After(parent context.Context, s *concurrency.Session) error {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	stop := context.AfterFunc(parent, cancel)
	defer stop()
	m := concurrency.NewMutex(s, "/k")
	if err := m.Lock(ctx); err != nil {
		return err
	}
	return m.Unlock(context.Background())
}

// OK: WithCancelCause with cause passed to a watcher goroutine.
func Cause(s *concurrency.Session, cli *clientv3.Client) error {
	ctx, cancel := context.WithCancelCause(context.Background())
	defer cancel(nil)
	go watch(cli, cancel)
	m := concurrency.NewMutex(s, "/k")
	if err := m.Lock(ctx); err != nil {
		return err
	}
	return m.Unlock(context.Background())
}

func watch(cli *clientv3.Client, cancel context.CancelCauseFunc) {
	time.Sleep(time.Second)
	cancel(nil)
}

// OK: WithTimeout(WithoutCancel(ctx)) unlock
func Fresh(ctx context.Context, s *concurrency.Session) error {
	lctx, cancel := context.WithTimeout(ctx, time.Second)
	defer cancel()
	m := concurrency.NewMutex(s, "/k")
	if err := m.Lock(lctx); err != nil {
		return err
	}
	uctx, ucancel := context.WithTimeout(context.WithoutCancel(ctx), time.Second)
	defer ucancel()
	return m.Unlock(uctx)
}

// OK: session ctx derived with timeout
func SessCtx(s *concurrency.Session) error {
	ctx, cancel := context.WithCancel(s.Ctx())
	defer cancel()
	m := concurrency.NewMutex(s, "/k")
	if err := m.Lock(ctx); err != nil {
		return err
	}
	return m.Unlock(context.Background())
}

// OK: client ctx
func CliCtx(cli *clientv3.Client, s *concurrency.Session) error {
	m := concurrency.NewMutex(s, "/k")
	if err := m.Lock(cli.Ctx()); err != nil {
		return err
	}
	return m.Unlock(context.Background())
}

// OK: cancel stored in local struct passed to goroutine.
type job struct {
	cancel context.CancelFunc
}

func (j *job) watchdog() { time.Sleep(time.Second); j.cancel() }

func Watchdog(s *concurrency.Session) error {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	j := &job{cancel: cancel}
	go j.watchdog()
	m := concurrency.NewMutex(s, "/k")
	if err := m.Lock(ctx); err != nil {
		return err
	}
	return m.Unlock(context.Background())
}

// OK: cancel func sent on a channel to a supervisor.
func Chan(s *concurrency.Session, sup chan<- context.CancelFunc) error {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	sup <- cancel
	m := concurrency.NewMutex(s, "/k")
	if err := m.Lock(ctx); err != nil {
		return err
	}
	return m.Unlock(context.Background())
}
