package ctxtimeout

import (
	_ "embed"
	"errors"
	"flag"
	"go/token"
	"go/types"
	"time"

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

// newAnalyzer declares the max flag on the analyzer's own FlagSet: run
// reads it back from pass.Analyzer, so a copy of the analyzer with a
// FlagSet of its own (as the golangci-lint plugin makes) has its own
// setting.
func newAnalyzer() *analysis.Analyzer {
	a := &analysis.Analyzer{
		Name:     "ctxtimeout",
		Doc:      analysisdoc.MustExtract(doc, "ctxtimeout"),
		URL:      "https://github.com/etcdlint/etcdlint/blob/main/docs/ctxtimeout.md",
		Requires: []*analysis.Analyzer{etcdssa.Analyzer},
		// etcdssa yields nothing for a package with errors; running lets the
		// driver print the load error alone.
		RunDespiteErrors: true,
		Run:              run,
	}
	a.Flags.Duration("max", 0, "report (CT5) a constant Lock/Campaign timeout above this duration; 0 disables the check")
	return a
}

func run(pass *analysis.Pass) (any, error) {
	res := pass.ResultOf[etcdssa.Analyzer].(*etcdssa.Result)
	if res == nil {
		return nil, nil
	}
	c := &checker{pass: pass, pkg: res.Pkg, max: maxFlag(pass.Analyzer), named: make(map[*types.Scope]bool), ended: make(map[*ssa.Call]bool)}
	errEndings := c.checkEndings(res.SrcFuncs)
	errCancels := c.checkCancels(res.SrcFuncs)
	errWaits := c.checkWaits(res.SrcFuncs)
	return nil, errors.Join(errCancels, errWaits, errEndings)
}

// maxFlag is the value of the analyzer's max flag, or 0 when the FlagSet
// has none.
func maxFlag(a *analysis.Analyzer) time.Duration {
	f := a.Flags.Lookup("max")
	if f == nil {
		return 0
	}
	if g, ok := f.Value.(flag.Getter); ok {
		if d, ok := g.Get().(time.Duration); ok {
			return d
		}
	}
	return 0
}

// checker holds what one pass's checks share.
type checker struct {
	pass *analysis.Pass
	pkg  *ssa.Package
	max  time.Duration
	// named records the blocks where a suggested fix already declares
	// `cancel`: a second one there would not compile with the first.
	named map[*types.Scope]bool
	// ended are the context.With* calls whose contexts CT6 reports
	// ending under a keepalive or session: CT1 leaves them alone.
	ended map[*ssa.Call]bool
}

// diag reports msg under rule id at the call whose position is pos.
func (c *checker) diag(id string, pos token.Pos, msg string, fixes []analysis.SuggestedFix) {
	if !pos.IsValid() {
		return // a synthetic call: nowhere to point the user
	}
	d := analysis.Diagnostic{Pos: pos, Category: id, Message: msg, SuggestedFixes: fixes}
	if rng := report.Range(c.pass, pos); rng != nil {
		d.Pos, d.End = rng.Pos(), rng.End()
	}
	c.pass.Report(d)
}

// where names a position for a message: "main.go:42".
func (c *checker) where(pos token.Pos) string {
	return report.Where(c.pass.Fset, pos)
}

// isMainMain reports whether fn is the program's main function.
func isMainMain(fn *ssa.Function) bool {
	return fn.Parent() == nil && fn.Name() == "main" && fn.Signature.Recv() == nil &&
		fn.Pkg != nil && fn.Pkg.Pkg.Name() == "main"
}

// inMain reports whether fn is main.main or a function literal inside it.
func inMain(fn *ssa.Function) bool {
	for fn.Parent() != nil {
		fn = fn.Parent()
	}
	return isMainMain(fn)
}

// isEtcdCall reports whether call invokes the etcd client or a function
// whose signature speaks of etcd types (a project's wrapper of the client):
// a context handed to one is one the etcd client waits on.
func isEtcdCall(call ssa.CallInstruction) bool {
	common := call.Common()
	if common.IsInvoke() {
		return etcdapi.Mentions(common.Method)
	}
	if fn := common.StaticCallee(); fn != nil && fn.Object() != nil {
		return etcdapi.Mentions(fn.Object())
	}
	return false
}
