// Package errgroup is a STUB of golang.org/x/sync/errgroup for etcdlint's
// analysistest fixtures.
package errgroup

import "context"

type Group struct{ cancel func() }

func WithContext(ctx context.Context) (*Group, context.Context) {
	ctx, cancel := context.WithCancel(ctx)
	return &Group{cancel: cancel}, ctx
}
func (g *Group) Go(f func() error) {}
func (g *Group) Wait() error       { return nil }
