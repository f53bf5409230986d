package r05

import (
	"log"
	"time"

	clientv3 "go.etcd.io/etcd/client/v3"
	"go.etcd.io/etcd/client/v3/concurrency"
)

func A(cli *clientv3.Client) (err error) {
	defer func() {
		if err != nil {
			log.Println("failed:", err)
		}
	}()
	start := time.Now()
	s, err := concurrency.NewSession(cli)
	if time.Since(start) > time.Second {
		log.Println("slow")
	}
	if err != nil {
		return err
	}
	defer s.Close()
	return nil
}
