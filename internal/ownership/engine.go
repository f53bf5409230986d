package ownership

import (
	"go/ast"
	"go/token"
	"go/types"
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
}

// New returns an engine for rule over the SSA package pkg.
func New(pkg *ssa.Package, rule Rule) *Engine {
	return &Engine{
		rule:      rule,
		pkg:       pkg,
		summaries: make(map[summaryKey]EffectKind),
		factories: make(map[*ssa.Function]*factory),
		noReturn:  make(map[*ssa.Function]bool),
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
	// on the resource, on any path: a fix that adds a release is then
	// not the one right edit.
	Handled bool
}

// Check analyses every acquisition in fns and returns the findings in
// source order.
func (e *Engine) Check(fns []*ssa.Function) []Finding {
	var out []Finding
	for _, fn := range fns {
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				for _, acq := range e.acquisitions(instr) {
					if f, ok := e.check(fn, acq); ok {
						out = append(out, f)
					}
				}
			}
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Acq.Instr.Pos() < out[j].Acq.Instr.Pos() })
	return out
}

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
	f := Finding{Fn: fn, Acq: acq, Escapes: len(tr.escapes) > 0, Handled: len(tr.discharges) > 0}
	switch {
	case res.loop != nil:
		f.Kind, f.Exit = LostInLoop, res.loop.Pos()
	case len(res.exits) > 0:
		f.Kind, f.Exit = LeaksAtExit, exitPos(fn, res.exits[0])
	case !res.discharged && !res.deferred:
		f.Kind = NeverReleased
	default:
		return Finding{}, false
	}
	return f, true
}

// pathResult is what the path search found.
type pathResult struct {
	exits      []*ssa.Return // leaking exits, earliest in the source first
	loop       ssa.Instruction
	discharged bool // some path met a release or hand-off
	deferred   bool // a release was deferred before the acquire
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
		if deferredBefore(tr, acq.Instr) {
			res.deferred = true
			return res
		}
	}
	visited := make(map[*ssa.BasicBlock]bool)
	type item struct {
		b   *ssa.BasicBlock
		idx int
	}
	stack := []item{{start, idx}}
	for len(stack) > 0 {
		it := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if it.idx == 0 {
			if visited[it.b] {
				continue
			}
			visited[it.b] = true
		}
		succs, live := e.walkBlock(fn, acq, tr, it.b, it.idx, useExitFilter, &res)
		if !live {
			continue
		}
		for i := len(succs) - 1; i >= 0; i-- {
			stack = append(stack, item{succs[i], 0})
		}
	}
	sort.Slice(res.exits, func(i, j int) bool {
		return exitPos(fn, res.exits[i]) < exitPos(fn, res.exits[j])
	})
	return res
}

// walkBlock follows one block from instruction idx and returns the
// successors the live path continues to.
func (e *Engine) walkBlock(fn *ssa.Function, acq *Acquisition, tr *tracking, b *ssa.BasicBlock, idx int, useExitFilter bool, res *pathResult) ([]*ssa.BasicBlock, bool) {
	for _, instr := range b.Instrs[idx:] {
		if acq.Instr != nil && instr == acq.Instr {
			if res.loop == nil {
				res.loop = instr
			}
			return nil, false
		}
		if tr.discharges[instr] {
			res.discharged = true
			return nil, false
		}
		switch instr := instr.(type) {
		case *ssa.Return:
			if !useExitFilter || e.rule.LeakyExit(acq, instr) {
				res.exits = append(res.exits, instr)
			}
			return nil, false
		case *ssa.Panic:
			return nil, false
		case *ssa.Call:
			if e.neverReturns(instr.Common()) {
				return nil, false
			}
		case *ssa.If:
			return e.gate(acq, tr, instr, b), true
		}
	}
	return b.Succs, true
}

// gate drops the successor of an if where the acquire is known to have
// failed (its error is non-nil) or the resource is nil.
func (e *Engine) gate(acq *Acquisition, tr *tracking, ifInstr *ssa.If, b *ssa.BasicBlock) []*ssa.BasicBlock {
	failed := -1 // index of the successor where nothing is held
	switch cond := ifInstr.Cond.(type) {
	case *ssa.BinOp:
		x, y := cond.X, cond.Y
		if isNil(x) {
			x, y = y, x
		}
		isErr := tr.gates[x]
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
		case isErr && cond.Op == token.EQL:
			failed = 0 // err == ErrLocked: a non-nil error
		case isErr && cond.Op == token.NEQ:
			// err != ErrLocked says nothing about the other errors.
		}
	case *ssa.Call:
		// errors.Is(err, target) is true only for a non-nil err.
		if fn := cond.Call.StaticCallee(); fn != nil && fn.Pkg != nil && fn.Pkg.Pkg.Path() == "errors" &&
			(fn.Name() == "Is" || fn.Name() == "As") && len(cond.Call.Args) > 0 && tr.gates[cond.Call.Args[0]] {
			failed = 0
		}
	}
	if failed < 0 {
		return b.Succs
	}
	return []*ssa.BasicBlock{b.Succs[1-failed]}
}

func isNil(v ssa.Value) bool {
	c, ok := v.(*ssa.Const)
	return ok && c.IsNil()
}

// deferredBefore reports whether a defer that discharges the resource is
// registered on every path to the acquire: it was deferred first, as in
// `var s *Session; defer func() { if s != nil { s.Close() } }()`.
func deferredBefore(tr *tracking, acq ssa.Instruction) bool {
	for instr := range tr.discharges {
		d, ok := instr.(*ssa.Defer)
		if !ok {
			continue
		}
		if d.Block() == acq.Block() {
			if indexOf(d.Block(), d) < indexOf(acq.Block(), acq) {
				return true
			}
		} else if d.Block().Dominates(acq.Block()) {
			return true
		}
	}
	return false
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
// variable that holds a resource in a given role.
type summaryKey struct {
	fn    *ssa.Function
	param ssa.Value
	role  Role
}

// summary is Release when fn releases or hands on v on every path, Use
// when it does neither on any path, and Escape (silence) otherwise.
func (e *Engine) summary(fn *ssa.Function, v ssa.Value, role Role) EffectKind {
	key := summaryKey{fn, v, role}
	if k, ok := e.summaries[key]; ok {
		return k
	}
	e.summaries[key] = Escape // recursion: assume the callee takes it
	acq := &Acquisition{Holders: []Holder{{Value: v, Role: role}}}
	tr := e.track(acq)
	res := e.walk(fn, acq, tr, false)
	k := Escape
	switch {
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

// A factory is a same-package function that returns a resource it
// acquired, and does nothing else with it: its callers own the result.
type factory struct {
	result int // which result is the resource
	errIdx int // which result is the error, or -1
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
	acq.Gate = gate
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
	for instr := range tr.escapes {
		ret, ok := instr.(*ssa.Return)
		if !ok {
			return nil // stored or passed on: the caller does not own it
		}
		for i, r := range ret.Results {
			if h, ok := tr.holds(r); ok && h.Role == Alias {
				if idx >= 0 && idx != i {
					return nil
				}
				idx = i
			}
		}
	}
	if idx < 0 {
		return nil
	}
	results := fn.Signature.Results()
	f := &factory{result: idx, errIdx: -1, kind: acq.Kind}
	if n := results.Len(); n > 1 && types.Identical(results.At(n-1).Type(), types.Universe.Lookup("error").Type()) {
		f.errIdx = n - 1
	}
	return f
}
