package r09

import (
	"context"
	"log"
	"time"

	"go.etcd.io/etcd/client/v3/concurrency"
)

type Leader struct {
	s *concurrency.Session
	e *concurrency.Election
}

func (l *Leader) Run(ctx context.Context) {
	for {
		if err := l.e.Campaign(ctx, "me"); err != nil {
			if ctx.Err() != nil {
				return
			}
			time.Sleep(time.Second)
			continue
		}
		select {
		case <-l.s.Done():
			log.Println("session expired, leadership lost; campaigning again")
		case <-ctx.Done():
			return
		}
	}
}

func LockKeys(ctx context.Context, s *concurrency.Session, keys []string) (func(), error) {
	var locked []*concurrency.Mutex
	unlock := func() {
		for _, m := range locked {
			m.Unlock(context.Background())
		}
	}
	for _, k := range keys {
		m := concurrency.NewMutex(s, k)
		if err := m.Lock(ctx); err != nil {
			unlock()
			return nil, err
		}
		locked = append(locked, m)
	}
	return unlock, nil
}
