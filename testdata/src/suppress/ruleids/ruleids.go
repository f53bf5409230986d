// Package ruleids shows //etcdlint:ignore naming rule IDs, as printed
// after each finding, in place of analyzer names.
package ruleids

import (
	"log"

	clientv3 "go.etcd.io/etcd/client/v3"
	"go.etcd.io/etcd/client/v3/concurrency"
)

// The finding's rule silences it.
func byRule(cli *clientv3.Client) {
	//etcdlint:ignore SC1 the lease must outlive this call: a supervisor revokes it
	s, err := concurrency.NewSession(cli)
	if err != nil {
		return
	}
	log.Println(s.Lease())
}

// Twin: without the directive, the same code is reported.
func byRuleTwin(cli *clientv3.Client) {
	s, err := concurrency.NewSession(cli) // want `session from concurrency.NewSession leaks`
	if err != nil {
		return
	}
	log.Println(s.Lease())
}

// The analyzer and its rule named together: both silence, neither is
// reported unused.
func both(cli *clientv3.Client) {
	//etcdlint:ignore sessionclose,SC1 revoked by the supervisor
	s, err := concurrency.NewSession(cli)
	if err != nil {
		return
	}
	log.Println(s.Lease())
}

// Rule IDs and analyzer names mix; only the name that silences is used.
func mixed(cli *clientv3.Client) {
	//etcdlint:ignore other,SC1 revoked by the supervisor
	s, err := concurrency.NewSession(cli)
	if err != nil {
		return
	}
	log.Println(s.Lease())
}

// Another analyzer's rule ID leaves sessionclose's finding alone.
func otherRule(cli *clientv3.Client) {
	//etcdlint:ignore UP1 revoked by the supervisor // want `etcdlint:ignore directive names unknown analyzer "UP1" \(known: sessionclose, other\), nor is it a rule ID \(SC1\)`
	s, err := concurrency.NewSession(cli) // want `session from concurrency.NewSession leaks`
	if err != nil {
		return
	}
	log.Println(s.Lease())
}

// A rule ID with nothing to silence is reported by its analyzer.
func staleRule(cli *clientv3.Client) {
	//etcdlint:ignore SC1 fixed since // want `unused etcdlint:ignore directive: SC1 reports nothing on this line or the next`
	s, err := concurrency.NewSession(cli)
	if err != nil {
		return
	}
	defer s.Close()
	log.Println(s.Lease())
}

// A rule ID needs a reason as an analyzer name does.
func ruleNoReason(cli *clientv3.Client) {
	// want +1 `etcdlint:ignore directive has no reason, so it silences nothing`
	//etcdlint:ignore SC1
	s, err := concurrency.NewSession(cli) // want `session from concurrency.NewSession leaks`
	if err != nil {
		return
	}
	log.Println(s.Lease())
}
