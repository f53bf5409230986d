// Package factoryok: a same-package factory that reports failure with a
// bool, (nil, false), instead of an error.
package factoryok

import (
	"log"

	clientv3 "go.etcd.io/etcd/client/v3"
	"go.etcd.io/etcd/client/v3/concurrency"
)

// open reports failure with a bool instead of an error.
func open(cli *clientv3.Client) (*concurrency.Session, bool) {
	s, err := concurrency.NewSession(cli)
	if err != nil {
		log.Printf("session: %v", err)
		return nil, false
	}
	return s, true
}

func Use(cli *clientv3.Client) {
	s, ok := open(cli)
	if !ok {
		return // s is nil here: nothing to close
	}
	defer s.Close()
	log.Println(s.Lease())
}
