// Command mainpkg: main.main is not exempt from CT1's discarded cancel func
// (the fix is as cheap there as anywhere), but a path that returns from
// main ends the process, and a CLI that waits for a lock until the user
// interrupts it is a choice: CT2 and CT3 are silent in main.main.
package main

import (
	"context"
	"log"
	"time"

	clientv3 "go.etcd.io/etcd/client/v3"
	"go.etcd.io/etcd/client/v3/concurrency"
)

func main() {
	cli, err := clientv3.New(clientv3.Config{Endpoints: []string{"127.0.0.1:2379"}})
	if err != nil {
		log.Fatal(err)
	}
	defer cli.Close()
	s, err := concurrency.NewSession(cli)
	if err != nil {
		log.Fatal(err)
	}
	defer s.Close()

	ctx, _ := context.WithTimeout(context.Background(), 5*time.Second) // want `the cancel func of context.WithTimeout is discarded`
	if _, err := cli.Get(ctx, "k"); err != nil {
		log.Print(err)
	}

	// A path leak in main.main: the process ends when main returns.
	pctx, pcancel := context.WithTimeout(context.Background(), 5*time.Second)
	cleanup := func() { pcancel() }
	if _, err := cli.Get(pctx, "k"); err != nil {
		return
	}
	cleanup()

	m := concurrency.NewMutex(s, "/lock/")
	if err := m.Lock(context.Background()); err != nil {
		log.Fatal(err)
	}
	defer m.Unlock(context.Background())

	l := concurrency.NewLocker(s, "/locker/")
	l.Lock()
	defer l.Unlock()

	go func() {
		e := concurrency.NewElection(s, "/election/")
		if err := e.Campaign(context.TODO(), "me"); err != nil {
			log.Print(err)
		}
	}()
}

// Outside main.main, the same calls are reported.
func run(s *concurrency.Session) error {
	m := concurrency.NewMutex(s, "/lock/")
	if err := m.Lock(context.Background()); err != nil { // want `this Lock waits on a context nothing can end`
		return err
	}
	defer m.Unlock(context.Background())
	l := concurrency.NewLocker(s, "/locker/") // want `concurrency.NewLocker's Lock\(\) waits on the client's context`
	l.Lock()
	defer l.Unlock()
	return nil
}
