// Package endpoints is a STUB of go.etcd.io/etcd/client/v3/naming/endpoints
// (etcd v3.5+ import path; older lines have no endpoints manager).
package endpoints

import (
	"context"

	clientv3 "go.etcd.io/etcd/client/v3"
)

type Endpoint struct {
	Addr     string
	Metadata any
}

type Operation uint8

const (
	Add Operation = iota
	Delete
)

type Update struct {
	Op       Operation
	Key      string
	Endpoint Endpoint
}

// WatchChannel is used to deliver notifications about endpoints updates.
type WatchChannel <-chan []*Update

type Key2EndpointMap map[string]Endpoint

type Manager interface {
	Update(ctx context.Context, updates []*UpdateWithOpts) error
	AddEndpoint(ctx context.Context, key string, endpoint Endpoint, opts ...clientv3.OpOption) error
	DeleteEndpoint(ctx context.Context, key string, opts ...clientv3.OpOption) error
	List(ctx context.Context) (Key2EndpointMap, error)
	// NewWatchChannel creates a channel that populates or endpoint updates.
	// Cancel the 'ctx' to close the watcher.
	NewWatchChannel(ctx context.Context) (WatchChannel, error)
}

type UpdateWithOpts struct {
	Update
	Opts []clientv3.OpOption
}

type endpointManager struct {
	client *clientv3.Client
	target string
}

func NewManager(client *clientv3.Client, target string) (Manager, error) {
	return &endpointManager{client: client, target: target}, nil
}

func (m *endpointManager) Update(ctx context.Context, updates []*UpdateWithOpts) error { return nil }

func (m *endpointManager) AddEndpoint(ctx context.Context, key string, endpoint Endpoint, opts ...clientv3.OpOption) error {
	return nil
}

func (m *endpointManager) DeleteEndpoint(ctx context.Context, key string, opts ...clientv3.OpOption) error {
	return nil
}

func (m *endpointManager) List(ctx context.Context) (Key2EndpointMap, error) { return nil, nil }

func (m *endpointManager) NewWatchChannel(ctx context.Context) (WatchChannel, error) {
	return make(chan []*Update), nil
}
