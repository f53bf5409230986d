// Package max holds CT5, run with the analyzer's max flag at 5s: a
// constant timeout above it on the context of a Lock or Campaign.
package max

import (
	"context"
	"time"

	"go.etcd.io/etcd/client/v3/concurrency"
)

const lockTimeout = time.Hour

func long(m *concurrency.Mutex) error {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	return m.Lock(ctx) // want `this Lock may wait 1m0s \(context.WithTimeout at max.go:15\), longer than the 5s allowed by -ctxtimeout.max, so a holder that hangs stalls it that long; use a shorter timeout`
}

func longFixed(m *concurrency.Mutex) error {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	return m.Lock(ctx)
}

func namedConst(e *concurrency.Election) error {
	ctx, cancel := context.WithTimeout(context.Background(), lockTimeout)
	defer cancel()
	return e.Campaign(ctx, "me") // want `this Campaign may wait 1h0m0s`
}

func deadline(m *concurrency.Mutex) error {
	ctx, cancel := context.WithDeadline(context.Background(), time.Now().Add(10*time.Second))
	defer cancel()
	return m.Lock(ctx) // want `this Lock may wait 10s \(context.WithDeadline at max.go:33\)`
}

// WithoutCancel drops the parent's shorter deadline.
func withoutCancel(parent context.Context, m *concurrency.Mutex) error {
	short, cancel := context.WithTimeout(parent, time.Second)
	defer cancel()
	ctx, cancel2 := context.WithTimeout(context.WithoutCancel(short), time.Minute)
	defer cancel2()
	return m.Lock(ctx) // want `this Lock may wait 1m0s`
}

// Silent: a shorter deadline further up wins.
func nested(m *concurrency.Mutex) error {
	short, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	ctx, cancel2 := context.WithTimeout(short, time.Minute)
	defer cancel2()
	return m.Lock(ctx)
}

// Silent: not a constant.
func configured(m *concurrency.Mutex, d time.Duration) error {
	ctx, cancel := context.WithTimeout(context.Background(), d)
	defer cancel()
	return m.Lock(ctx)
}

// Silent: exactly the maximum.
func atMax(m *concurrency.Mutex) error {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	return m.Lock(ctx)
}
