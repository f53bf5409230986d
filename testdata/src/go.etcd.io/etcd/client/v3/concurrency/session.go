package concurrency

import (
	"context"

	v3 "go.etcd.io/etcd/client/v3"
)

const defaultSessionTTL = 60

// Session represents a lease kept alive for the lifetime of a client.
type Session struct {
	client *v3.Client
	opts   *sessionOptions
	id     v3.LeaseID

	ctx    context.Context
	cancel context.CancelFunc
	donec  <-chan struct{}
}

// NewSession gets the leased session for a client.
func NewSession(client *v3.Client, opts ...SessionOption) (*Session, error) {
	return nil, nil
}

// Client is the etcd client that is attached to the session.
func (s *Session) Client() *v3.Client { return s.client }

// Lease is the lease ID for keys bound to the session.
func (s *Session) Lease() v3.LeaseID { return s.id }

// Ctx is the context attached to the session, it is canceled when the lease
// is orphaned, expires, or is otherwise no longer being refreshed.
func (s *Session) Ctx() context.Context { return s.ctx }

// Done returns a channel that closes when the lease is orphaned, expires, or
// is otherwise no longer being refreshed.
func (s *Session) Done() <-chan struct{} { return s.donec }

// Orphan ends the refresh for the session lease.
func (s *Session) Orphan() {}

// Close orphans the session and revokes the session lease.
func (s *Session) Close() error { return nil }

type sessionOptions struct {
	ttl     int
	leaseID v3.LeaseID
	ctx     context.Context
}

// zapLogger stands in for zap.Logger.
type zapLogger struct{}

// SessionOption configures Session.
type SessionOption func(*sessionOptions, *zapLogger)

// WithTTL configures the session's TTL in seconds.
func WithTTL(ttl int) SessionOption {
	return func(so *sessionOptions, _ *zapLogger) { so.ttl = ttl }
}

// WithLease specifies the existing leaseID to be used for the session.
func WithLease(leaseID v3.LeaseID) SessionOption {
	return func(so *sessionOptions, _ *zapLogger) { so.leaseID = leaseID }
}

// WithContext assigns a context to the session instead of defaulting to
// using the client context.
func WithContext(ctx context.Context) SessionOption {
	return func(so *sessionOptions, _ *zapLogger) { so.ctx = ctx }
}
