package ownership_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"

	"github.com/etcdlint/etcdlint/analyzers/ctxtimeout"
	"github.com/etcdlint/etcdlint/analyzers/leaseorphan"
	"github.com/etcdlint/etcdlint/analyzers/sessionclose"
	"github.com/etcdlint/etcdlint/analyzers/unlockpair"
	"github.com/etcdlint/etcdlint/analyzers/watchleak"
	"github.com/etcdlint/etcdlint/internal/etcdssa"
)

// The large function: sessions acquired one after another in a single
// function, each followed by a run of if-statements. Four kinds of session
// alternate, so that the search meets defers, helper summaries, loops and
// early returns on every stretch of the function:
//
//	0: defer s.Close() after the error check; early returns follow (silent)
//	1: closed by a same-package helper after the branches (silent)
//	2: an early return among the branches before s.Close() (one finding)
//	3: a loop among the branches, then s.Close() (silent)
const (
	largeSessions = 200
	largeBranches = 10 // per session: 2000 if-statements in all
	largeLeaks    = largeSessions / 4
)

// largeSource generates the package holding the large function.
func largeSource() string {
	var b strings.Builder
	b.WriteString(`package scale

import (
	"errors"

	clientv3 "go.etcd.io/etcd/client/v3"
	"go.etcd.io/etcd/client/v3/concurrency"
)

var errStop = errors.New("stop")

func closeIt(s *concurrency.Session) { s.Close() }

func large(cli *clientv3.Client, xs []int) (int, error) {
	n := 0
`)
	for k := range largeSessions {
		kind := k % 4
		fmt.Fprintf(&b, "\ts%d, err := concurrency.NewSession(cli)\n\tif err != nil {\n\t\treturn n, err\n\t}\n", k)
		if kind == 0 {
			fmt.Fprintf(&b, "\tdefer s%d.Close()\n", k)
		}
		for i := range largeBranches {
			switch {
			case kind == 3 && i == largeBranches/2:
				fmt.Fprintf(&b, "\tfor _, x := range xs {\n\t\tif x == %d {\n\t\t\tbreak\n\t\t}\n\t\tn += x\n\t}\n", k)
			case (kind == 0 || kind == 2) && i == largeBranches/2:
				fmt.Fprintf(&b, "\tif n > %d {\n\t\treturn n, errStop\n\t}\n", 1000+k)
			default:
				fmt.Fprintf(&b, "\tif len(xs) > %d {\n\t\tn++\n\t} else {\n\t\tn--\n\t}\n", i)
			}
		}
		switch kind {
		case 1:
			fmt.Fprintf(&b, "\tcloseIt(s%d)\n", k)
		case 2, 3:
			fmt.Fprintf(&b, "\ts%d.Close()\n", k)
		}
	}
	b.WriteString("\treturn n, nil\n}\n")
	return b.String()
}

// load loads patterns GOPATH-style, as analysistest does, from a GOPATH
// made of the given roots and testdata (for the stub etcd packages).
func load(tb testing.TB, roots []string, patterns ...string) []*packages.Package {
	tb.Helper()
	testdata, err := filepath.Abs(filepath.Join("..", "..", "testdata"))
	if err != nil {
		tb.Fatal(err)
	}
	gopath := strings.Join(append(roots, testdata), string(os.PathListSeparator))
	cfg := &packages.Config{
		Mode: packages.LoadSyntax,
		Dir:  testdata,
		Env:  append(os.Environ(), "GOPATH="+gopath, "GO111MODULE=off", "GOPROXY=off", "GOFLAGS="),
	}
	pkgs, err := packages.Load(cfg, patterns...)
	if err != nil {
		tb.Fatal(err)
	}
	if packages.PrintErrors(pkgs) > 0 || len(pkgs) == 0 {
		tb.Fatalf("loading %v failed", patterns)
	}
	return pkgs
}

func loadLarge(tb testing.TB) []*packages.Package {
	tb.Helper()
	gopath := tb.TempDir()
	dir := filepath.Join(gopath, "src", "scale")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		tb.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "scale.go"), []byte(largeSource()), 0o644); err != nil {
		tb.Fatal(err)
	}
	return load(tb, []string{gopath}, "scale")
}

// analyze runs the analyzers the way the command does and returns the
// graph; etcdssa is a root too, so that its result stays readable.
func analyze(tb testing.TB, pkgs []*packages.Package, as ...*analysis.Analyzer) *checker.Graph {
	tb.Helper()
	g, err := checker.Analyze(append([]*analysis.Analyzer{etcdssa.Analyzer}, as...), pkgs, nil)
	if err != nil {
		tb.Fatal(err)
	}
	for act := range g.All() {
		if act.Err != nil {
			tb.Fatalf("%s: %v", act, act.Err)
		}
	}
	return g
}

// The path search must stay linear in the size of a function: a search
// that followed paths rather than blocks would never finish here. The
// bound is generous (the analysis, SSA construction included, takes some
// 0.1 s on a loaded 2-core machine); the load is not timed.
func TestLargeFunctionScales(t *testing.T) {
	pkgs := loadLarge(t)
	start := time.Now()
	g := analyze(t, pkgs, sessionclose.Analyzer)
	elapsed := time.Since(start)

	var blocks, diags int
	for _, act := range g.Roots {
		switch act.Analyzer {
		case etcdssa.Analyzer:
			res, _ := act.Result.(*etcdssa.Result)
			if res == nil {
				t.Fatal("etcdssa built no SSA for the generated package")
			}
			for _, fn := range res.SrcFuncs {
				blocks += len(fn.Blocks)
			}
		case sessionclose.Analyzer:
			diags += len(act.Diagnostics)
		}
	}
	t.Logf("%d blocks, %d sessions, %d findings: analysed in %v", blocks, largeSessions, diags, elapsed)
	if blocks < 3*largeSessions*largeBranches {
		t.Errorf("the generated function has %d blocks, want at least %d", blocks, 3*largeSessions*largeBranches)
	}
	if diags != largeLeaks {
		t.Errorf("sessionclose reported %d leaks, want %d (one per session of kind 2)", diags, largeLeaks)
	}
	if elapsed > time.Second {
		t.Errorf("analysing %d blocks with %d acquires took %v, want < 1s", blocks, largeSessions, elapsed)
	}
}

// BenchmarkLargeFunction measures sessionclose, SSA construction included,
// on the generated function; compare runs with benchstat.
func BenchmarkLargeFunction(b *testing.B) {
	pkgs := loadLarge(b)
	for b.Loop() {
		analyze(b, pkgs, sessionclose.Analyzer)
	}
}

// BenchmarkFixtures measures each analyzer, SSA construction included, on
// its analysistest fixtures: go test -bench=Fixtures -count=10 | benchstat.
func BenchmarkFixtures(b *testing.B) {
	for _, a := range []*analysis.Analyzer{sessionclose.Analyzer, unlockpair.Analyzer, ctxtimeout.Analyzer, leaseorphan.Analyzer, watchleak.Analyzer} {
		b.Run(a.Name, func(b *testing.B) {
			pkgs := load(b, nil, a.Name+"/...")
			for b.Loop() {
				analyze(b, pkgs, a)
			}
		})
	}
}
