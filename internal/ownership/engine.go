package ownership

import (
	"errors"
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"runtime/debug"
	"slices"
	"sort"

	"golang.org/x/tools/go/ssa"
)

// Engine analyses one package for one rule. It caches callee summaries, so
// create one per analysis pass and rule.
type Engine struct {
	rule      Rule
	pkg       *ssa.Package
	summaries map[summaryKey]EffectKind
	factories map[*ssa.Function]*factory
	noReturn  map[*ssa.Function]bool
	ends      map[*ssa.Function]map[*ssa.BasicBlock]bool
	failures  []error
}

// New returns an engine for rule over the SSA package pkg.
func New(pkg *ssa.Package, rule Rule) *Engine {
	return &Engine{
		rule:      rule,
		pkg:       pkg,
		summaries: make(map[summaryKey]EffectKind),
		factories: make(map[*ssa.Function]*factory),
		noReturn:  make(map[*ssa.Function]bool),
		ends:      make(map[*ssa.Function]map[*ssa.BasicBlock]bool),
	}
}

// FindingKind says how a resource leaks.
type FindingKind uint8

const (
	// LeaksAtExit: some path returns with the resource still held.
	LeaksAtExit FindingKind = iota + 1
	// LostInLoop: a loop runs the acquire again while the previous
	// instance is still held.
	LostInLoop
	// NeverReleased: no path releases the resource and none hands it on;
	// reported even when the function never returns.
	NeverReleased
)

// A Finding is one leaking acquisition.
type Finding struct {
	Fn   *ssa.Function
	Acq  Acquisition
	Kind FindingKind
	// Exit is the witness: the return that leaks (LeaksAtExit) or the
	// acquire that runs again (LostInLoop). For an implicit return it is
	// the function's closing brace.
	Exit token.Pos
	// Escapes reports whether the resource is handed on somewhere in the
	// function (on other paths than the witness).
	Escapes bool
	// Handled reports whether anything in the function releases or hands
	// on the resource, on any path, or a goroutine uses it: a fix that
	// defers a release is then not the one right edit.
	Handled bool
	// Deferred, for LostInLoop, is the defer that releases the resource
	// when the function returns, not when the iteration ends: the loop
	// makes the next instance while the defer still waits. NoPos when
	// nothing releases it before the loop comes round.
	Deferred token.Pos
	// Discharges are the releases and hand-offs behind Handled, and
	// GoroutineUse whether a goroutine's use is behind it too: a rule can
	// then tell a single final release a fix may move into a defer.
	Discharges   []ssa.Instruction
	GoroutineUse bool
}

// Check analyses every acquisition in fns and returns the findings in
// source order.
func (e *Engine) Check(fns []*ssa.Function) []Finding {
	var out []Finding
	for _, fn := range fns {
		out = append(out, e.checkFunc(fn)...)
	}
	fset := e.pkg.Prog.Fset
	sort.SliceStable(out, func(i, j int) bool {
		return sourceBefore(fset, out[i].Acq.Instr.Pos(), out[j].Acq.Instr.Pos())
	})
	return out
}

// sourceBefore orders positions by file name and offset. Comparing token.Pos
// across files is not enough: the driver parses a package's files
// concurrently, so which file gets the lower base differs from run to run.
func sourceBefore(fset *token.FileSet, a, b token.Pos) bool {
	pa, pb := fset.Position(a), fset.Position(b)
	if pa.Filename != pb.Filename {
		return pa.Filename < pb.Filename
	}
	return pa.Offset < pb.Offset
}

// checkFunc analyses one function. A bug in the engine or a rule must not
// cost the user the rest of the package: a panic is recorded, naming the
// function, and the next function is analysed.
func (e *Engine) checkFunc(fn *ssa.Function) (out []Finding) {
	err := Guard(fn, func() {
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				for _, acq := range e.acquisitions(instr) {
					if f, ok := e.check(fn, acq); ok {
						out = append(out, f)
					}
				}
			}
		}
	})
	if err != nil {
		e.failures = append(e.failures, err)
		return nil
	}
	return out
}

// Guard runs f, the analysis of fn, and turns a panic into an error that
// names the function and its position, so that the driver reports it and
// goes on with the other functions and packages.
func Guard(fn *ssa.Function, f func()) (err error) {
	defer func() {
		if r := recover(); r != nil {
			pos := fn.Prog.Fset.Position(fn.Pos())
			err = fmt.Errorf("internal error analysing %s at %s: %v\n%s", fn, pos, r, debug.Stack())
		}
	}()
	f()
	return nil
}

// Err reports the functions Check could not analyse, or nil. Analyzers
// return it from Run after reporting their findings, so the driver names
// the failure and exits non-zero while other packages are still analysed.
func (e *Engine) Err() error { return errors.Join(e.failures...) }

// Acquisitions are the rule's acquisitions at instr, plus calls of
// same-package functions that return a resource they acquired.
func (e *Engine) acquisitions(instr ssa.Instruction) []Acquisition {
	acqs := e.rule.Acquisitions(instr)
	if call, ok := instr.(*ssa.Call); ok {
		if callee := call.Call.StaticCallee(); callee != nil && e.inPackage(callee) {
			if f := e.factory(callee); f != nil {
				acqs = append(acqs, f.at(call))
			}
		}
	}
	return acqs
}

func (e *Engine) check(fn *ssa.Function, acq Acquisition) (Finding, bool) {
	tr := e.track(&acq)
	res := e.walk(fn, &acq, tr, true)
	f := Finding{Fn: fn, Acq: acq, Escapes: len(tr.escapes) > 0, Handled: len(tr.discharges) > 0 || tr.goroutineUse,
		GoroutineUse: tr.goroutineUse}
	for instr := range tr.discharges {
		f.Discharges = append(f.Discharges, instr)
	}
	sort.Slice(f.Discharges, func(i, j int) bool { return f.Discharges[i].Pos() < f.Discharges[j].Pos() })
	switch {
	case res.loop != nil:
		f.Kind, f.Exit = LostInLoop, res.loop.Pos()
	case len(res.exits) > 0:
		f.Kind, f.Exit = LeaksAtExit, exitPos(fn, res.exits[0])
	case res.deferLoop != nil:
		f.Kind, f.Exit, f.Deferred = LostInLoop, res.deferLoopAt.Pos(), res.deferLoop.Pos()
	case !res.discharged && !res.deferred && res.blocked:
		// Only where the program really holds it forever (select {},
		// for {}): a success path that ends in t.Fatal or panic is a
		// test's or a crash's, and runs the defers.
		f.Kind = NeverReleased
	default:
		return Finding{}, false
	}
	return f, true
}

// pathResult is what the path search found.
type pathResult struct {
	exits []*ssa.Return // leaking exits, earliest in the source first
	loop  ssa.Instruction
	// deferLoop is a defer of the release that a path registered before
	// the loop brought it back to the acquire (deferLoopAt).
	deferLoop   *ssa.Defer
	deferLoopAt ssa.Instruction
	discharged  bool // some path met a release or hand-off
	deferred    bool // a release of the resource was deferred before the acquire
	// deferredRelated: a release through a related value (the client's
	// Close) was deferred before the acquire. It runs only at an exit, so
	// it covers the exits but not a program that never returns.
	deferredRelated bool
	exited          bool // some path reached a normal exit
	blocked         bool // some live path reached code that never ends
}

// walk searches the paths from the acquire (or, for a summary, from the
// function's entry) for normal exits reached with the obligation live.
// A path ends at the first release or hand-off, at a failed acquire, at a
// panic or a call that never returns, and at the acquire itself when a
// loop brings it round again. Since a live path carries no other state, a
// block is visited at most once: the search is linear in the function.
func (e *Engine) walk(fn *ssa.Function, acq *Acquisition, tr *tracking, useExitFilter bool) pathResult {
	var res pathResult
	if len(fn.Blocks) == 0 {
		return res
	}
	start, idx := fn.Blocks[0], 0
	if acq.Instr != nil {
		start = acq.Instr.Block()
		idx = indexOf(start, acq.Instr) + 1
		switch deferredBefore(tr, acq.Instr) {
		case deferredSelf:
			res.deferred = true
			return res
		case deferredRelated:
			res.deferredRelated = true
		}
	}
	// A block is visited once per set of flag facts the path brings to it
	// (see flags), and at most maxStates times; past that, without facts.
	visited := make(map[visitKey]bool)
	states := make(map[*ssa.BasicBlock]int)
	type item struct {
		b     *ssa.BasicBlock
		idx   int
		from  *ssa.BasicBlock // the predecessor the path came from
		flags flags
		cell  cellState // what the error variables hold
		// pending is the defer that releases the resource at the exit,
		// registered on this path: the path goes on to see whether the
		// loop makes the next instance before then.
		pending *ssa.Defer
	}
	var known flags
	if acq.Instr != nil {
		known = dominating(start)
	}
	stack := []item{{start, idx, nil, known, cellStale, nil}}
	for len(stack) > 0 {
		it := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if it.idx == 0 {
			it.flags = it.flags.enter(it.b, it.from)
			key := visitKey{it.b, it.flags.key(), it.cell, it.pending != nil, tr.edgeKey(it.b, it.from)}
			if !visited[key] && states[it.b] >= maxStates {
				it.flags, key = nil, visitKey{it.b, "", it.cell, it.pending != nil, nil}
			}
			if visited[key] {
				continue
			}
			visited[key] = true
			states[it.b]++
		}
		tr.cell = it.cell
		succs, pending, live := e.walkBlock(fn, acq, tr, it.b, it.idx, it.from, it.flags, it.pending, useExitFilter, &res)
		if !live {
			continue
		}
		for i := len(succs) - 1; i >= 0; i-- {
			stack = append(stack, item{succs[i], 0, it.b, it.flags.branch(it.b, succs[i]), tr.cell, pending})
		}
	}
	sort.SliceStable(res.exits, func(i, j int) bool {
		return sourceBefore(fn.Prog.Fset, exitPos(fn, res.exits[i]), exitPos(fn, res.exits[j]))
	})
	return res
}

// walkBlock follows one block from instruction idx and returns the
// successors the live path continues to, and the defer of the release
// that the path has registered (pending), if any.
func (e *Engine) walkBlock(fn *ssa.Function, acq *Acquisition, tr *tracking, b *ssa.BasicBlock, idx int, from *ssa.BasicBlock, fl flags, pending *ssa.Defer, useExitFilter bool, res *pathResult) ([]*ssa.BasicBlock, *ssa.Defer, bool) {
	if !e.mayEnd(fn)[b] && pending == nil {
		res.blocked = true
	}
	for _, instr := range b.Instrs[idx:] {
		if acq.Instr != nil && instr == acq.Instr {
			switch {
			case pending != nil:
				if res.deferLoop == nil {
					res.deferLoop, res.deferLoopAt = pending, instr
				}
			case res.loop == nil:
				res.loop = instr
			}
			return nil, nil, false
		}
		if tr.discharges[instr] && !tr.nothingOnEdge(instr, b, from) {
			res.discharged = true
			if d := e.deferInLoop(acq, tr, instr, useExitFilter); d != nil {
				if pending == nil {
					pending = d
				}
				continue
			}
			return nil, nil, false
		}
		tr.step(instr)
		switch instr := instr.(type) {
		case *ssa.Return:
			res.exited = true
			if res.deferredRelated || pending != nil {
				return nil, nil, false
			}
			if !useExitFilter || e.leakyExit(acq, tr, instr) {
				res.exits = append(res.exits, instr)
			}
			return nil, nil, false
		case *ssa.Panic:
			return nil, nil, false
		case *ssa.Call:
			if e.neverReturns(instr.Common()) || assertsFailure(instr.Common(), tr) {
				return nil, nil, false
			}
		case *ssa.If:
			if v, ok := fl.value(onEdge(instr.Cond, b, from)); ok {
				// A flag this path set: if locked { m.Unlock(ctx) }.
				if v {
					return b.Succs[:1], pending, true
				}
				return b.Succs[1:], pending, true
			}
			return e.gate(acq, tr, instr, b, from), pending, true
		}
	}
	return b.Succs, pending, true
}

// deferInLoop returns instr when it is a defer of the resource's own
// release, registered after the acquire, in a block that can come round
// to the acquire again: `for ... { s, _ := NewSession(cli); defer
// s.Close() }` keeps every iteration's session until the function
// returns. The path search then goes on past it, to see whether the loop
// makes the next instance before the defer has run. A deferred hand-off,
// or a release through a related value, ends the path as before.
func (e *Engine) deferInLoop(acq *Acquisition, tr *tracking, instr ssa.Instruction, useExitFilter bool) *ssa.Defer {
	d, ok := instr.(*ssa.Defer)
	if !ok || acq.Instr == nil || !useExitFilter || !tr.selfReleases[d] || tr.escapes[d] {
		return nil
	}
	if !reaches(d.Block(), []*ssa.BasicBlock{acq.Instr.Block()}) {
		return nil
	}
	return d
}

// leakyExit asks the rule whether ret leaks what the path holds.
func (e *Engine) leakyExit(acq *Acquisition, tr *tracking, ret *ssa.Return) bool {
	if r, ok := e.rule.(GatedExitRule); ok {
		// Where the variable may have been rewritten, taking it for the
		// acquire's error means silence.
		return r.LeakyGatedExit(acq, ret, tr.mayBeGate)
	}
	return e.rule.LeakyExit(acq, ret)
}

// gate drops the successor of an if where the acquire is known to have
// failed (its error is non-nil) or the resource is nil. A phi in the if's
// block is read on the edge the path came in by (from): after a retry
// loop `for ... { err = m.TryLock(ctx); if err == nil { break } }`, the
// err tested below the loop is the acquire's on the path that broke out.
// The first path to reach a block decides for all, as everywhere in walk.
func (e *Engine) gate(acq *Acquisition, tr *tracking, ifInstr *ssa.If, b, from *ssa.BasicBlock) []*ssa.BasicBlock {
	if r, ok := e.rule.(EndingRule); ok {
		held := func(v ssa.Value) bool { _, ok := tr.holds(v); return ok }
		if i := r.EndedBranch(acq, onEdge(ifInstr.Cond, b, from), held); i == 0 || i == 1 {
			return b.Succs[1-i : 2-i]
		}
	}
	if tr.undecided(onEdge(ifInstr.Cond, b, from), b, from) {
		return nil
	}
	if acq.GateIsOK {
		// if ok { ... } or if !ok { return }: the false branch failed.
		cond := onEdge(ifInstr.Cond, b, from)
		if tr.isGate(cond) {
			return b.Succs[:1]
		}
		if not, ok := cond.(*ssa.UnOp); ok && not.Op == token.NOT && tr.isGate(onEdge(not.X, b, from)) {
			return b.Succs[1:]
		}
		return b.Succs
	}
	failed := -1 // index of the successor where nothing is held
	switch cond := ifInstr.Cond.(type) {
	case *ssa.BinOp:
		x, y := onEdge(cond.X, b, from), onEdge(cond.Y, b, from)
		if isNil(x) {
			x, y = y, x
		}
		isErr := tr.isGate(x) || wrapsGate(tr, x)
		held := isErr
		if h, ok := tr.holds(x); ok && h.Role == Alias {
			held = true
		}
		switch {
		case !held:
		case isNil(y) && cond.Op == token.NEQ && isErr, isNil(y) && cond.Op == token.EQL && !isErr:
			failed = 0 // err != nil, or s == nil
		case isNil(y) && cond.Op == token.EQL && isErr, isNil(y) && cond.Op == token.NEQ && !isErr:
			failed = 1 // err == nil, or s != nil
		case isErr && isSentinel(y) && cond.Op == token.EQL:
			failed = 0 // err == ErrLocked: a non-nil error
		case isErr && isSentinel(y) && cond.Op == token.NEQ:
			failed = 1 // err != ErrLocked: the else branch has err == ErrLocked
		}
	case *ssa.Extract:
		// _, ok := err.(T) is true only for a non-nil err.
		if ta, ok := cond.Tuple.(*ssa.TypeAssert); ok && cond.Index == 1 && ta.CommaOk && tr.isGate(ta.X) {
			failed = 0
		}
	case *ssa.Call:
		if isErrorsIsGate(tr, cond) {
			failed = 0
		} else if slices.ContainsFunc(cond.Call.Args, tr.isGate) {
			// if !ok(err): a predicate we cannot read decides on the
			// acquire's error. Either branch may be the failed one:
			// follow neither, and stay silent about this path.
			return nil
		}
	}
	if failed < 0 {
		return b.Succs
	}
	return []*ssa.BasicBlock{b.Succs[1-failed]}
}

// isErrorsIsGate reports whether v is errors.Is(err, target) or
// errors.As(err, target) on the acquire's error: true only for a non-nil
// err.
func isErrorsIsGate(tr *tracking, v ssa.Value) bool {
	call, ok := v.(*ssa.Call)
	if !ok {
		return false
	}
	fn := call.Call.StaticCallee()
	return fn != nil && fn.Pkg != nil && fn.Pkg.Pkg.Path() == "errors" &&
		(fn.Name() == "Is" || fn.Name() == "As") && len(call.Call.Args) > 0 && tr.isGate(call.Call.Args[0])
}

// wrapsGate reports whether v is an error made by a call given the
// acquire's error, as in if err := errors.Wrap(m.Lock(ctx), "lock"); err !=
// nil. Such wrappers keep nil as nil, so v is nil exactly when the acquire
// succeeded. (fmt.Errorf, never nil, gets the error inside its variadic
// slice, not as an argument.)
func wrapsGate(tr *tracking, v ssa.Value) bool {
	call, ok := v.(*ssa.Call)
	return ok && types.Identical(v.Type(), errorType) && slices.ContainsFunc(call.Call.Args, tr.isGate)
}

var errorType = types.Universe.Lookup("error").Type()

// onEdge is the value v has on entry to b from pred: a phi of b resolves
// to its edge from pred.
func onEdge(v ssa.Value, b, pred *ssa.BasicBlock) ssa.Value {
	phi, ok := v.(*ssa.Phi)
	if !ok || phi.Block() != b || pred == nil {
		return v
	}
	for i, p := range b.Preds {
		if p == pred {
			return phi.Edges[i]
		}
	}
	return v
}

// isSentinel reports whether v is a package-level error variable, such as
// concurrency.ErrLocked: never nil, so err == v means err != nil.
func isSentinel(v ssa.Value) bool {
	ld, ok := v.(*ssa.UnOp)
	if !ok || ld.Op != token.MUL {
		return false
	}
	_, ok = ld.X.(*ssa.Global)
	return ok
}

func isNil(v ssa.Value) bool {
	c, ok := v.(*ssa.Const)
	return ok && c.IsNil()
}

const (
	deferredNone = iota
	deferredSelf
	deferredRelated
)

// deferredBefore reports whether a defer that discharges the resource is
// registered on every path to the acquire: it was deferred first, as in
// `var s *Session; defer func() { if s != nil { s.Close() } }()`, or the
// client it comes from is closed by `defer cli.Close()`.
func deferredBefore(tr *tracking, acq ssa.Instruction) int {
	found := deferredNone
	for instr := range tr.discharges {
		before := instr.Block().Dominates(acq.Block())
		if instr.Block() == acq.Block() {
			before = indexOf(instr.Block(), instr) < indexOf(acq.Block(), acq)
		}
		d, ok := instr.(*ssa.Defer)
		_, isGo := instr.(*ssa.Go)
		switch {
		case !before:
		case isGo && tr.escapes[instr]:
			// A goroutine started before the acquire holds what ends
			// it: go func() { <-stop; cancel() }() for the ctx given to
			// concurrency.WithContext.
			return deferredSelf
		case !ok:
		case tr.selfReleases[d] || tr.escapes[d]:
			return deferredSelf
		default:
			found = deferredRelated
		}
	}
	return found
}

func indexOf(b *ssa.BasicBlock, instr ssa.Instruction) int {
	for i, x := range b.Instrs {
		if x == instr {
			return i
		}
	}
	return -1
}

// exitPos is where a return is: the return statement, or for the implicit
// return at the end of a function, its closing brace.
func exitPos(fn *ssa.Function, ret *ssa.Return) token.Pos {
	if ret.Pos().IsValid() {
		return ret.Pos()
	}
	switch syn := fn.Syntax().(type) {
	case *ast.FuncDecl:
		if syn.Body != nil {
			return syn.Body.Rbrace
		}
	case *ast.FuncLit:
		return syn.Body.Rbrace
	}
	return fn.Pos()
}

// summaryKey names a summary: what fn does with one parameter or free
// variable that holds a resource in a given role. The tag is part of it: a
// parameter that receives the client a session was made from is not the
// session itself.
type summaryKey struct {
	fn      *ssa.Function
	param   ssa.Value
	role    Role
	tag     int
	resType string
}

// summary is Release when fn releases or hands on the parameter or free
// variable p.Value on every path, Use when it does neither on any path,
// and Escape (silence) otherwise.
func (e *Engine) summary(fn *ssa.Function, p Holder, resType types.Type) EffectKind {
	key := summaryKey{fn, p.Value, p.Role, p.Tag, typeKey(resType)}
	if k, ok := e.summaries[key]; ok {
		return k
	}
	e.summaries[key] = Escape // recursion: assume the callee takes it
	acq := &Acquisition{Holders: []Holder{p}, ResourceType: resType}
	tr := e.track(acq)
	res := e.walk(fn, acq, tr, false)
	k := Escape
	switch {
	case len(res.exits) == 0 && res.discharged && onlyReturned(tr):
		k = returnsIt(tr)
	case len(res.exits) == 0 && res.discharged:
		k = Release
	case len(res.exits) > 0 && !res.discharged:
		k = Use
	case len(res.exits) == 0 && !res.discharged:
		k = Use // never returns normally
	}
	e.summaries[key] = k
	return k
}

// Summaries of functions that only pass the resource back to the caller
// (func (b *box) get() T { return b.v }): the call's result holds it, as
// the resource itself, as something that carries it, or as the address of
// a variable holding it (func (b *box) ref() *T { return &b.v }).
const (
	returnsAlias EffectKind = iota + 100
	returnsCarrier
	returnsCell
)

// onlyReturned reports whether the only thing fn does with the resource is
// to return it, by itself, as its single result.
func onlyReturned(tr *tracking) bool {
	for instr := range tr.discharges {
		ret, ok := instr.(*ssa.Return)
		if !ok || !tr.escapes[instr] || len(ret.Results) != 1 {
			return false
		}
	}
	return len(tr.discharges) > 0
}

// returnsIt says how fn's returns hand the resource back; returns that
// disagree leave the result a carrier, the loosest reading.
func returnsIt(tr *tracking) EffectKind {
	var k EffectKind
	for instr := range tr.discharges {
		this := returnsCarrier
		if h, ok := tr.holds(instr.(*ssa.Return).Results[0]); ok {
			switch {
			case h.Role == Alias:
				this = returnsAlias
			case h.Role == Cell && tr.cellContent(h.Value) == Alias:
				this = returnsCell
			}
		}
		if k != 0 && k != this {
			return returnsCarrier
		}
		k = this
	}
	return k
}

// reaches reports whether some path from b leads to one of targets.
func reaches(b *ssa.BasicBlock, targets []*ssa.BasicBlock) bool {
	seen := make(map[*ssa.BasicBlock]bool)
	work := []*ssa.BasicBlock{b}
	for len(work) > 0 {
		x := work[len(work)-1]
		work = work[:len(work)-1]
		if slices.Contains(targets, x) {
			return true
		}
		for _, s := range x.Succs {
			if !seen[s] {
				seen[s] = true
				work = append(work, s)
			}
		}
	}
	return false
}

func typeKey(t types.Type) string {
	if t == nil {
		return ""
	}
	return types.TypeString(t, nil)
}

// A factory is a same-package function that returns a resource it
// acquired, and does nothing else with it: its callers own the result.
type factory struct {
	result int  // which result is the resource
	errIdx int  // which result is the error or the ok, or -1
	isOK   bool // errIdx is an ok: true with the resource, false with nil
	kind   int
}

func (f *factory) at(call *ssa.Call) Acquisition {
	acq := Acquisition{Instr: call, Kind: f.kind}
	var res, gate ssa.Value = call, nil
	if call.Call.Signature().Results().Len() > 1 {
		res, gate = nil, nil
		for _, r := range *call.Referrers() {
			if ex, ok := r.(*ssa.Extract); ok {
				switch ex.Index {
				case f.result:
					res = ex
				case f.errIdx:
					gate = ex
				}
			}
		}
	}
	acq.Gate, acq.GateIsOK = gate, gate != nil && f.isOK
	if res != nil {
		acq.Holders = []Holder{{Value: res, Role: Alias}}
	}
	return acq
}

func (e *Engine) factory(fn *ssa.Function) *factory {
	if f, ok := e.factories[fn]; ok {
		return f
	}
	e.factories[fn] = nil // recursion guard
	var found *factory
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			for _, acq := range e.acquisitions(instr) {
				if f := e.returnedOwned(fn, &acq); f != nil {
					found = f
				}
			}
		}
	}
	e.factories[fn] = found
	return found
}

// returnedOwned reports whether fn returns acq's resource at one result
// on every return that does not return nil there, and hands it nowhere
// else.
func (e *Engine) returnedOwned(fn *ssa.Function, acq *Acquisition) *factory {
	tr := e.track(acq)
	idx := -1
	var handsOut []*ssa.BasicBlock
	for instr := range tr.escapes {
		ret, ok := instr.(*ssa.Return)
		if !ok {
			return nil // stored or passed on: the caller does not own it
		}
		handsOut = append(handsOut, ret.Block())
		for i, r := range ret.Results {
			h, ok := tr.holds(r)
			switch {
			case !ok:
			case h.Role != Alias:
				// Returned with a cleanup func or inside a struct,
				// (s, cleanup, err): the caller's release is elsewhere.
				return nil
			case idx >= 0 && idx != i:
				return nil
			default:
				idx = i
			}
		}
	}
	if idx < 0 {
		return nil
	}
	// A release on the way to handing it out (s.Orphan(); return s, nil,
	// or a lease attached with WithLease and then returned) leaves the
	// caller nothing to release. One on an error path does not count.
	for instr := range tr.discharges {
		if _, ok := instr.(*ssa.Return); !ok && reaches(instr.Block(), handsOut) {
			return nil
		}
	}
	results := fn.Signature.Results()
	f := &factory{result: idx, errIdx: -1, kind: acq.Kind}
	switch n := results.Len(); {
	case n > 1 && types.Identical(results.At(n-1).Type(), errorType):
		f.errIdx = n - 1
	case n > 1 && idx != n-1 && types.Identical(results.At(n-1).Type(), types.Typ[types.Bool]) && okReports(fn, tr, idx, n-1):
		f.errIdx, f.isOK = n-1, true
	}
	return f
}

// okReports reports whether fn's bool result ok says whether the resource
// at result idx was handed out: every return hands it out with a constant
// true, or returns nil with a constant false.
func okReports(fn *ssa.Function, tr *tracking, idx, ok int) bool {
	for _, b := range fn.Blocks {
		ret, isRet := b.Instrs[len(b.Instrs)-1].(*ssa.Return)
		if !isRet {
			continue
		}
		v, isConst := constBool(ret.Results[ok])
		_, holds := tr.holds(ret.Results[idx])
		switch {
		case !isConst:
			return false
		case holds && !v, !holds && (v || !isNil(ret.Results[idx])):
			return false
		}
	}
	return true
}

// maxStates bounds how many times the path search enters one block with
// different flag facts: the search stays linear in the function.
const maxStates = 4

type visitKey struct {
	b       *ssa.BasicBlock
	flags   string
	cell    cellState
	pending bool            // a release is deferred on the path (see item.pending)
	from    *ssa.BasicBlock // see tracking.edgeKey
}
