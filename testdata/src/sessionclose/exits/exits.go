// Package exits covers paths that do not return: panics, os.Exit,
// log.Fatal and t.FailNow end a path without leaking on it.
package exits

import (
	"log"
	"os"
	"testing"

	clientv3 "go.etcd.io/etcd/client/v3"
	"go.etcd.io/etcd/client/v3/concurrency"
)

func must(err error) {
	if err != nil {
		panic(err)
	}
}

func fatal(msg string) {
	log.Print(msg)
	os.Exit(2)
}

func panics(cli *clientv3.Client, bad bool) {
	s, err := concurrency.NewSession(cli)
	if err != nil {
		panic(err)
	}
	if bad {
		panic("bad")
	}
	s.Close()
}

func exits(cli *clientv3.Client, bad bool) {
	s, err := concurrency.NewSession(cli)
	if err != nil {
		log.Fatal(err)
	}
	if bad {
		os.Exit(1)
	}
	s.Close()
}

// A same-package helper that never returns ends the path too.
func helperExit(cli *clientv3.Client, bad bool) {
	s, err := concurrency.NewSession(cli)
	if err != nil {
		log.Fatalf("session: %v", err)
	}
	if bad {
		fatal("bad")
	}
	s.Close()
}

func inTest(t *testing.T, cli *clientv3.Client) {
	s, err := concurrency.NewSession(cli)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if s.Lease() == 0 {
		t.FailNow()
	}
}

func inTestLeak(t *testing.T, cli *clientv3.Client) {
	s, err := concurrency.NewSession(cli) // want `returns at exits.go:76 without closing it`
	if err != nil {
		t.Fatal(err)
	}
	t.Log(s.Lease())
}

// Cleanup registered with the test takes the session.
func inTestCleanup(t testing.TB, cli *clientv3.Client) *concurrency.Session {
	s, err := concurrency.NewSession(cli)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// Never returns, never closes: reported although no exit is reachable.
func serveForever(cli *clientv3.Client) {
	s, err := concurrency.NewSession(cli) // want `never closed`
	must(err)
	_ = concurrency.NewMutex(s, "/lock/")
	for {
	}
}

func serveForeverFixed(cli *clientv3.Client, stop <-chan struct{}) {
	s, err := concurrency.NewSession(cli)
	must(err)
	defer s.Close()
	_ = concurrency.NewMutex(s, "/lock/")
	<-stop
}
