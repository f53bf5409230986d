package watchleak

import (
	_ "embed"
	"errors"
	"flag"
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"

	"github.com/etcdlint/etcdlint/internal/analysisdoc"
	"github.com/etcdlint/etcdlint/internal/etcdapi"
	"github.com/etcdlint/etcdlint/internal/etcdssa"
	"github.com/etcdlint/etcdlint/internal/report"
)

//go:embed doc.go
var doc string

var Analyzer = newAnalyzer()

// newAnalyzer declares the tests flag on the analyzer's own FlagSet, as
// ctxtimeout does for max: a copy with a FlagSet of its own (the
// golangci-lint plugin's) has its own setting.
func newAnalyzer() *analysis.Analyzer {
	a := &analysis.Analyzer{
		Name:     "watchleak",
		Doc:      analysisdoc.MustExtract(doc, "watchleak"),
		URL:      "https://github.com/etcdlint/etcdlint/blob/main/docs/watchleak.md",
		Requires: []*analysis.Analyzer{etcdssa.Analyzer},
		// etcdssa yields nothing for a package with errors; running lets the
		// driver print the load error alone.
		RunDespiteErrors: true,
		Run:              run,
	}
	a.Flags.Bool("tests", false, "report WL1 in _test.go files too (a test's watches end with its client)")
	return a
}

func run(pass *analysis.Pass) (any, error) {
	res := pass.ResultOf[etcdssa.Analyzer].(*etcdssa.Result)
	// Fast path: a package that names no watch, no watch channel and no
	// function returning one cannot hold a finding.
	if res == nil || !usesWatch(pass) {
		return nil, nil
	}
	c := &checker{pass: pass, pkg: res.Pkg, funcs: res.SrcFuncs, tests: boolFlag(pass.Analyzer, "tests"), fixed: make(map[*ast.BlockStmt]bool)}
	errRecv := c.checkReceives(res.SrcFuncs)
	errWatch := c.checkWatches(res.SrcFuncs)
	return nil, errors.Join(errRecv, errWatch)
}

// checker holds what one pass's checks share.
type checker struct {
	pass  *analysis.Pass
	pkg   *ssa.Package
	funcs []*ssa.Function
	tests bool
	// fixed records the function bodies a WL1 fix already declares
	// wctx and cancel in.
	fixed map[*ast.BlockStmt]bool
}

// usesWatch reports whether the package refers to a function whose
// results include a channel the etcd client closes (Watch, Observe,
// KeepAlive, NewWatchChannel, or a project's wrapper of one), or to a
// variable or field of such a channel type.
func usesWatch(pass *analysis.Pass) bool {
	for _, obj := range pass.TypesInfo.Uses {
		switch obj := obj.(type) {
		case *types.Func:
			sig, ok := obj.Type().(*types.Signature)
			if !ok {
				continue
			}
			for v := range sig.Results().Variables() {
				if etcdapi.ClosingChan(v.Type()) {
					return true
				}
			}
		case *types.Var:
			if etcdapi.ClosingChan(obj.Type()) {
				return true
			}
		}
	}
	return false
}

// boolFlag is the value of the analyzer's boolean flag name, or false
// when the FlagSet has none.
func boolFlag(a *analysis.Analyzer, name string) bool {
	f := a.Flags.Lookup(name)
	if f == nil {
		return false
	}
	g, ok := f.Value.(flag.Getter)
	if !ok {
		return false
	}
	v, _ := g.Get().(bool)
	return v
}

// diag reports msg under rule id at pos, spanning to end when it is valid.
func (c *checker) diag(id string, pos, end token.Pos, msg string, fixes []analysis.SuggestedFix) {
	if !pos.IsValid() {
		return // a synthetic instruction: nowhere to point the user
	}
	d := analysis.Diagnostic{Pos: pos, End: end, Category: id, Message: msg, SuggestedFixes: fixes}
	if !end.IsValid() {
		if rng := report.Range(c.pass, pos); rng != nil {
			d.Pos, d.End = rng.Pos(), rng.End()
		}
	}
	c.pass.Report(d)
}

// where names a position for a message: "main.go:42".
func (c *checker) where(pos token.Pos) string {
	return report.Where(c.pass.Fset, pos)
}
