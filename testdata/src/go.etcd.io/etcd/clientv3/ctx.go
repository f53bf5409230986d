package clientv3

import "context"

// WithRequireLeader requires client requests to only succeed when the
// cluster has a leader.
func WithRequireLeader(ctx context.Context) context.Context { return ctx }
