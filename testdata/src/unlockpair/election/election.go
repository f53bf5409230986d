// Package election covers (*concurrency.Election).Campaign (UP4).
package election

import (
	"context"
	"errors"
	"log"

	"go.etcd.io/etcd/client/v3/concurrency"
)

var errStale = errors.New("stale")

func lead(context.Context) error { return nil }

func campaign(ctx context.Context, s *concurrency.Session) error {
	e := concurrency.NewElection(s, "/leader/")
	if err := e.Campaign(ctx, "me"); err != nil { // want `the leadership won by e.Campaign is not released: the function returns at election.go:22 without resigning it, so the leader key stays and no other candidate wins until the session's lease ends; defer e.Resign with a fresh context after the error check`
		return err
	}
	if err := lead(ctx); err != nil {
		return err
	}
	return e.Resign(ctx)
}

func campaignFixed(ctx context.Context, s *concurrency.Session) error {
	e := concurrency.NewElection(s, "/leader/")
	if err := e.Campaign(ctx, "me"); err != nil {
		return err
	}
	defer e.Resign(context.Background())
	return lead(ctx)
}

// Closing the session ends the leadership too.
func campaignClose(ctx context.Context, s *concurrency.Session) error {
	defer s.Close()
	e := concurrency.NewElection(s, "/leader/")
	if err := e.Campaign(ctx, "me"); err != nil {
		return err
	}
	return lead(ctx)
}

// Won and never given up: the process leads until it dies.
func leadForever(ctx context.Context, s *concurrency.Session) {
	e := concurrency.NewElection(s, "/leader/")
	if err := e.Campaign(ctx, "me"); err != nil { // want `the leadership won by e.Campaign is never released`
		log.Fatal(err)
	}
	for {
		lead(ctx)
	}
}

// Returned: the caller leads.
func won(ctx context.Context, s *concurrency.Session) (*concurrency.Election, error) {
	e := concurrency.NewElection(s, "/leader/")
	if err := e.Campaign(ctx, "me"); err != nil {
		return nil, err
	}
	return e, nil
}

// The leader key returned: whoever holds it can resign by deleting it.
func wonKey(ctx context.Context, s *concurrency.Session) (string, error) {
	e := concurrency.NewElection(s, "/leader/")
	if err := e.Campaign(ctx, "me"); err != nil {
		return "", err
	}
	return e.Key(), nil
}

type node struct {
	e *concurrency.Election
}

// The election of a struct: leading on return is the point.
func (n *node) Run(ctx context.Context) error {
	return n.e.Campaign(ctx, "me")
}

// But an error return leaves a leader nobody resigns.
func (n *node) RunChecked(ctx context.Context) error {
	if err := n.e.Campaign(ctx, "me"); err != nil { // want `the leadership won by n.e.Campaign is not released on an error path: the function returns an error at election.go:90 without resigning it`
		return err
	}
	if err := lead(ctx); err != nil {
		return errStale
	}
	return nil
}

// A deferred closure that resigns on failure only: its condition decides,
// and the analyzer stays silent.
func (n *node) RunGuarded(ctx context.Context) (err error) {
	if err = n.e.Campaign(ctx, "me"); err != nil {
		return err
	}
	defer func() {
		if err != nil {
			n.e.Resign(context.Background())
		}
	}()
	return lead(ctx)
}

// Resigned by a goroutine when leadership should end.
func resignLater(ctx context.Context, s *concurrency.Session, stop <-chan struct{}) error {
	e := concurrency.NewElection(s, "/leader/")
	if err := e.Campaign(ctx, "me"); err != nil {
		return err
	}
	go func() {
		<-stop
		e.Resign(context.Background())
	}()
	return nil
}
