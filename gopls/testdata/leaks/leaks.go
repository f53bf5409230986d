// Package leaks has one finding of each etcdlint analyzer, for the gopls
// integration test. A "finding: RULE" comment marks each line gopls must
// report; the test reads the marks.
package leaks

import (
	"context"
	"time"

	clientv3 "go.etcd.io/etcd/client/v3"
	"go.etcd.io/etcd/client/v3/concurrency"
)

func PutWithSession(cli *clientv3.Client) error {
	s, err := concurrency.NewSession(cli) // finding: SC1
	if err != nil {
		return err
	}
	_, err = cli.Put(context.TODO(), "k", "v", clientv3.WithLease(s.Lease()))
	return err
}

func Locked(ctx context.Context, s *concurrency.Session, work func() error) error {
	m := concurrency.NewMutex(s, "/lock/")
	if err := m.Lock(ctx); err != nil { // finding: UP1
		return err
	}
	return work()
}

func Get(cli *clientv3.Client) error {
	ctx, _ := context.WithTimeout(context.Background(), time.Second) // finding: CT1
	_, err := cli.Get(ctx, "k")
	return err
}

func Register(ctx context.Context, cli *clientv3.Client) error {
	lease, err := cli.Grant(ctx, 10)
	if err != nil {
		return err
	}
	if _, err := cli.KeepAlive(ctx, lease.ID); err != nil { // finding: LO1
		return err
	}
	_, err = cli.Put(ctx, "/services/me", "addr", clientv3.WithLease(lease.ID))
	return err
}

func Ignored(cli *clientv3.Client) error {
	//etcdlint:ignore SC1 the test's suppressed finding
	s, err := concurrency.NewSession(cli)
	if err != nil {
		return err
	}
	_, err = cli.Put(context.TODO(), "k", "v", clientv3.WithLease(s.Lease()))
	return err
}

func FirstValue(cli *clientv3.Client, key string) []byte {
	wch := cli.Watch(context.Background(), key) // finding: WL1
	for wresp := range wch {
		for _, ev := range wresp.Events {
			return ev.Kv.Value
		}
	}
	return nil
}

func Probe(endpoints []string) error {
	cli, err := clientv3.New(clientv3.Config{Endpoints: endpoints}) // finding: CL1
	if err != nil {
		return err
	}
	_, err = cli.Get(context.TODO(), "health")
	return err
}
