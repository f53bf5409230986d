package watchleak

import (
	"fmt"
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/ssa"

	"github.com/etcdlint/etcdlint/internal/ctxflow"
	"github.com/etcdlint/etcdlint/internal/etcdapi"
	"github.com/etcdlint/etcdlint/internal/ownership"
)

// checkWatches reports WL1: watches on a context nothing can cancel that
// some path abandons, or that a loop opens again while the last is open.
func (c *checker) checkWatches(fns []*ssa.Function) error {
	r := &watchRule{c: c, roots: make(map[ssa.Instruction]*ssa.Call), paths: ownership.NewPaths()}
	eng := ownership.New(c.pkg, r)
	for _, f := range eng.Check(fns) {
		c.reportWatch(r, f)
	}
	return eng.Err()
}

// watchRule is WL1's rule for the ownership engine: the watch is the
// resource, its channel the value that holds it. Reading the channel
// until it closes, handing it on, or closing the client ends the
// obligation.
type watchRule struct {
	c *checker
	// roots records, per watch call, the call its context comes from.
	roots map[ssa.Instruction]*ssa.Call
	paths *ownership.Paths
}

func (r *watchRule) Acquisitions(instr ssa.Instruction) []ownership.Acquisition {
	call, ok := instr.(*ssa.Call)
	if !ok {
		return nil
	}
	fn := ownership.Callee(call.Common(), nil)
	if !etcdapi.HasWatchMethod(fn) || !r.c.mayReport(call) {
		return nil
	}
	ctx := ctxArg(call.Common())
	if ctx == nil {
		return nil
	}
	root := ctxflow.NeverEnds(ctx, etcdContext)
	if root == nil {
		return nil
	}
	r.roots[call] = root
	acq := ownership.Acquisition{Instr: call}
	if call.Call.Signature().Results().Len() == 1 {
		acq.Holders = append(acq.Holders, ownership.Holder{Value: call, Role: ownership.Alias})
	} else {
		for _, ref := range *call.Referrers() {
			if ex, ok := ref.(*ssa.Extract); ok {
				switch ex.Index {
				case 0:
					acq.Holders = append(acq.Holders, ownership.Holder{Value: ex, Role: ownership.Alias})
				case 1:
					acq.Gate = ex
				}
			}
		}
	}
	if recv := ownership.Receiver(call.Common()); recv != nil {
		// The receiver, and where it was loaded from: closing w.cli
		// again through another load of it (defer w.cli.Close()) counts.
		acq.Holders = append(acq.Holders, r.paths.Holders(recv, ownership.Related)...)
		// cli.Watch is a method of the Watcher embedded in the client:
		// the receiver is a load of cli.Watcher, and cli.Close() ends it.
		if ld, ok := recv.(*ssa.UnOp); ok && ld.Op == token.MUL {
			if fa, ok := ld.X.(*ssa.FieldAddr); ok && etcdapi.IsType(fa.X.Type(), etcdapi.Client, "Client") {
				acq.Holders = append(acq.Holders, r.paths.Holders(fa.X, ownership.Related)...)
			}
		}
	}
	return []ownership.Acquisition{acq}
}

// etcdContext tells ctxflow.NeverEnds about the client's contexts:
// clientv3.WithRequireLeader(ctx) ends when ctx does, and client.Ctx()
// only when the client closes, which is what a watch on it waits for.
func etcdContext(call *ssa.Call) (ssa.Value, bool) {
	fn := ownership.Callee(call.Common(), nil)
	switch {
	case etcdapi.Is(fn, etcdapi.RequireLeader) && len(call.Call.Args) == 1:
		return call.Call.Args[0], false
	case etcdapi.Is(fn, etcdapi.ClientCtx):
		return nil, true
	}
	return nil, false
}

// ctxArg is the first context argument of call, or nil.
func ctxArg(call *ssa.CallCommon) ssa.Value {
	for _, a := range call.Args {
		if ctxflow.IsContext(a.Type()) {
			return a
		}
	}
	return nil
}

// mayReport reports whether a watch at call is WL1's business: not in
// main.main, whose process ends with the watch, and not in a test file
// unless -watchleak.tests is set (a test's client closes when it ends).
func (c *checker) mayReport(call *ssa.Call) bool {
	if inMain(call.Parent()) {
		return false
	}
	return !c.inTestFile(call.Pos())
}

// inTestFile reports whether pos is in a _test.go file and tests are not
// WL1's business (-watchleak.tests is off).
func (c *checker) inTestFile(pos token.Pos) bool {
	return !c.tests && strings.HasSuffix(c.pass.Fset.Position(pos).Filename, "_test.go")
}

func inMain(fn *ssa.Function) bool {
	for fn.Parent() != nil {
		fn = fn.Parent()
	}
	return fn.Name() == "main" && fn.Signature.Recv() == nil && fn.Pkg != nil && fn.Pkg.Pkg.Name() == "main"
}

func (r *watchRule) Classify(instr ssa.Instruction, h ownership.Holder) ownership.Effect {
	if eff, ok := r.paths.Follow(instr, h); ok && eff.Kind != ownership.Default {
		return eff
	}
	switch h.Role {
	case ownership.Related:
		// Closing the client, or the Watcher, ends every watch on it.
		if ci, ok := instr.(ssa.CallInstruction); ok && ownership.Receiver(ci.Common()) == h.Value {
			if fn := ownership.Callee(ci.Common(), nil); fn != nil && fn.Name() == "Close" {
				return ownership.ReleaseBy(instr)
			}
		}
	case ownership.Alias:
		if recvFrom(instr, h.Value) && readElsewhere(h.Value) {
			// A function or goroutine the channel was handed to reads
			// it: that code now owns the watch.
			return ownership.Effect{Kind: ownership.Release}
		}
		if _, ok := instr.(*ssa.Select); ok {
			// A select receiving from the channel uses it; the engine
			// would take any select on a signal for a release.
			return ownership.Effect{Kind: ownership.Use}
		}
	}
	return ownership.Effect{Kind: ownership.Default}
}

// recvFrom reports whether instr receives from ch.
func recvFrom(instr ssa.Instruction, ch ssa.Value) bool {
	switch instr := instr.(type) {
	case *ssa.UnOp:
		return instr.Op == token.ARROW && instr.X == ch
	case *ssa.Select:
		for _, st := range instr.States {
			if st.Chan == ch && st.Dir == types.RecvOnly {
				return true
			}
		}
	}
	return false
}

// readElsewhere reports whether ch is the channel as a function it was
// handed to sees it: its parameter or free variable, or a load of one.
// The watch's own function holds a value of its own making.
func readElsewhere(ch ssa.Value) bool {
	if ld, ok := ch.(*ssa.UnOp); ok && ld.Op == token.MUL {
		ch = ld.X
	}
	switch ch.(type) {
	case *ssa.Parameter, *ssa.FreeVar:
		return true
	}
	return false
}

func (r *watchRule) LeakyExit(*ownership.Acquisition, *ssa.Return) bool { return true }

// EndedBranch: the watch has ended where a receive's ok is false (the
// channel is closed), and where its last response says so: Canceled is
// set and Err() is non-nil on the response the client sends before it
// closes the channel. It is left to the client where a select takes the
// case of a shutdown signal that is closed only with the client.
func (r *watchRule) EndedBranch(acq *ownership.Acquisition, cond ssa.Value, held func(ssa.Value) bool) int {
	if not, ok := cond.(*ssa.UnOp); ok && not.Op == token.NOT {
		if i := r.EndedBranch(acq, not.X, held); i >= 0 {
			return 1 - i
		}
		return -1
	}
	if bin, ok := cond.(*ssa.BinOp); ok {
		if i := r.shutdownCase(acq, bin); i >= 0 {
			return i
		}
	}
	switch cond := cond.(type) {
	case *ssa.Extract:
		if cond.Index == 1 && isRecvOn(cond.Tuple, held) {
			return 1 // ok false: closed
		}
	case *ssa.UnOp:
		// wresp.Canceled, read through the variable's address.
		if fa, ok := cond.X.(*ssa.FieldAddr); ok && cond.Op == token.MUL && isField(fa.X.Type(), fa.Field, "Canceled") && received(fa.X, held, 0) {
			return 0
		}
	case *ssa.Field:
		if isField(cond.X.Type(), cond.Field, "Canceled") && received(cond.X, held, 0) {
			return 0
		}
	case *ssa.BinOp:
		if i := compactTest(cond, held); i >= 0 {
			return i
		}
		// wresp.Err() != nil, or == a sentinel error (a global): on
		// either the error is not nil.
		x, y := cond.X, cond.Y
		if isNil(x) || isGlobalLoad(x) {
			x, y = y, x
		}
		if !respErr(x, held) || !isNil(y) && !isGlobalLoad(y) {
			break
		}
		ended := token.NEQ
		if !isNil(y) {
			ended = token.EQL
		}
		switch cond.Op {
		case ended:
			return 0
		case token.EQL, token.NEQ:
			if isNil(y) {
				return 1
			}
		}
	case *ssa.Call:
		// errors.Is(wresp.Err(), target) is true only for an error.
		if fn := ownership.Callee(cond.Common(), nil); fn != nil && fn.Pkg() != nil && fn.Pkg().Path() == "errors" && fn.Name() == "Is" &&
			len(cond.Call.Args) == 2 && respErr(cond.Call.Args[0], held) {
			return 0
		}
	}
	return -1
}

// respErr reports whether v is wresp.Err() on a response received from a
// channel that holds the watch.
func respErr(v ssa.Value, held func(ssa.Value) bool) bool {
	call, ok := v.(*ssa.Call)
	if !ok || len(call.Call.Args) != 1 {
		return false
	}
	fn := ownership.Callee(call.Common(), nil)
	return fn != nil && fn.Name() == "Err" && etcdapi.IsType(call.Call.Args[0].Type(), etcdapi.Client, "WatchResponse") && received(call.Call.Args[0], held, 0)
}

// isGlobalLoad reports whether v is the value of a package variable (a
// sentinel error such as rpctypes.ErrCompacted).
func isGlobalLoad(v ssa.Value) bool {
	ld, ok := v.(*ssa.UnOp)
	if !ok || ld.Op != token.MUL {
		return false
	}
	_, ok = ld.X.(*ssa.Global)
	return ok
}

// compactTest tells the branch of wresp.CompactRevision != 0 (or > 0, or
// == 0) where the watch has ended: the server cancels a watch whose
// revision was compacted, and the client sends that response last and
// closes the channel (the Watch doc comment), so a retry that breaks out
// on it leaves no watch behind.
func compactTest(cond *ssa.BinOp, held func(ssa.Value) bool) int {
	x, y := cond.X, cond.Y
	if isZero(x) {
		x, y = y, x
	}
	if !isZero(y) || !compactField(x, held) {
		return -1
	}
	switch {
	case cond.Op == token.NEQ || cond.Op == token.GTR && x == cond.X:
		return 0
	case cond.Op == token.EQL:
		return 1
	}
	return -1
}

// compactField reports whether v is the CompactRevision of a response
// received from a channel that holds the watch.
func compactField(v ssa.Value, held func(ssa.Value) bool) bool {
	switch v := v.(type) {
	case *ssa.UnOp:
		fa, ok := v.X.(*ssa.FieldAddr)
		return ok && v.Op == token.MUL && isField(fa.X.Type(), fa.Field, "CompactRevision") && received(fa.X, held, 0)
	case *ssa.Field:
		return isField(v.X.Type(), v.Field, "CompactRevision") && received(v.X, held, 0)
	}
	return false
}

// isRecvOn reports whether tuple is a comma-ok receive, or a select
// receiving, from a channel that holds the watch.
func isRecvOn(tuple ssa.Value, held func(ssa.Value) bool) bool {
	switch t := tuple.(type) {
	case *ssa.UnOp:
		return t.Op == token.ARROW && held(t.X)
	case *ssa.Select:
		for _, st := range t.States {
			if st.Dir == types.RecvOnly && held(st.Chan) {
				return true
			}
		}
	}
	return false
}

// received reports whether v is a response received from a channel that
// holds the watch, or the address of a variable one was stored in.
func received(v ssa.Value, held func(ssa.Value) bool, depth int) bool {
	if depth > 4 {
		return false
	}
	switch v := v.(type) {
	case *ssa.UnOp:
		switch v.Op {
		case token.ARROW:
			return held(v.X)
		case token.MUL:
			return received(v.X, held, depth+1)
		}
	case *ssa.Extract:
		return v.Index != 1 && isRecvOn(v.Tuple, held)
	case *ssa.Phi:
		for _, e := range v.Edges {
			if received(e, held, depth+1) {
				return true
			}
		}
	case *ssa.Alloc:
		for _, ref := range *v.Referrers() {
			if st, ok := ref.(*ssa.Store); ok && st.Addr == v && received(st.Val, held, depth+1) {
				return true
			}
		}
	}
	return false
}

// isField reports whether field i of the struct t points to (or is) is
// the WatchResponse's field name.
func isField(t types.Type, i int, name string) bool {
	if !etcdapi.IsType(t, etcdapi.Client, "WatchResponse") {
		return false
	}
	if p, ok := t.Underlying().(*types.Pointer); ok {
		t = p.Elem()
	}
	st, ok := t.Underlying().(*types.Struct)
	return ok && i < st.NumFields() && st.Field(i).Name() == name
}

const (
	wl1Consequence = "the client buffers its events in memory without bound, and keeps a watcher on the server and a goroutine until the client closes"
	wl1Fix         = "watch with wctx, cancel := context.WithCancel(ctx) and defer cancel(), as etcd's concurrency/key.go does"

	wl1LoopConsequence = "the client buffers in memory without bound, with a watcher on the server and a goroutine, until the client closes"
	wl1LoopFix         = "cancel each watch before the next (wctx, cancel := context.WithCancel(ctx) in the iteration, cancel() before it ends)"
)

// reportWatch turns an engine finding into WL1.
func (c *checker) reportWatch(r *watchRule, f ownership.Finding) {
	call, ok := f.Acq.Instr.(*ssa.Call)
	if !ok {
		return
	}
	root := r.roots[call]
	if root == nil {
		return
	}
	what := watchName(call)
	ctx := "context." + ctxflow.Func(root.Common()) + "()"
	if ctxflow.Func(root.Common()) == "" {
		ctx = "the client's Ctx()"
	} else if ctxflow.Func(root.Common()) == "WithoutCancel" {
		ctx = "context.WithoutCancel(...)"
	}
	ctx += " at " + c.where(root.Pos())
	var msg string
	switch f.Kind {
	case ownership.LeaksAtExit:
		if c.callersClose(call) {
			return
		}
		msg = fmt.Sprintf("this %s is given a context nothing can cancel (%s), and the return at %s abandons it: its channel is neither read until it closes nor handed on, so %s; %s",
			what, ctx, c.where(f.Exit), wl1Consequence, wl1Fix)
	case ownership.LostInLoop:
		msg = fmt.Sprintf("this %s, on a context nothing can cancel (%s), runs again on each iteration of the loop while the previous watch is still open, so every iteration adds a watch whose events %s; %s",
			what, ctx, wl1LoopConsequence, wl1LoopFix)
	default:
		return // never released, but the program never gets past it either
	}
	c.diag("WL1", call.Pos(), token.NoPos, msg, c.watchFix(f, call))
}

// watchName is how a message calls the watch: "Watch", "Observe".
func watchName(call *ssa.Call) string {
	if fn := ownership.Callee(call.Common(), nil); fn != nil {
		return fn.Name()
	}
	return "watch"
}

// callersClose reports whether the watch runs on a client kept in a field
// of the method's receiver (d.c.Watch) and every caller of the method, an
// unexported one called only in this package, has deferred closing that
// field's client before the call: the watch then ends with the caller,
// as etcd's v3discovery does with defer d.close() around waitPeers.
func (c *checker) callersClose(call *ssa.Call) bool {
	fn := call.Parent()
	cli := clientOf(ownership.Receiver(call.Common()))
	if p, ok := cli.(*ssa.Parameter); ok {
		return c.callersCloseParam(fn, p)
	}
	field, ok := receiverField(fn, cli)
	return ok && c.callersCloseField(fn, field, 0)
}

// callersCloseParam reports whether the watch runs on a client that is a
// parameter of the unexported function fn, and every call of fn in the
// package passes a client the caller has deferred closing before the
// call (cli, _ := clientv3.New(cfg); defer cli.Close(); return
// firstValue(cli, key)): the watch then ends when the caller returns.
func (c *checker) callersCloseParam(fn *ssa.Function, p *ssa.Parameter) bool {
	if fn.Object() == nil || fn.Object().Exported() || fn.Parent() != nil {
		return false
	}
	idx := -1
	for i, q := range fn.Params {
		if q == p {
			idx = i
		}
	}
	if idx < 0 {
		return false
	}
	callers := 0
	for _, g := range c.funcs {
		for _, b := range g.Blocks {
			for _, instr := range b.Instrs {
				ci, ok := instr.(ssa.CallInstruction)
				if !ok || ci.Common().StaticCallee() != fn || c.inTestFile(instr.Pos()) {
					continue
				}
				callers++
				if _, isCall := instr.(*ssa.Call); !isCall || len(ci.Common().Args) <= idx || !deferredClose(instr, resolve(ci.Common().Args[idx])) {
					return false
				}
			}
		}
	}
	return callers > 0
}

// deferredClose reports whether a defer registered before instr on every
// path calls Close on cli.
func deferredClose(instr ssa.Instruction, cli ssa.Value) bool {
	for _, b := range instr.Parent().Blocks {
		for _, x := range b.Instrs {
			d, ok := x.(*ssa.Defer)
			if !ok || !ownership.Before(d, instr) {
				continue
			}
			if fn := ownership.Callee(d.Common(), nil); fn != nil && fn.Name() == "Close" && resolve(ownership.Receiver(d.Common())) == cli {
				return true
			}
		}
	}
	return false
}

// callersCloseField reports whether every call of the unexported method fn
// has deferred closing the client in field of the receiver it passes, or
// is in a method of the same receiver whose own callers all have.
func (c *checker) callersCloseField(fn *ssa.Function, field, depth int) bool {
	if depth > 3 || fn.Signature.Recv() == nil || fn.Object() == nil || fn.Object().Exported() {
		return false
	}
	callers := 0
	for _, g := range c.funcs {
		for _, b := range g.Blocks {
			for _, instr := range b.Instrs {
				ci, ok := instr.(ssa.CallInstruction)
				if !ok || ci.Common().StaticCallee() != fn || c.inTestFile(instr.Pos()) {
					// A test calling the method directly is a test's
					// business, as its own watches are.
					continue
				}
				callers++
				if _, isCall := instr.(*ssa.Call); !isCall || len(ci.Common().Args) == 0 {
					return false
				}
				recv := resolve(ci.Common().Args[0])
				if closedBefore(instr, recv, field) {
					continue
				}
				if len(g.Params) == 0 || recv != g.Params[0] || !c.callersCloseField(g, field, depth+1) {
					return false
				}
			}
		}
	}
	return callers > 0
}

// receiverField returns the index of the field of fn's receiver that v is
// loaded from (v is d.c in a method of d).
func receiverField(fn *ssa.Function, v ssa.Value) (int, bool) {
	if fn.Signature.Recv() == nil || len(fn.Params) == 0 || v == nil {
		return 0, false
	}
	ld, ok := v.(*ssa.UnOp)
	if !ok || ld.Op != token.MUL {
		return 0, false
	}
	fa, ok := ld.X.(*ssa.FieldAddr)
	if !ok || resolve(fa.X) != fn.Params[0] {
		return 0, false
	}
	return fa.Field, true
}

// closedBefore reports whether a defer registered before instr on every
// path closes the client in field of recv: defer recv.f.Close(), or defer
// recv.m() where m, a method of this package, closes its receiver's field.
func closedBefore(instr ssa.Instruction, recv ssa.Value, field int) bool {
	for _, b := range instr.Parent().Blocks {
		for _, x := range b.Instrs {
			d, ok := x.(*ssa.Defer)
			if !ok || !ownership.Before(d, instr) {
				continue
			}
			if closesField(d.Common(), recv, field) {
				return true
			}
			m := d.Common().StaticCallee()
			if m != nil && len(m.Params) > 0 && len(d.Common().Args) > 0 && resolve(d.Common().Args[0]) == recv && closesOwnField(m, field) {
				return true
			}
		}
	}
	return false
}

// closesField reports whether call is Close on the client in field of recv.
func closesField(call *ssa.CallCommon, recv ssa.Value, field int) bool {
	fn := ownership.Callee(call, nil)
	if fn == nil || fn.Name() != "Close" {
		return false
	}
	ld, ok := resolve(ownership.Receiver(call)).(*ssa.UnOp)
	if !ok || ld.Op != token.MUL {
		return false
	}
	fa, ok := ld.X.(*ssa.FieldAddr)
	return ok && fa.Field == field && resolve(fa.X) == recv
}

// closesOwnField reports whether the method m closes the client in field
// of its receiver somewhere in its body.
func closesOwnField(m *ssa.Function, field int) bool {
	for _, b := range m.Blocks {
		for _, x := range b.Instrs {
			if ci, ok := x.(ssa.CallInstruction); ok && ownership.Receiver(ci.Common()) != nil && closesField(ci.Common(), m.Params[0], field) {
				return true
			}
		}
	}
	return false
}
