package fileignore

//etcdlint:file-ignore sessionclose nothing here leaks any more // want `unused etcdlint:file-ignore directive: sessionclose reports nothing in this file`

// want +1 `etcdlint:file-ignore directive has no reason, so it silences nothing: want //etcdlint:file-ignore`
//etcdlint:file-ignore SC1

import (
	clientv3 "go.etcd.io/etcd/client/v3"
	"go.etcd.io/etcd/client/v3/concurrency"
)

func closed(cli *clientv3.Client) {
	s, err := concurrency.NewSession(cli)
	if err != nil {
		return
	}
	defer s.Close()
}
