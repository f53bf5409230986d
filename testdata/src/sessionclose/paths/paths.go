// Package paths covers control flow: error branches, switch, select,
// labeled break, goto, loops and named results.
package paths

import (
	"context"
	"errors"

	clientv3 "go.etcd.io/etcd/client/v3"
	"go.etcd.io/etcd/client/v3/concurrency"
)

var errStop = errors.New("stop")

func step(context.Context) error { return nil }

func switchLeak(cli *clientv3.Client, mode int) error {
	s, err := concurrency.NewSession(cli) // want `returns at paths.go:26 without closing it`
	if err != nil {
		return err
	}
	switch mode {
	case 1:
		s.Close()
	case 2:
		return errStop
	default:
		s.Orphan()
	}
	return nil
}

func switchFixed(cli *clientv3.Client, mode int) error {
	s, err := concurrency.NewSession(cli)
	if err != nil {
		return err
	}
	switch mode {
	case 1:
		s.Close()
	case 2:
		s.Close()
		return errStop
	default:
		s.Orphan()
	}
	return nil
}

func selectLeak(ctx context.Context, cli *clientv3.Client, stop <-chan struct{}) error {
	s, err := concurrency.NewSession(cli) // want `returns at paths.go:57 without closing it`
	if err != nil {
		return err
	}
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-stop:
	}
	return s.Close()
}

func selectFixed(ctx context.Context, cli *clientv3.Client, stop <-chan struct{}) error {
	s, err := concurrency.NewSession(cli)
	if err != nil {
		return err
	}
	defer s.Close()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-stop:
	}
	return nil
}

// Waiting for the session to end is a release: it has ended on that path.
func waitDone(cli *clientv3.Client) error {
	s, err := concurrency.NewSession(cli)
	if err != nil {
		return err
	}
	<-s.Done()
	return nil
}

func waitCtxDone(ctx context.Context, cli *clientv3.Client) error {
	s, err := concurrency.NewSession(cli)
	if err != nil {
		return err
	}
	select {
	case <-s.Ctx().Done():
		return nil
	}
}

func labeledBreak(cli *clientv3.Client, items []string) error {
	s, err := concurrency.NewSession(cli) // want `returns at paths.go:112 without closing it`
	if err != nil {
		return err
	}
	_ = s.Lease()
outer:
	for _, it := range items {
		for range it {
			if it == "stop" {
				break outer
			}
		}
	}
	return nil
}

func labeledBreakFixed(cli *clientv3.Client, items []string) error {
	s, err := concurrency.NewSession(cli)
	if err != nil {
		return err
	}
	defer s.Close()
outer:
	for _, it := range items {
		for range it {
			if it == "stop" {
				break outer
			}
		}
	}
	return nil
}

func gotoLeak(cli *clientv3.Client, n int) error {
	s, err := concurrency.NewSession(cli) // want `returns at paths.go:142 without closing it`
	if err != nil {
		return err
	}
	if n > 3 {
		goto out
	}
	s.Close()
out:
	return nil
}

// One session per iteration, none closed: each iteration loses the last.
func perIteration(cli *clientv3.Client, jobs []string) {
	for range jobs {
		s, err := concurrency.NewSession(cli) // want `the loop creates the next one without closing it`
		if err != nil {
			continue
		}
		_ = concurrency.NewMutex(s, "/jobs/")
	}
}

func perIterationFixed(cli *clientv3.Client, jobs []string) {
	for range jobs {
		s, err := concurrency.NewSession(cli)
		if err != nil {
			continue
		}
		_ = concurrency.NewMutex(s, "/jobs/")
		s.Close()
	}
}

// A session per iteration closed at the next one: the previous one is
// released before the acquire runs again.
func rotate(cli *clientv3.Client, jobs []string) {
	var prev *concurrency.Session
	for range jobs {
		if prev != nil {
			prev.Close()
		}
		s, err := concurrency.NewSession(cli)
		if err != nil {
			return
		}
		prev = s
	}
	if prev != nil {
		prev.Close()
	}
}

// Named results and a naked return.
func named(cli *clientv3.Client) (n int, err error) {
	s, err := concurrency.NewSession(cli) // want `returns at paths.go:193 without closing it`
	if err != nil {
		return
	}
	n = int(s.Lease())
	return
}

func namedFixed(cli *clientv3.Client) (n int, err error) {
	s, err := concurrency.NewSession(cli)
	if err != nil {
		return
	}
	defer s.Close()
	n = int(s.Lease())
	return
}

// errors.Is on the acquire's error is true only on the failed path.
func errorsIs(cli *clientv3.Client) error {
	s, err := concurrency.NewSession(cli)
	if errors.Is(err, context.Canceled) {
		return nil
	}
	if err != nil {
		return err
	}
	return s.Close()
}

// A session that is never checked for nil and never closed: implicit return.
func implicitReturn(cli *clientv3.Client) {
	s, _ := concurrency.NewSession(cli) // want `returns at paths.go:222 without closing it`
	_ = step(s.Ctx())
}

// A flag that guards the Close on the wrong branch does not close it.
func flagWrongWay(cli *clientv3.Client, need bool) error {
	opened := false
	var s *concurrency.Session
	if need {
		var err error
		s, err = concurrency.NewSession(cli) // want `returns at paths.go:239 without closing it`
		if err != nil {
			return err
		}
		opened = true
	}
	if !opened {
		s.Close()
	}
	return nil
}
