// Package ctxdone: leadership held until the session's context is done.
package ctxdone

import (
	"context"
	"errors"

	"go.etcd.io/etcd/client/v3/concurrency"
)

var errLost = errors.New("lost leadership")

// Lead until the session ends. <-s.Done() here is accepted; <-s.Ctx().Done()
// (a release for SC1 per SPEC) is not.
func Lead(ctx context.Context, s *concurrency.Session) error {
	e := concurrency.NewElection(s, "/e")
	if err := e.Campaign(ctx, "me"); err != nil {
		return err
	}
	<-s.Ctx().Done()
	return errLost
}
