package analyzers_test

import (
	"fmt"
	"go/ast"
	"go/build"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"golang.org/x/tools/go/analysis"

	"github.com/etcdlint/etcdlint/analyzers"
)

// FuzzAnalyzers assembles functions from statement fragments chosen by the
// input bytes, keeps those that type-check against the stub etcd packages,
// and runs every analyzer on them: any panic is a bug. Fragments open and
// close blocks, loops, branches and closures, so the fuzzer explores the
// control flow around acquires, releases, defers and hand-offs.
//
//	go test ./analyzers -run '^$' -fuzz FuzzAnalyzers -fuzztime 60s
func FuzzAnalyzers(f *testing.F) {
	for _, seed := range [][]byte{
		{0, 1, 2, 3},
		{0, 1, 4, 5, 6, 7, 8},
		{0, 1, 9, 10, 11, 12, 13},
		{0, 1, 14, 15, 16, 17, 18, 19, 20, 21, 22},
		{0, 1, 23, 24, 25, 26, 27, 28, 29, 30},
		{0, 1, 31, 32, 33, 34, 35},
		{0, 1, 4, 36, 5, 7, 37, 11, 8},
		{0, 1, 4, 42, 43, 44},
		{49, 53, 54, 52, 55, 11, 50, 51},
		{0, 1, 56, 49, 36, 52, 37, 11, 57},
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, choice []byte) {
		src := assemble(choice)
		fset, file, pkg, info, ok := typeCheck(src)
		if !ok {
			t.Skip("does not type-check")
		}
		if err := runAll(fset, file, pkg, info); err != nil {
			t.Fatalf("%v\n%s", err, src)
		}
	})
}

// fragments are statements over the variables declared in the function
// header (cli, ctx, cond, items, ch) and the ones fragments declare.
// A "{" without its "}" is closed at the end of the function.
var fragments = []string{
	"s, err := concurrency.NewSession(cli)",            // 0
	"if err != nil { return err }",                     // 1
	"defer s.Close()",                                  // 2
	"select {}",                                        // 3
	"m := concurrency.NewMutex(s, \"/l/\")",            // 4
	"if err := m.Lock(ctx); err != nil { return err }", // 5
	"defer m.Unlock(ctx)",                              // 6
	"if cond { return nil }",                           // 7
	"_ = m.Unlock(context.Background())",               // 8
	"for _, it := range items {",                       // 9
	"_ = it",                                           // 10
	"}",                                                // 11
	"s.Orphan()",                                       // 12
	"go func() { s.Close() }()",                        // 13
	"lctx, cancel := context.WithTimeout(ctx, time.Second)", // 14
	"defer cancel()", // 15
	"e := concurrency.NewElection(s, \"/e/\")",                         // 16
	"if err := e.Campaign(lctx, \"v\"); err != nil { return err }",     // 17
	"defer e.Resign(context.Background())",                             // 18
	"l := concurrency.NewLocker(s, \"/k/\")",                           // 19
	"l.Lock()",                                                         // 20
	"defer l.Unlock()",                                                 // 21
	"_ = cancel",                                                       // 22
	"g, err := cli.Grant(ctx, 5)",                                      // 23
	"_, err = cli.Put(ctx, \"k\", \"v\", clientv3.WithLease(g.ID))",    // 24
	"ka, err := cli.KeepAlive(ctx, g.ID)",                              // 25
	"go func() { for range ka {} }()",                                  // 26
	"_, _ = cli.Revoke(ctx, g.ID)",                                     // 27
	"switch { case cond: return nil; default: }",                       // 28
	"func() { defer s.Close() }()",                                     // 29
	"if s != nil { s.Close() }",                                        // 30
	"ch <- s",                                                          // 31
	"select { case <-ctx.Done(): return ctx.Err(); case <-s.Done(): }", // 32
	"rw := recipe.NewRWMutex(s, \"/rw/\")",                             // 33
	"if err := rw.RLock(); err != nil { return err }",                  // 34
	"defer rw.RUnlock()",                                               // 35
	"for {",                                                            // 36
	"break",                                                            // 37
	"if cond { panic(\"x\") }",                                         // 38
	"goto end",                                                         // 39
	"end:",                                                             // 40
	"return nil",                                                       // 41
	"ctx2, _ := context.WithCancel(ctx)",                               // 42
	"_ = m.Lock(ctx2)",                                                 // 43
	"defer m.Lock(ctx)",                                                // 44
	"if err := m.TryLock(ctx); err == concurrency.ErrLocked { return nil }", // 45
	"ka2, _ := cli.KeepAlive(context.Background(), g.ID)",                   // 46
	"_ = ka2",  // 47
	"keep = s", // 48
	// Watches, for watchleak's loops, flags and shutdown signals.
	"wch := cli.Watch(context.Background(), \"k\"); _ = wch",             // 49
	"for wresp := range wch { if wresp.CompactRevision != 0 { break } }", // 50
	"if wr := <-wch; wr.Err() == context.Canceled { return nil }",        // 51
	"select { case wr := <-wch: _ = wr; case <-ctx.Done(): return nil }", // 52
	"done := false; _ = done", // 53
	"for !done {",             // 54
	"done = true",             // 55
	"obs := concurrency.NewElection(s, \"e\").Observe(context.Background()); _ = obs", // 56
	"go func() { for range wch {} }()",                                                // 57
}

func assemble(choice []byte) string {
	var b strings.Builder
	b.WriteString(`package p

import (
	"context"
	"time"

	clientv3 "go.etcd.io/etcd/client/v3"
	"go.etcd.io/etcd/client/v3/concurrency"
	recipe "go.etcd.io/etcd/client/v3/experimental/recipes"
)

var keep *concurrency.Session

var _ = time.Second
var _ = recipe.NewRWMutex

func f(cli *clientv3.Client, ctx context.Context, cond bool, items []string, ch chan *concurrency.Session) error {
`)
	open := 0
	for i, c := range choice {
		if i >= 64 {
			break
		}
		frag := fragments[int(c)%len(fragments)]
		switch {
		case strings.HasSuffix(frag, "{"):
			open++
		case frag == "}":
			if open == 0 {
				continue
			}
			open--
		}
		b.WriteString("\t" + frag + "\n")
	}
	for ; open > 0; open-- {
		b.WriteString("\t}\n")
	}
	b.WriteString("\treturn nil\n}\n")
	return b.String()
}

var (
	stubsOnce sync.Once
	stubs     types.Importer
)

// stubImporter type-checks imports from source: the stub etcd packages
// from testdata/src, and the standard library from GOROOT.
func stubImporter() types.Importer {
	stubsOnce.Do(func() {
		root, _ := filepath.Abs(filepath.Join("..", "testdata"))
		// The source importer resolves imports with go/build's default
		// context, in GOPATH mode.
		os.Setenv("GO111MODULE", "off")
		build.Default.GOPATH = root
		stubs = importer.ForCompiler(token.NewFileSet(), "source", nil)
	})
	return stubs
}

func typeCheck(src string) (*token.FileSet, *ast.File, *types.Package, *types.Info, bool) {
	fset := token.NewFileSet()
	file, err := parser.ParseFile(fset, "p.go", src, parser.SkipObjectResolution)
	if err != nil {
		return nil, nil, nil, nil, false
	}
	info := &types.Info{
		Types:        make(map[ast.Expr]types.TypeAndValue),
		Defs:         make(map[*ast.Ident]types.Object),
		Uses:         make(map[*ast.Ident]types.Object),
		Implicits:    make(map[ast.Node]types.Object),
		Selections:   make(map[*ast.SelectorExpr]*types.Selection),
		Scopes:       make(map[ast.Node]*types.Scope),
		Instances:    make(map[*ast.Ident]types.Instance),
		FileVersions: make(map[*ast.File]string),
	}
	conf := types.Config{Importer: stubImporter(), Error: func(error) {}}
	pkg, err := conf.Check("p", fset, []*ast.File{file}, info)
	if err != nil {
		return nil, nil, nil, nil, false
	}
	return fset, file, pkg, info, true
}

// runAll runs every analyzer, with its prerequisites, on one package,
// turning a panic into an error that names the analyzer.
func runAll(fset *token.FileSet, file *ast.File, pkg *types.Package, info *types.Info) (err error) {
	results := make(map[*analysis.Analyzer]any)
	var run func(a *analysis.Analyzer) error
	run = func(a *analysis.Analyzer) (err error) {
		if _, done := results[a]; done {
			return nil
		}
		for _, req := range a.Requires {
			if err := run(req); err != nil {
				return err
			}
		}
		defer func() {
			if r := recover(); r != nil {
				err = fmt.Errorf("analyzer %s panicked: %v", a.Name, r)
			}
		}()
		pass := &analysis.Pass{
			Analyzer:   a,
			Fset:       fset,
			Files:      []*ast.File{file},
			Pkg:        pkg,
			TypesInfo:  info,
			TypesSizes: types.SizesFor("gc", "amd64"),
			ResultOf:   make(map[*analysis.Analyzer]any),
			Report: func(d analysis.Diagnostic) {
				if !d.Pos.IsValid() {
					panic(fmt.Sprintf("diagnostic without a position: %s", d.Message))
				}
			},
			ReadFile:          func(string) ([]byte, error) { return nil, os.ErrNotExist },
			ImportObjectFact:  func(types.Object, analysis.Fact) bool { return false },
			ExportObjectFact:  func(types.Object, analysis.Fact) {},
			ImportPackageFact: func(*types.Package, analysis.Fact) bool { return false },
			ExportPackageFact: func(analysis.Fact) {},
			AllObjectFacts:    func() []analysis.ObjectFact { return nil },
			AllPackageFacts:   func() []analysis.PackageFact { return nil },
		}
		for _, req := range a.Requires {
			pass.ResultOf[req] = results[req]
		}
		res, err := a.Run(pass)
		if err != nil {
			return fmt.Errorf("analyzer %s: %v", a.Name, err)
		}
		results[a] = res
		return nil
	}
	for _, a := range analyzers.All() {
		if err := run(a); err != nil {
			return err
		}
	}
	return nil
}
