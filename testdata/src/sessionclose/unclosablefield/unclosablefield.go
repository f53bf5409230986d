// Package unclosablefield covers SC1's unclosable field (issue 17): a
// session kept in an unexported field of a type whose Unlock and Close
// release the mutex, and that no function of the package ever closes.
package unclosablefield

import (
	"context"
	"io"

	clientv3 "go.etcd.io/etcd/client/v3"
	"go.etcd.io/etcd/client/v3/concurrency"
)

type locker struct {
	session *concurrency.Session
	mu      *concurrency.Mutex
}

func newLocker(cli *clientv3.Client, key string) (*locker, error) {
	s, err := concurrency.NewSession(cli) // want `session from concurrency.NewSession can never be closed: it is stored in locker.session, which nothing in this package closes, orphans or hands on, so every successful call leaves a session whose keepalive goroutines`
	if err != nil {
		return nil, err
	}
	return &locker{session: s, mu: concurrency.NewMutex(s, key)}, nil
}

func (l *locker) Lock(ctx context.Context) error   { return l.mu.Lock(l.session.Ctx()) }
func (l *locker) Unlock(ctx context.Context) error { return l.mu.Unlock(ctx) }
func (l *locker) Close() error                     { return l.mu.Unlock(context.Background()) }

// Fixed: Close closes the session.
type lockerFixed struct {
	session *concurrency.Session
	mu      *concurrency.Mutex
}

func newLockerFixed(cli *clientv3.Client, key string) (*lockerFixed, error) {
	s, err := concurrency.NewSession(cli)
	if err != nil {
		return nil, err
	}
	return &lockerFixed{session: s, mu: concurrency.NewMutex(s, key)}, nil
}

func (l *lockerFixed) Unlock(ctx context.Context) error { return l.mu.Unlock(ctx) }
func (l *lockerFixed) Close() error {
	l.mu.Unlock(context.Background())
	return l.session.Close()
}

// Fixed another way: a helper of the package closes it, through a closure.
type lockerHelper struct {
	s  *concurrency.Session
	mu *concurrency.Mutex
}

func newLockerHelper(cli *clientv3.Client) (*lockerHelper, error) {
	s, err := concurrency.NewSession(cli)
	if err != nil {
		return nil, err
	}
	return &lockerHelper{s: s, mu: concurrency.NewMutex(s, "/l/")}, nil
}

func (l *lockerHelper) Close() error {
	done := func() error { return closeSession(l.s) }
	return done()
}

func closeSession(s *concurrency.Session) error { return s.Close() }

// Silent: an exported field, which the caller may close.
type Exported struct {
	Session *concurrency.Session
	mu      *concurrency.Mutex
}

func (e *Exported) Close() error { return e.mu.Unlock(context.Background()) }

func newExported(cli *clientv3.Client) (*Exported, error) {
	s, err := concurrency.NewSession(cli)
	if err != nil {
		return nil, err
	}
	return &Exported{Session: s, mu: concurrency.NewMutex(s, "/l/")}, nil
}

// Silent: the struct goes to code of another package, session inside.
type registered struct {
	s  *concurrency.Session
	mu *concurrency.Mutex
}

func (r *registered) Unlock(ctx context.Context) error { return r.mu.Unlock(ctx) }

func newRegistered(cli *clientv3.Client, register func(*registered)) error {
	s, err := concurrency.NewSession(cli)
	if err != nil {
		return err
	}
	r := &registered{s: s, mu: concurrency.NewMutex(s, "/l/")}
	register(r)
	return nil
}

// Silent: closed through an interface.
type closer struct {
	s  *concurrency.Session
	mu *concurrency.Mutex
}

func newCloser(cli *clientv3.Client) (*closer, error) {
	s, err := concurrency.NewSession(cli)
	if err != nil {
		return nil, err
	}
	return &closer{s: s}, nil
}

func (c *closer) Close() error {
	var x io.Closer = c.s
	return x.Close()
}

// Silent: a type without a release method, kept for the life of the
// process.
type singleton struct {
	s *concurrency.Session
}

func (g *singleton) init(cli *clientv3.Client) error {
	s, err := concurrency.NewSession(cli)
	if err != nil {
		return err
	}
	g.s = s
	return nil
}

func (g *singleton) mutex(key string) *concurrency.Mutex { return concurrency.NewMutex(g.s, key) }

// Silent: closed after it is stored, on the path that stores it.
type closedHere struct {
	s  *concurrency.Session
	mu *concurrency.Mutex
}

func (c *closedHere) Unlock(ctx context.Context) error { return c.mu.Unlock(ctx) }

func (c *closedHere) run(cli *clientv3.Client, work func() error) error {
	s, err := concurrency.NewSession(cli)
	if err != nil {
		return err
	}
	c.s = s
	c.mu = concurrency.NewMutex(s, "/l/")
	err = work()
	s.Close()
	return err
}
