package c01

// Leader-election / struct ownership shapes.

import (
	"context"
	"log"
	"sync"
	"time"

	clientv3 "go.etcd.io/etcd/client/v3"
	"go.etcd.io/etcd/client/v3/concurrency"
)

type Leader struct {
	s      *concurrency.Session
	e      *concurrency.Election
	cancel context.CancelFunc
	once   sync.Once
	wg     sync.WaitGroup
}

// OK: never returns, but Stop resigns from another goroutine.
func (l *Leader) RunForever(ctx context.Context) {
	if err := l.e.Campaign(ctx, "me"); err != nil {
		return
	}
	for {
		log.Println("leading")
		time.Sleep(time.Second)
	}
}

func (l *Leader) Stop() {
	l.once.Do(func() {
		l.e.Resign(context.Background())
		l.s.Close()
	})
}

// OK: constructor, embedded-ish struct returned through a helper.
func NewLeader(cli *clientv3.Client, pfx string) (*Leader, error) {
	s, err := concurrency.NewSession(cli, concurrency.WithTTL(5))
	if err != nil {
		return nil, err
	}
	l := &Leader{}
	l.init(s, pfx)
	return l, nil
}

func (l *Leader) init(s *concurrency.Session, pfx string) {
	l.s = s
	l.e = concurrency.NewElection(s, pfx)
}

// OK: ownership handed to a value-receiver struct then returned by value.
type Handle struct {
	S *concurrency.Session
	M *concurrency.Mutex
}

func Open(ctx context.Context, cli *clientv3.Client) (Handle, error) {
	s, err := concurrency.NewSession(cli)
	if err != nil {
		return Handle{}, err
	}
	m := concurrency.NewMutex(s, "/x")
	if err := m.Lock(ctx); err != nil {
		s.Close()
		return Handle{}, err
	}
	return Handle{S: s, M: m}, nil
}

// OK: h returned from Open, closed via method on value.
func (h Handle) Close() {
	h.M.Unlock(context.Background())
	h.S.Close()
}

func UseOpen(ctx context.Context, cli *clientv3.Client) error {
	h, err := Open(ctx, cli)
	if err != nil {
		return err
	}
	defer h.Close()
	return nil
}

// OK: getter pass-through.
type box struct{ s *concurrency.Session }

func (b *box) get() *concurrency.Session { return b.s }

func Getter(cli *clientv3.Client) error {
	s, err := concurrency.NewSession(cli)
	if err != nil {
		return err
	}
	b := &box{s: s}
	defer b.get().Close()
	return nil
}

// OK: session closed via embedded struct promotion.
type embedded struct {
	*concurrency.Session
	name string
}

func Embedded(cli *clientv3.Client) error {
	s, err := concurrency.NewSession(cli)
	if err != nil {
		return err
	}
	w := embedded{Session: s, name: "x"}
	defer w.Close()
	return nil
}

// OK: embedded by value into a pointer struct.
func EmbeddedPtr(cli *clientv3.Client) error {
	s, err := concurrency.NewSession(cli)
	if err != nil {
		return err
	}
	w := &embedded{s, "x"}
	defer w.Close()
	return nil
}

// OK: a struct literal with two sessions; a Close method closes both.
type pair struct{ a, b *concurrency.Session }

func (p *pair) Close() { p.a.Close(); p.b.Close() }

func Pair(cli *clientv3.Client) error {
	a, err := concurrency.NewSession(cli)
	if err != nil {
		return err
	}
	b, err := concurrency.NewSession(cli)
	if err != nil {
		a.Close()
		return err
	}
	p := &pair{a: a, b: b}
	defer p.Close()
	return nil
}

// LEAK (miss check): pair closes only b; a leaks.
func (p *pair) closeB() { p.b.Close() }

func PairLeak(cli *clientv3.Client) error {
	a, err := concurrency.NewSession(cli)
	if err != nil {
		return err
	}
	b, err := concurrency.NewSession(cli)
	if err != nil {
		a.Close()
		return err
	}
	p := &pair{a: a, b: b}
	defer p.closeB()
	return nil
}
