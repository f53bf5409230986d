// Package service: a registration and leader-election service in the
// shape real users write it, correct throughout.
package service

import (
	"context"
	"errors"
	"log"
	"sync"
	"time"

	clientv3 "go.etcd.io/etcd/client/v3"
	"go.etcd.io/etcd/client/v3/concurrency"
)

type Option func(*Service)

func WithTTL(ttl int) Option { return func(s *Service) { s.ttl = ttl } }

type Service struct {
	cli    *clientv3.Client
	ttl    int
	sess   *concurrency.Session
	e      *concurrency.Election
	cancel context.CancelFunc
	wg     sync.WaitGroup
	mu     sync.Mutex
	leader string
}

func New(cli *clientv3.Client, opts ...Option) *Service {
	s := &Service{cli: cli, ttl: 10}
	for _, o := range opts {
		o(s)
	}
	return s
}

// Start campaigns in the background and follows the leader.
func (s *Service) Start(id string) error {
	sess, err := concurrency.NewSession(s.cli, concurrency.WithTTL(s.ttl))
	if err != nil {
		return err
	}
	ctx, cancel := context.WithCancel(context.Background())
	s.sess, s.e, s.cancel = sess, concurrency.NewElection(sess, "/svc/leader"), cancel
	s.wg.Add(2)
	go func() {
		defer s.wg.Done()
		for {
			err := s.e.Campaign(ctx, id)
			switch {
			case err == nil:
				<-sess.Done()
				return
			case errors.Is(err, context.Canceled):
				return
			default:
				log.Printf("campaign: %v", err)
				select {
				case <-time.After(time.Second):
				case <-ctx.Done():
					return
				}
			}
		}
	}()
	go func() {
		defer s.wg.Done()
		for resp := range s.e.Observe(ctx) {
			if len(resp.Kvs) == 0 {
				continue
			}
			s.mu.Lock()
			s.leader = string(resp.Kvs[0].Value)
			s.mu.Unlock()
		}
	}()
	return nil
}

// Stop resigns, stops the goroutines and closes the session.
func (s *Service) Stop() error {
	s.cancel()
	s.wg.Wait()
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	err := s.e.Resign(ctx)
	return errors.Join(err, s.sess.Close())
}

// Register puts key under a lease kept alive until ctx ends.
func Register(ctx context.Context, cli *clientv3.Client, key, val string, ttl int64) error {
	lease, err := cli.Grant(ctx, ttl)
	if err != nil {
		return err
	}
	if _, err := cli.Put(ctx, key, val, clientv3.WithLease(lease.ID)); err != nil {
		return err
	}
	kach, err := cli.KeepAlive(ctx, lease.ID)
	if err != nil {
		return err
	}
	go func() {
		for {
			select {
			case <-ctx.Done():
				return
			case ka, ok := <-kach:
				if !ok {
					log.Printf("keepalive ended for %s", key)
					return
				}
				_ = ka.TTL
			}
		}
	}()
	return nil
}

// WithLock runs fn holding the lock, with a session of its own.
func WithLock(ctx context.Context, cli *clientv3.Client, key string, fn func(context.Context) error) error {
	sess, err := concurrency.NewSession(cli, concurrency.WithContext(ctx))
	if err != nil {
		return err
	}
	defer sess.Close()
	m := concurrency.NewMutex(sess, key)
	if err := m.Lock(ctx); err != nil {
		return err
	}
	defer func() {
		if err := m.Unlock(context.Background()); err != nil {
			log.Printf("unlock %s: %v", key, err)
		}
	}()
	return fn(ctx)
}
