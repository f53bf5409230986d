// Package deferloop covers sessions whose Close is deferred inside a loop:
// the defer runs when the function returns, so every iteration's session,
// its keepalive goroutines and its lease stay until then.
package deferloop

import (
	clientv3 "go.etcd.io/etcd/client/v3"
	"go.etcd.io/etcd/client/v3/concurrency"
)

func run(*concurrency.Session, string) error { return nil }

func next() (string, bool) { return "", true }

// A range over a channel of tasks: it runs as long as tasks come.
func perTask(cli *clientv3.Client, tasks <-chan string) error {
	for t := range tasks {
		s, err := concurrency.NewSession(cli) // want `session from concurrency.NewSession leaks: its Close is deferred at deferloop.go:22, which waits for the function to return, and the loop creates the next session first, so every iteration's session stays open: its keepalive goroutines refresh the lease for as long as the client lives and keys bound to it \(locks\) stay; move the loop body into a function, or close the session at the end of the iteration`
		if err != nil {
			return err
		}
		defer s.Close()
		if err := run(s, t); err != nil {
			return err
		}
	}
	return nil
}

// A loop that ends by itself (a count, a slice of keys) may take one
// session per lock to hold them all for the code after it: silent.
func counted(cli *clientv3.Client, n int) error {
	for i := 0; i < n; i++ {
		s, err := concurrency.NewSession(cli)
		if err != nil {
			return err
		}
		defer func() { s.Close() }()
		if err := run(s, "k"); err != nil {
			return err
		}
	}
	return nil
}

// A loop without a condition, left by a return.
func forever(cli *clientv3.Client) error {
	for {
		t, ok := next()
		if !ok {
			return nil
		}
		s, err := concurrency.NewSession(cli) // want `its Close is deferred at deferloop.go:57, which waits for the function to return`
		if err != nil {
			return err
		}
		defer s.Close()
		run(s, t)
	}
}

// The fix: the loop body in a function of its own, called per iteration.
func perTaskFunc(cli *clientv3.Client, tasks []string) error {
	for _, t := range tasks {
		if err := func() error {
			s, err := concurrency.NewSession(cli)
			if err != nil {
				return err
			}
			defer s.Close()
			return run(s, t)
		}(); err != nil {
			return err
		}
	}
	return nil
}

// The other fix: closed at the end of the iteration.
func perTaskClosed(cli *clientv3.Client, tasks []string) error {
	for _, t := range tasks {
		s, err := concurrency.NewSession(cli)
		if err != nil {
			return err
		}
		err = run(s, t)
		s.Close()
		if err != nil {
			return err
		}
	}
	return nil
}

// A loop that stops after the first iteration that got a session: only
// one is ever held.
func retry(cli *clientv3.Client) error {
	for i := 0; i < 3; i++ {
		s, err := concurrency.NewSession(cli)
		if err != nil {
			continue
		}
		defer s.Close()
		return run(s, "k")
	}
	return nil
}

func firstOnly(cli *clientv3.Client, tasks []string) error {
	for _, t := range tasks {
		s, err := concurrency.NewSession(cli)
		if err != nil {
			return err
		}
		defer s.Close()
		run(s, t)
		break
	}
	return nil
}

// The session made before the loop, its Close deferred there: one session
// for all the iterations.
func outside(cli *clientv3.Client, tasks []string) error {
	s, err := concurrency.NewSession(cli)
	if err != nil {
		return err
	}
	defer s.Close()
	for _, t := range tasks {
		if err := run(s, t); err != nil {
			return err
		}
	}
	return nil
}

// Deferred and handed on: whoever gets it owns it too.
func collected(cli *clientv3.Client, tasks []string) []*concurrency.Session {
	var out []*concurrency.Session
	for range tasks {
		s, err := concurrency.NewSession(cli)
		if err != nil {
			return out
		}
		defer s.Close()
		out = append(out, s)
	}
	return out
}

// One session per lock, all held for the work after the loop.
func lockAll(cli *clientv3.Client, keys []string) error {
	for _, k := range keys {
		s, err := concurrency.NewSession(cli)
		if err != nil {
			return err
		}
		defer s.Close()
		if err := run(s, k); err != nil {
			return err
		}
	}
	return run(nil, "all")
}
