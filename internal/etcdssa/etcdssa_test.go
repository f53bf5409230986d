package etcdssa_test

import (
	"os"
	"path/filepath"
	"testing"

	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"

	"github.com/etcdlint/etcdlint/analyzers"
	"github.com/etcdlint/etcdlint/internal/etcdssa"
)

// Packages of each kind the fast path tells apart, and whether they get SSA.
var cases = []struct {
	name, src string
	ssa       bool
}{
	{"plain", `package plain

import "fmt"

func F() { fmt.Println("no etcd here") }
`, false},
	// Naming etcd's constants, types and fields calls nothing: no finding
	// can start here.
	{"names", `package names

import clientv3 "go.etcd.io/etcd/client/v3"

var id clientv3.LeaseID = clientv3.NoLease

func F(c *clientv3.Config) int { return len(c.Endpoints) }
`, false},
	// A project's own interface whose method returns etcd's types is
	// etcd's API as far as the analyzers are concerned.
	{"wrapper", `package wrapper

import (
	"context"

	clientv3 "go.etcd.io/etcd/client/v3"
)

type leaser interface {
	Grant(ctx context.Context, ttl int64) (*clientv3.LeaseGrantResponse, error)
}

func F(l leaser) { l.Grant(context.Background(), 5) }
`, true},
	// time is imported for a method only, so its package is not created:
	// the method must still build, on demand.
	{"session", `package session

import (
	"time"

	clientv3 "go.etcd.io/etcd/client/v3"
	"go.etcd.io/etcd/client/v3/concurrency"
)

func F(cli *clientv3.Client, d time.Duration) (float64, error) {
	s, err := concurrency.NewSession(cli)
	if err != nil {
		return 0, err
	}
	defer func() { s.Close() }()
	return d.Seconds(), nil
}
`, true},
}

// load writes the cases to a GOPATH beside testdata's stub etcd packages
// and loads them as the command does.
func load(t *testing.T) []*packages.Package {
	t.Helper()
	testdata, err := filepath.Abs(filepath.Join("..", "..", "testdata"))
	if err != nil {
		t.Fatal(err)
	}
	gopath := t.TempDir()
	var names []string
	for _, c := range cases {
		dir := filepath.Join(gopath, "src", c.name)
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, c.name+".go"), []byte(c.src), 0o644); err != nil {
			t.Fatal(err)
		}
		names = append(names, c.name)
	}
	cfg := &packages.Config{
		Mode: packages.LoadSyntax,
		Dir:  testdata,
		Env: append(os.Environ(), "GOPATH="+gopath+string(os.PathListSeparator)+testdata,
			"GO111MODULE=off", "GOPROXY=off", "GOFLAGS="),
	}
	pkgs, err := packages.Load(cfg, names...)
	if err != nil {
		t.Fatal(err)
	}
	if packages.PrintErrors(pkgs) > 0 {
		t.Fatal("loading the cases failed")
	}
	return pkgs
}

// Every analyzer requires etcdssa; the driver runs it once per package,
// and it builds SSA only where a finding can start.
func TestBuiltOncePerPackageWhereNeeded(t *testing.T) {
	pkgs := load(t)
	g, err := checker.Analyze(append(analyzers.All(), etcdssa.Analyzer), pkgs, nil)
	if err != nil {
		t.Fatal(err)
	}
	runs := make(map[string]int)
	built := make(map[string]bool)
	for act := range g.All() {
		if act.Err != nil {
			t.Fatalf("%s: %v", act, act.Err)
		}
		if act.Analyzer != etcdssa.Analyzer {
			continue
		}
		path := act.Package.PkgPath
		runs[path]++
		if res, _ := act.Result.(*etcdssa.Result); res != nil {
			built[path] = true
			if len(res.SrcFuncs) == 0 {
				t.Errorf("%s: SSA has no source functions", path)
			}
		}
	}
	for _, c := range cases {
		if runs[c.name] != 1 {
			t.Errorf("%s: etcdssa ran %d times, want once", c.name, runs[c.name])
		}
		if built[c.name] != c.ssa {
			t.Errorf("%s: SSA built = %t, want %t", c.name, built[c.name], c.ssa)
		}
	}
	if t.Failed() {
		t.Logf("etcdssa runs per package: %v", runs)
	}
}
