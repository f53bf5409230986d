package tests

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	clientv3 "go.etcd.io/etcd/client/v3"
)

var cfg = clientv3.Config{Endpoints: []string{"127.0.0.1:2379"}}

// Bad: a test that never closes its client leaks it into every later
// test of the binary.
func TestLeak(t *testing.T) {
	cli, err := clientv3.New(cfg) // want `client from clientv3.New leaks: the function returns at tests_test.go:23 without closing it`
	if err != nil {
		t.Fatal(err)
	}
	if _, err := cli.Get(context.Background(), "k"); err != nil {
		t.Fatal(err)
	}
}

// Good twin.
func TestClosed(t *testing.T) {
	cli, err := clientv3.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cli.Close() })
	if _, err := cli.Get(context.Background(), "k"); err != nil {
		t.Fatal(err)
	}
}

// Good: the test asserts that New fails; where it does not, the test has
// failed already.
func TestDialFails(t *testing.T) {
	_, err := clientv3.New(clientv3.Config{})
	assert.Error(t, err)
}
