package clientclose

import (
	_ "embed"
	"fmt"
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"

	"github.com/etcdlint/etcdlint/internal/analysisdoc"
	"github.com/etcdlint/etcdlint/internal/ctxflow"
	"github.com/etcdlint/etcdlint/internal/etcdapi"
	"github.com/etcdlint/etcdlint/internal/etcdssa"
	"github.com/etcdlint/etcdlint/internal/ownership"
	"github.com/etcdlint/etcdlint/internal/report"
)

//go:embed doc.go
var doc string

var Analyzer = &analysis.Analyzer{
	Name:     "clientclose",
	Doc:      analysisdoc.MustExtract(doc, "clientclose"),
	URL:      "https://github.com/etcdlint/etcdlint/blob/main/docs/clientclose.md",
	Requires: []*analysis.Analyzer{etcdssa.Analyzer},
	// etcdssa yields nothing for a package with errors; running lets the
	// driver print the load error alone.
	RunDespiteErrors: true,
	Run:              run,
}

// constructors are the calls that make a client, in the order of the
// Acquisition.Kind that names them.
var constructors = []etcdapi.Method{etcdapi.NewClient, etcdapi.NewFromURL, etcdapi.NewFromURLs, etcdapi.NewCtxClient}

const ctxClient = 3 // the index of NewCtxClient, which dials nothing

// What an unclosed client keeps, by constructor. The dialing ones hold a
// gRPC connection, measured on v3.7.3 (fixtures/rules/cl1): per client a
// socket and 5 goroutines in the process (the transport's reader and
// writer, the ClientConn's three serializers), more once leases or
// watches are used, and a socket and 3 goroutines on the server.
// NewCtxClient holds a context.
const (
	dialed = "its gRPC connection stays open until the process exits: a socket and about 5 goroutines in this process, and a socket and 3 goroutines on the server"
	ctxOf  = "its context, made from one that never ends, is never cancelled and the Watcher and Lease set on it are never closed, with their goroutines"
)

func run(pass *analysis.Pass) (any, error) {
	res := pass.ResultOf[etcdssa.Analyzer].(*etcdssa.Result)
	if res == nil {
		return nil, nil
	}
	eng := ownership.New(res.Pkg, rule{})
	for _, f := range eng.Check(res.SrcFuncs) {
		reportFinding(pass, f)
	}
	return nil, eng.Err()
}

func reportFinding(pass *analysis.Pass, f ownership.Finding) {
	if inEntryPoint(f.Fn) {
		// A same-package constructor's client (cli := mustClient()) is
		// the engine's acquisition, not the rule's: exempt it here.
		return
	}
	if f.Kind == ownership.NeverReleased {
		// A function that never returns holds its client for as long
		// as the process runs: nothing outlives the process.
		return
	}
	pos := f.Acq.Instr.Pos()
	if _, bounded := report.BoundedLoop(pass, f.Deferred); f.Kind == ownership.LostInLoop && f.Deferred.IsValid() && bounded {
		// for _, ep := range eps { cli := New(ep); defer cli.Close() }:
		// a loop that ends by itself holds one client per element, all
		// closed when the function returns.
		return
	}
	what := "client from clientv3." + constructors[f.Acq.Kind].Name
	keeps, after := dialed, " after the error check"
	if f.Acq.Kind == ctxClient {
		keeps, after = ctxOf, "" // NewCtxClient returns no error
	}
	name := report.AssignedName(pass, pos, "cli")
	var msg string
	switch {
	case !ownership.HasAlias(f.Acq):
		msg = fmt.Sprintf("%s is discarded, so it is never closed and %s; assign it and defer its Close() after the error check", what, keeps)
	case f.Kind == ownership.LeaksAtExit && f.Escapes:
		msg = fmt.Sprintf("%s leaks: the function returns at %s without closing it or handing it on, so %s; call %s.Close() on that path before returning",
			what, report.Where(pass.Fset, f.Exit), keeps, name)
	case f.Kind == ownership.LeaksAtExit:
		msg = fmt.Sprintf("%s leaks: the function returns at %s without closing it, so %s; defer %s.Close()%s",
			what, report.Where(pass.Fset, f.Exit), keeps, name, after)
	case f.Deferred.IsValid():
		msg = fmt.Sprintf("%s leaks: its Close is deferred at %s, which waits for the function to return, and the loop creates the next client first, so every iteration's client stays open: %s; move the loop body into a function, or close the client at the end of the iteration",
			what, report.Where(pass.Fset, f.Deferred), keeps)
	default:
		msg = fmt.Sprintf("%s leaks: the loop creates the next one without closing it, so %s; close it before the iteration ends", what, keeps)
	}
	d := analysis.Diagnostic{Pos: pos, Category: "CL1", Message: msg}
	if rng := report.Range(pass, pos); rng != nil {
		d.Pos, d.End = rng.Pos(), rng.End()
	}
	// Only where nothing else in the function closes or hands the client
	// on: then a deferred Close after the error check is the one edit.
	if f.Kind == ownership.LeaksAtExit && !f.Handled {
		d.SuggestedFixes = report.DeferClose(pass, pos)
	}
	pass.Report(d)
}

type rule struct{}

func (rule) Acquisitions(instr ssa.Instruction) []ownership.Acquisition {
	call, ok := instr.(*ssa.Call)
	if !ok || inEntryPoint(call.Parent()) {
		return nil
	}
	fn := ownership.Callee(call.Common(), nil)
	kind := -1
	for i, m := range constructors {
		if etcdapi.Is(fn, m) {
			kind = i
		}
	}
	if kind < 0 {
		return nil
	}
	if kind == ctxClient && (len(call.Call.Args) == 0 || ctxflow.NeverEnds(call.Call.Args[0], nil) == nil) {
		// NewCtxClient dials nothing: its context is a child of the one
		// it is given, and ends with it. Only one that never ends leaks.
		return nil
	}
	acq := ownership.Acquisition{Instr: call, Kind: kind}
	if call.Call.Signature().Results().Len() == 1 {
		acq.Holders = []ownership.Holder{{Value: call, Role: ownership.Alias}}
		return []ownership.Acquisition{acq}
	}
	for _, r := range *call.Referrers() {
		if ex, ok := r.(*ssa.Extract); ok {
			switch ex.Index {
			case 0:
				acq.Holders = append(acq.Holders, ownership.Holder{Value: ex, Role: ownership.Alias})
			case 1:
				// Every error return of New (v3.3 to v3.7) is
				// (nil, err), after closing what it had dialed.
				acq.Gate = ex
			}
		}
	}
	return []ownership.Acquisition{acq}
}

// inEntryPoint reports whether fn is main.main, a cobra command's Run
// func (func(*cobra.Command, []string), run once per process as main is),
// or a closure in one: the process ends with its clients.
func inEntryPoint(fn *ssa.Function) bool {
	for ; fn != nil; fn = fn.Parent() {
		if isCobraRun(fn.Signature) {
			return true
		}
		if fn.Parent() == nil {
			return fn.Name() == "main" && fn.Signature.Recv() == nil && fn.Pkg != nil && fn.Pkg.Pkg.Name() == "main"
		}
	}
	return false
}

// isCobraRun reports whether sig is that of a cobra.Command's Run or
// RunE: (*cobra.Command, []string) with no result or an error.
func isCobraRun(sig *types.Signature) bool {
	ps, rs := sig.Params(), sig.Results()
	if sig.Recv() != nil || ps.Len() != 2 || rs.Len() > 1 || rs.Len() == 1 && !types.Identical(rs.At(0).Type(), types.Universe.Lookup("error").Type()) {
		return false
	}
	if s, ok := ps.At(1).Type().(*types.Slice); !ok || !types.Identical(s.Elem(), types.Typ[types.String]) {
		return false
	}
	p, ok := ps.At(0).Type().(*types.Pointer)
	if !ok {
		return false
	}
	n, ok := types.Unalias(p.Elem()).(*types.Named)
	return ok && n.Obj().Name() == "Command" && n.Obj().Pkg() != nil && trimVendor(n.Obj().Pkg().Path()) == "github.com/spf13/cobra"
}

func trimVendor(path string) string {
	if i := strings.LastIndex(path, "/vendor/"); i >= 0 {
		return path[i+len("/vendor/"):]
	}
	return path
}

// tagView marks the client's views: its KV, Lease, Watcher... fields and
// what clientv3.NewKV(cli) or namespace.NewKV(cli, p) return. None can
// close the client, but one handed on keeps it in use: a KV returned from
// a constructor is the client, to its caller.
const tagView = 1

func (rule) Classify(instr ssa.Instruction, h ownership.Holder) ownership.Effect {
	if h.Tag == tagView {
		return viewEffect(instr, h)
	}
	if _, ok := instr.(*ssa.Go); ok && h.Role != ownership.Related {
		// go watch(cli), or a goroutine capturing it: the goroutine
		// uses the client after the return, so it owns it now.
		return ownership.Effect{Kind: ownership.Escape}
	}
	if h.Role != ownership.Alias {
		return ownership.Effect{Kind: ownership.Default}
	}
	if fa, ok := instr.(*ssa.FieldAddr); ok && fa.X == h.Value && isView(fa.Type().(*types.Pointer).Elem()) {
		return ownership.Effect{Kind: ownership.Use, New: []ownership.Holder{{Value: fa, Role: ownership.Cell, Tag: tagView}}}
	}
	ci, ok := instr.(ssa.CallInstruction)
	if !ok {
		return ownership.Effect{Kind: ownership.Default}
	}
	call := ci.Common()
	fn := ownership.Callee(call, ownership.DynamicType(h.Value))
	switch {
	case ownership.Receiver(call) == h.Value && etcdapi.Is(fn, etcdapi.ClientClose):
		return ownership.ReleaseBy(instr)
	case ownership.Receiver(call) != h.Value && madeFrom(instr) != nil:
		// s, err := concurrency.NewSession(cli): the session carries
		// the client (s.Client().Close() reaches it), so handing the
		// session on hands the client on; the engine sees a carrier
		// only in a single result.
		return ownership.Effect{Kind: ownership.Use, New: madeFrom(instr)}
	case ownership.Receiver(call) != h.Value:
		if v := viewResult(instr); v != nil {
			return ownership.Effect{Kind: ownership.Use, New: v}
		}
	}
	return ownership.Effect{Kind: ownership.Default}
}

// viewEffect: a view's own methods (Get, Put, Watch, even a Watcher's
// Close) use the client; loading the view from its field gives the view;
// wrapping it (namespace.NewKV(cli.KV, p)) gives another. Handing it on
// is the engine's: an escape.
func viewEffect(instr ssa.Instruction, h ownership.Holder) ownership.Effect {
	if h.Role == ownership.Cell {
		if ld, ok := instr.(*ssa.UnOp); ok && ld.Op == token.MUL && ld.X == h.Value {
			return ownership.Effect{Kind: ownership.Use, New: []ownership.Holder{{Value: ld, Role: ownership.Carrier, Tag: tagView}}}
		}
		return ownership.Effect{Kind: ownership.Use} // cli.KV = ...: a use
	}
	ci, ok := instr.(ssa.CallInstruction)
	if !ok {
		return ownership.Effect{Kind: ownership.Default}
	}
	if ownership.Receiver(ci.Common()) == h.Value {
		return ownership.Effect{Kind: ownership.Use}
	}
	if v := viewResult(instr); v != nil {
		return ownership.Effect{Kind: ownership.Use, New: v}
	}
	return ownership.Effect{Kind: ownership.Default}
}

// viewResult returns, for an etcd call that makes a view of what it is
// given (clientv3.NewKV(cli), namespace.NewWatcher(w, p)), its result as a
// view, or nil.
func viewResult(instr ssa.Instruction) []ownership.Holder {
	call, ok := instr.(*ssa.Call)
	if !ok || call.Call.Signature().Results().Len() != 1 || !isView(call.Type()) {
		return nil
	}
	if _, ok := etcdapi.Lookup(ownership.Callee(call.Common(), nil)); !ok {
		return nil
	}
	return []ownership.Holder{{Value: call, Role: ownership.Carrier, Tag: tagView}}
}

// isView reports whether t is one of the client package's interfaces (KV,
// Lease, Watcher, Cluster, Auth, Maintenance): what the client embeds.
func isView(t types.Type) bool {
	n, ok := types.Unalias(t).(*types.Named)
	if !ok || n.Obj().Pkg() == nil || etcdapi.Role(n.Obj().Pkg().Path()) != etcdapi.Client {
		return false
	}
	_, isIface := n.Underlying().(*types.Interface)
	return isIface
}

func (rule) LeakyExit(*ownership.Acquisition, *ssa.Return) bool { return true }

// madeFrom returns, for an etcd call that returns an object and an
// error, the extract of that object as a carrier of the client given to
// it, or nil.
func madeFrom(instr ssa.Instruction) []ownership.Holder {
	call, ok := instr.(*ssa.Call)
	if !ok || call.Call.Signature().Results().Len() < 2 {
		return nil
	}
	fn := ownership.Callee(call.Common(), nil)
	if _, ok := etcdapi.Lookup(fn); !ok {
		return nil
	}
	var out []ownership.Holder
	for _, r := range *call.Referrers() {
		if ex, ok := r.(*ssa.Extract); ok && isEtcdObject(ex.Type()) {
			out = append(out, ownership.Holder{Value: ex, Role: ownership.Carrier})
		}
	}
	return out
}

// isEtcdObject reports whether t is a pointer to a named etcd type: a
// session, a mutex, a queue.
func isEtcdObject(t types.Type) bool {
	p, ok := t.(*types.Pointer)
	if !ok {
		return false
	}
	n, ok := types.Unalias(p.Elem()).(*types.Named)
	return ok && n.Obj().Pkg() != nil && etcdapi.IsEtcdPath(n.Obj().Pkg().Path())
}
