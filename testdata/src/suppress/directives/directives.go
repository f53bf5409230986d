// Package directives shows //etcdlint:ignore: where it applies, what it
// needs, and what is reported when it is wrong or stale. The tests run
// sessionclose wrapped together with a second analyzer, "other", that
// reports nothing and is not run itself.
package directives

import (
	"log"

	clientv3 "go.etcd.io/etcd/client/v3"
	"go.etcd.io/etcd/client/v3/concurrency"
)

// On its own line, a directive silences the finding on the next line.
func above(cli *clientv3.Client) {
	//etcdlint:ignore sessionclose the lease must outlive this call: a supervisor revokes it
	s, err := concurrency.NewSession(cli)
	if err != nil {
		return
	}
	log.Println(s.Lease())
}

// At the end of the reported line, it silences that line.
func trailing(cli *clientv3.Client) {
	s, err := concurrency.NewSession(cli) //etcdlint:ignore sessionclose revoked by the supervisor
	if err != nil {
		return
	}
	log.Println(s.Lease())
}

// One directive may name several analyzers.
func several(cli *clientv3.Client) {
	//etcdlint:ignore other,sessionclose revoked by the supervisor
	s, err := concurrency.NewSession(cli)
	if err != nil {
		return
	}
	log.Println(s.Lease())
}

// At the end of a line, it does not reach the line after.
func trailingAbove(cli *clientv3.Client) {
	log.Println("connecting")             //etcdlint:ignore sessionclose wrong line // want `unused etcdlint:ignore directive: sessionclose reports nothing on this line$`
	s, err := concurrency.NewSession(cli) // want `session from concurrency.NewSession leaks`
	if err != nil {
		return
	}
	log.Println(s.Lease())
}

// A directive with nothing to silence is reported, so stale ones go.
func stale(cli *clientv3.Client) {
	//etcdlint:ignore sessionclose fixed since // want `unused etcdlint:ignore directive: sessionclose reports nothing on this line or the next`
	s, err := concurrency.NewSession(cli)
	if err != nil {
		return
	}
	defer s.Close()
	log.Println(s.Lease())
}

// Without a reason a directive silences nothing.
func noReason(cli *clientv3.Client) {
	// want +1 `etcdlint:ignore directive has no reason, so it silences nothing: want //etcdlint:ignore <analyzer>\[,<analyzer>\] <reason>`
	//etcdlint:ignore sessionclose
	s, err := concurrency.NewSession(cli) // want `session from concurrency.NewSession leaks`
	if err != nil {
		return
	}
	log.Println(s.Lease())
}

// Nor without analyzer names.
func noNames(cli *clientv3.Client) {
	// want +1 `malformed etcdlint:ignore directive`
	//etcdlint:ignore
	s, err := concurrency.NewSession(cli) // want `session from concurrency.NewSession leaks`
	if err != nil {
		return
	}
	log.Println(s.Lease())
}

// A misspelt analyzer name is reported, and silences nothing.
func misspelt(cli *clientv3.Client) {
	//etcdlint:ignore sesionclose revoked by the supervisor // want `etcdlint:ignore directive names unknown analyzer "sesionclose" \(known: sessionclose, other\)`
	s, err := concurrency.NewSession(cli) // want `session from concurrency.NewSession leaks`
	if err != nil {
		return
	}
	log.Println(s.Lease())
}

// A directive for another analyzer leaves sessionclose's finding alone;
// whether it is stale is for that analyzer to say. So are the problems of
// a directive whose first known name is another analyzer.
func otherAnalyzer(cli *clientv3.Client) {
	//etcdlint:ignore other,nosuch revoked by the supervisor
	s, err := concurrency.NewSession(cli) // want `session from concurrency.NewSession leaks`
	if err != nil {
		return
	}
	log.Println(s.Lease())
}

// Only //etcdlint:ignore itself is a directive.
func notDirectives(cli *clientv3.Client) {
	//etcdlint:ignored sessionclose not a directive
	// etcdlint:ignore sessionclose not a directive either: Go directives have no space
	s, err := concurrency.NewSession(cli) // want `session from concurrency.NewSession leaks`
	if err != nil {
		return
	}
	log.Println(s.Lease())
}
