package ctxtimeout

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"

	"github.com/etcdlint/etcdlint/internal/ctxflow"
	"github.com/etcdlint/etcdlint/internal/ownership"
	"github.com/etcdlint/etcdlint/internal/report"
)

// checkCancels reports CT1: cancel funcs of contexts that reach etcd,
// discarded or not called on some path.
func (c *checker) checkCancels(fns []*ssa.Function) error {
	eng := ownership.New(c.pkg, cancelRule{pkg: c.pkg})
	for _, f := range eng.Check(fns) {
		c.reportCancel(f)
	}
	return eng.Err()
}

// cancelRule makes the cancel func of each context.With* call the
// resource; calling it releases it.
type cancelRule struct{ pkg *ssa.Package }

func (cancelRule) Acquisitions(instr ssa.Instruction) []ownership.Acquisition {
	call, ok := instr.(*ssa.Call)
	if !ok || !ctxflow.IsWithCancel(ctxflow.Func(call.Common())) {
		return nil
	}
	acq := ownership.Acquisition{Instr: call}
	if cancel := ctxflow.Cancel(call); cancel != nil {
		acq.Holders = []ownership.Holder{{Value: cancel, Role: ownership.Alias}}
	}
	return []ownership.Acquisition{acq}
}

func (r cancelRule) Classify(instr ssa.Instruction, h ownership.Holder) ownership.Effect {
	if _, ok := instr.(*ssa.MakeClosure); ok {
		// A closure body is summarised as if each captured variable held
		// the cancel func itself; for a struct or slice holding it, or a
		// variable holding one of those, the summary would miss the call
		// through the field and call it a leak. Precision first.
		if h.Role == ownership.Carrier || h.Role == ownership.Cell && !holdsFunc(h.Value) {
			return ownership.Effect{Kind: ownership.Escape}
		}
		return ownership.Effect{Kind: ownership.Default}
	}
	if st, ok := instr.(*ssa.Store); ok && st.Val == h.Value && h.Role == ownership.Alias {
		if fv, ok := st.Addr.(*ssa.FreeVar); ok && goroutineOwns(fv) {
			// wctx, wcancel = context.WithCancel(ctx) in a goroutine, on
			// a variable only that goroutine still uses: the variable is
			// the goroutine's own, as a local one would be.
			return ownership.Effect{Kind: ownership.Use, New: []ownership.Holder{{Value: fv, Role: ownership.Cell, Tag: h.Tag}}}
		}
	}
	ci, ok := instr.(ssa.CallInstruction)
	if !ok {
		return ownership.Effect{Kind: ownership.Default}
	}
	call := ci.Common()
	if call.Value == h.Value && !call.IsInvoke() && h.Role == ownership.Alias {
		return ownership.ReleaseBy(instr)
	}
	passed := false
	for _, a := range call.Args {
		passed = passed || a == h.Value
	}
	if !passed {
		return ownership.Effect{Kind: ownership.Default}
	}
	if b, ok := call.Value.(*ssa.Builtin); ok {
		if b.Name() == "append" {
			return ownership.Effect{Kind: ownership.Escape} // stored in a slice
		}
		return ownership.Effect{Kind: ownership.Default}
	}
	if fn := call.StaticCallee(); fn != nil && fn.Pkg == r.pkg && h.Role == ownership.Alias {
		return ownership.Effect{Kind: ownership.Default} // the callee's summary decides
	}
	// A function of another package given the cancel func may keep it and
	// call it later: time.AfterFunc(d, cancel), context.AfterFunc, t.Cleanup.
	// The engine's list of non-retaining packages is about values that
	// are used, not funcs that are called back. And a struct or a variable
	// holding the cancel func is summarised no better than in a closure.
	return ownership.Effect{Kind: ownership.Escape}
}

// holdsFunc reports whether the variable cell holds a func: the cancel
// func itself rather than something that carries it.
func holdsFunc(cell ssa.Value) bool {
	ptr, ok := cell.Type().Underlying().(*types.Pointer)
	if !ok {
		return false
	}
	_, ok = ptr.Elem().Underlying().(*types.Signature)
	return ok
}

func (cancelRule) LeakyExit(*ownership.Acquisition, *ssa.Return) bool { return true }

func (c *checker) reportCancel(f ownership.Finding) {
	call, ok := f.Acq.Instr.(*ssa.Call)
	if !ok {
		return
	}
	if c.ended[call] {
		return // CT6 reports the keepalive or session this context ends
	}
	ctor := ctxflow.Func(call.Common()) // "" for a same-package helper returning a cancel func
	if (ctor == "WithCancel" || ctor == "WithCancelCause") && doneless(call.Call.Args[0]) {
		// A parent without Done does not register its children: an
		// uncancelled child retains nothing.
		return
	}
	use := c.etcdUse(call)
	if use == nil {
		return // go vet's lostcancel covers contexts that never reach etcd
	}
	expr, path := report.CallAt(c.pass, call.Pos())
	if expr == nil {
		return
	}
	discarded := len(path) > 1 && isBlank(cancelIdent(path[1], expr))
	if !discarded {
		switch {
		case f.Kind == ownership.NeverReleased:
			// One instance in a function that never returns: nothing
			// accumulates.
			return
		case f.Kind == ownership.LeaksAtExit && isMainMain(f.Fn):
			return // the process ends with main
		case vetReportsPath(c.pass, f.Fn, expr, path):
			return // lostcancel reports it; see doc.go
		}
	}
	if f.Kind == ownership.LostInLoop && f.Deferred.IsValid() && c.boundsStream(call) {
		// for ... { wctx, cancel := ...; defer cancel(); ws[i] =
		// cli.Watch(wctx, k) }: each context bounds a watch (a keepalive,
		// a session) the function goes on using after the loop; the
		// defer is what keeps them all open until it returns.
		return
	}
	what := "the cancel func of context." + ctor
	if fn := call.Call.StaticCallee(); ctor == "" && fn != nil {
		what = "the cancel func returned by " + fn.Name()
	}
	cost := consequence(ctor)
	if strings.HasPrefix(cost, "its timer and") && doneless(call.Call.Args[0]) {
		// A parent without Done keeps no entry for its children.
		cost = "its timer lives until the deadline"
	}
	deferCancel := "defer cancel()"
	if takesCause(call.Type()) {
		deferCancel = "defer cancel(nil)"
	}
	witness := "(the context goes to etcd)"
	if use.Pos().IsValid() {
		witness = fmt.Sprintf("(the context goes to etcd at %s)", c.where(use.Pos()))
	}
	var msg string
	var fixes []analysis.SuggestedFix
	switch {
	case discarded:
		msg = fmt.Sprintf("%s is discarded, so %s on every call %s; assign it and %s", what, cost, witness, deferCancel)
		fixes = c.nameCancel(expr, path)
	case f.Kind == ownership.LostInLoop && f.Deferred.IsValid():
		msg = fmt.Sprintf("%s is deferred at %s, which waits for the function to return, and the loop makes the next context first, so every iteration's %s %s; move the loop body into a function, or call %s at the end of the iteration",
			what, c.where(f.Deferred), strings.TrimPrefix(strings.TrimPrefix(cost, "its "), "the context's "), witness, strings.TrimPrefix(deferCancel, "defer "))
	case f.Kind == ownership.LostInLoop:
		msg = fmt.Sprintf("%s is not called before the loop makes the next context, so %s on every iteration %s; call %s before the iteration ends", what, cost, witness, strings.TrimPrefix(deferCancel, "defer "))
	default:
		msg = fmt.Sprintf("%s is not called when the function returns at %s, so %s on every call %s; call it on every path, e.g. %s after the call",
			what, c.where(f.Exit), cost, witness, deferCancel)
	}
	c.diag("CT1", call.Pos(), msg, fixes)
}

// consequence says what an uncancelled context made by ctor retains.
func consequence(ctor string) string {
	switch {
	case strings.HasPrefix(ctor, "WithTimeout"), strings.HasPrefix(ctor, "WithDeadline"):
		return "its timer and its entry in the parent context live until the deadline"
	case strings.HasPrefix(ctor, "WithCancel"):
		return "its entry in the parent context lives until the parent ends"
	}
	return "the context's timer and its entry in its parent live until it expires"
}

// etcdUse returns a call of the etcd client that the context made by call,
// or one derived from it, is passed to; nil if there is none.
func (c *checker) etcdUse(call *ssa.Call) ssa.CallInstruction {
	for _, r := range *call.Referrers() {
		if ex, ok := r.(*ssa.Extract); ok && ctxflow.IsContext(ex.Type()) {
			if use := ctxflow.Reaches(ex, c.pkg, isEtcdCall); use != nil {
				return use
			}
		}
	}
	return nil
}

// boundsStream reports whether the context made by call, or one derived
// from it, is given to an etcd call whose result lives as long as the
// context does: a watch, a keepalive, an election's observation, a session.
func (c *checker) boundsStream(call *ssa.Call) bool {
	for _, r := range *call.Referrers() {
		if ex, ok := r.(*ssa.Extract); ok && ctxflow.IsContext(ex.Type()) {
			if ctxflow.Reaches(ex, c.pkg, isStreamingCall) != nil {
				return true
			}
		}
	}
	return false
}

// streaming are the etcd calls whose result is bound to the ctx they are
// given for its whole life.
var streaming = map[string]bool{"Watch": true, "KeepAlive": true, "Observe": true, "WithContext": true, "NewWatchChannel": true}

func isStreamingCall(call ssa.CallInstruction) bool {
	if !isEtcdCall(call) {
		return false
	}
	common := call.Common()
	if common.IsInvoke() {
		return streaming[common.Method.Name()]
	}
	fn := common.StaticCallee()
	return fn != nil && streaming[fn.Name()]
}

// doneless reports whether ctx has no Done channel: it derives, through
// WithValue only, from context.Background, TODO or WithoutCancel.
func doneless(ctx ssa.Value) bool {
	for range 32 {
		call, ok := ctxflow.Value(ctx).(*ssa.Call)
		if !ok {
			return false
		}
		switch ctxflow.Func(call.Common()) {
		case "Background", "TODO", "WithoutCancel":
			return true
		case "WithValue":
			ctx = call.Call.Args[0]
		default:
			return false
		}
	}
	return false
}

func isBlank(id *ast.Ident) bool { return id != nil && id.Name == "_" }

// nameCancel suggests naming a discarded cancel func `cancel` and deferring
// it on the next line, when that is the one right edit: the assignment
// declares its variables (:= or var), stands alone on its line in a
// statement list, is not in a loop (where a defer would wait for the
// function), and no `cancel` is in scope already, declared later in the
// same block, or named by an earlier fix in that block.
func (c *checker) nameCancel(expr *ast.CallExpr, path []ast.Node) []analysis.SuggestedFix {
	if report.InLoop(path) {
		return nil
	}
	var blank ast.Node
	var stmt ast.Stmt
	var list ast.Node // the node whose statement list holds stmt
	switch s := path[1].(type) {
	case *ast.AssignStmt:
		if s.Tok != token.DEFINE || len(path) < 3 {
			return nil
		}
		blank, stmt, list = s.Lhs[1], s, path[2]
	case *ast.ValueSpec:
		if len(path) < 5 {
			return nil
		}
		decl, ok := path[3].(*ast.DeclStmt)
		if !ok {
			return nil
		}
		blank, stmt, list = s.Names[1], decl, path[4]
	default:
		return nil
	}
	if !inList(list, stmt) {
		return nil
	}
	scope := c.pass.Pkg.Scope().Innermost(expr.Pos())
	if scope == nil || scope.Lookup("cancel") != nil || c.named[scope] {
		return nil
	}
	if _, obj := scope.LookupParent("cancel", expr.Pos()); obj != nil {
		return nil
	}
	eol, ok := c.lineEnd(stmt.End())
	if !ok {
		return nil
	}
	call := "cancel()"
	if takesCause(c.pass.TypesInfo.TypeOf(expr)) {
		call = "cancel(nil)" // a CancelCauseFunc: nil cause means context.Canceled
	}
	c.named[scope] = true
	indent := report.Indent(c.pass, stmt.Pos())
	return []analysis.SuggestedFix{{
		Message: "name the cancel func and defer " + call,
		TextEdits: []analysis.TextEdit{
			{Pos: blank.Pos(), End: blank.End(), NewText: []byte("cancel")},
			{Pos: eol, End: eol, NewText: []byte("\n" + indent + "defer " + call)},
		},
	}}
}

// lineEnd returns the end of the line on which pos stands, if nothing but
// a line comment follows pos there: a new statement can go on the next
// line without moving anything else.
func (c *checker) lineEnd(pos token.Pos) (token.Pos, bool) {
	file := c.pass.Fset.File(pos)
	if file == nil {
		return token.NoPos, false
	}
	src, err := c.pass.ReadFile(file.Name())
	if err != nil {
		return token.NoPos, false
	}
	off := file.Offset(pos)
	rest := src[off:]
	if i := strings.IndexByte(string(rest), '\n'); i >= 0 {
		rest = rest[:i]
	}
	if t := strings.TrimSpace(string(rest)); t != "" && !strings.HasPrefix(t, "//") {
		return token.NoPos, false
	}
	return pos + token.Pos(len(rest)), true
}

// takesCause reports whether the second result of a With* call (tuple t)
// is a func that takes an argument: context.CancelCauseFunc.
func takesCause(t types.Type) bool {
	tuple, ok := t.(*types.Tuple)
	if !ok || tuple.Len() < 2 {
		return false
	}
	sig, ok := tuple.At(1).Type().Underlying().(*types.Signature)
	return ok && sig.Params().Len() == 1
}

// inList reports whether stmt is an element of n's statement list.
func inList(n ast.Node, stmt ast.Stmt) bool {
	var list []ast.Stmt
	switch n := n.(type) {
	case *ast.BlockStmt:
		list = n.List
	case *ast.CaseClause:
		list = n.Body
	case *ast.CommClause:
		list = n.Body
	}
	for _, s := range list {
		if s == stmt {
			return true
		}
	}
	return false
}
