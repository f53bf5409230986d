package clientv3

import (
	"context"
	"errors"
	"sync"
)

var (
	ErrNoAvailableEndpoints = errors.New("etcdclient: no available endpoints")
	ErrOldCluster           = errors.New("etcdclient: old cluster version")
	ErrMutuallyExclusiveCfg = errors.New("Username/Password and Token configurations are mutually exclusive")
)

// Client provides and manages an etcd v3 client session.
//
// As in the real client, it embeds the API interfaces: cli.Grant,
// cli.KeepAlive, cli.Put, ... are promoted interface methods.
type Client struct {
	Cluster
	KV
	Lease
	Watcher
	Auth
	Maintenance

	conn *grpcClientConn

	cfg Config

	epMu      *sync.RWMutex
	endpoints []string

	ctx    context.Context
	cancel context.CancelFunc

	// Username is a user name for authentication.
	Username string
	// Password is a password for authentication.
	Password string
	// Token is a JWT used for authentication instead of a password.
	Token string

	lg *zapLogger
}

// New creates a new etcdv3 client from a given configuration.
func New(cfg Config) (*Client, error) {
	if len(cfg.Endpoints) == 0 {
		return nil, ErrNoAvailableEndpoints
	}
	return newClient(&cfg)
}

func newClient(cfg *Config) (*Client, error) {
	ctx, cancel := context.WithCancel(context.Background())
	return &Client{cfg: *cfg, ctx: ctx, cancel: cancel, epMu: new(sync.RWMutex)}, nil
}

// NewCtxClient creates a client with a context but no underlying grpc
// connection.
func NewCtxClient(ctx context.Context, opts ...Option) *Client {
	cctx, cancel := context.WithCancel(ctx)
	c := &Client{ctx: cctx, cancel: cancel, epMu: new(sync.RWMutex)}
	for _, opt := range opts {
		opt(c)
	}
	return c
}

// Option is a function type that can be passed as argument to NewCtxClient
// to configure client.
type Option func(*Client)

// NewFromURL creates a new etcdv3 client from a URL.
func NewFromURL(url string) (*Client, error) {
	return New(Config{Endpoints: []string{url}})
}

// NewFromURLs creates a new etcdv3 client from URLs.
func NewFromURLs(urls []string) (*Client, error) {
	return New(Config{Endpoints: urls})
}

// WithZapLogger is a NewCtxClient option that overrides the logger.
func WithZapLogger(lg *zapLogger) Option {
	return func(c *Client) { c.lg = lg }
}

// WithLogger overrides the logger.
func (c *Client) WithLogger(lg *zapLogger) *Client {
	c.lg = lg
	return c
}

// GetLogger gets the logger.
func (c *Client) GetLogger() *zapLogger { return c.lg }

// Close shuts down the client's etcd connections.
func (c *Client) Close() error {
	c.cancel()
	return c.ctx.Err()
}

// Ctx is a context for "out of band" messages (e.g., for sending
// "clean up" message when another context is canceled). It is
// canceled on client Close().
func (c *Client) Ctx() context.Context { return c.ctx }

// Endpoints lists the registered endpoints for the client.
func (c *Client) Endpoints() []string { return nil }

// SetEndpoints updates client's endpoints.
func (c *Client) SetEndpoints(eps ...string) {}

// Sync synchronizes client's endpoints with the known endpoints from the
// etcd membership.
func (c *Client) Sync(ctx context.Context) error { return nil }

// Dial connects to a single endpoint using the client's config.
func (c *Client) Dial(ep string) (*grpcClientConn, error) { return nil, nil }

// ActiveConnection returns the current in-use connection.
func (c *Client) ActiveConnection() *grpcClientConn { return c.conn }

// ContextError converts the error into an EtcdError if the error message
// matches one of the defined messages; otherwise, it tries to retrieve the
// context error.
func ContextError(ctx context.Context, err error) error { return err }

// IsConnCanceled returns true, if error is from a closed gRPC connection.
func IsConnCanceled(err error) bool { return false }
