package ownership

import (
	"fmt"
	"go/token"
	"strings"

	"golang.org/x/tools/go/ssa"

	"github.com/etcdlint/etcdlint/internal/etcdapi"
)

// The acquire's error is often tested through a variable rather than as
// the call's result: a named result, an error a closure captures
// (`defer func() { span.End(err) }()` makes err a heap cell that every use
// loads), a field of a local struct (r.err), or a field reached through a
// pointer (x.status.err). Whether a load of such a variable still reads the
// acquire's error depends on the path: a retry loop, a TryLock followed by
// Lock, another store, or code that may write the variable behind the
// function's back. The path search keeps a cellState for it.

// cellState is what the path being walked knows of the error variables.
type cellState uint8

const (
	// cellStale: they do not hold the acquire's error (not yet stored,
	// or stored something else since).
	cellStale cellState = iota
	// cellFresh: they hold the acquire's error.
	cellFresh
	// cellUnknown: they held it, but code that may write them has run
	// since (a closure that assigns the variable, a callee that can reach
	// the struct). A test of them may or may not be the acquire's check,
	// so the path search follows neither branch: silence, not a guess.
	cellUnknown
)

// gateCells are the variables the acquire's error is stored to, and what
// besides the function's own stores may write them.
type gateCells struct {
	keys map[string]bool // by cellKey
	// bases are the keys' path bases, to pass over other stores and
	// loads without naming them.
	bases map[ssa.Value]bool
	// writers are the calls that run a closure that writes one of them
	// (a Go statement too: from there on it may write at any time).
	writers map[ssa.Instruction]bool
	// shared: code the function calls may reach one of them (a field
	// through a pointer, a variable whose address was given away): any
	// call to code that may write user memory may change it.
	shared bool
}

func newGateCells(gate ssa.Value) *gateCells {
	gc := &gateCells{keys: make(map[string]bool), bases: make(map[ssa.Value]bool), writers: make(map[ssa.Instruction]bool)}
	if gate == nil {
		return gc
	}
	for _, r := range *gate.Referrers() {
		if st, ok := r.(*ssa.Store); ok && st.Val == gate {
			gc.add(st.Addr)
		}
	}
	return gc
}

func (gc *gateCells) add(addr ssa.Value) {
	gc.keys[cellKey(addr)] = true
	p := PathOf(addr)
	gc.bases[p.Base] = true
	switch base := p.Base.(type) {
	case *ssa.Alloc:
		if p.throughPointer() {
			gc.shared = true
			return
		}
		closures, escapes := addrUses(base, 0)
		gc.shared = gc.shared || escapes
		for _, mc := range closures {
			gc.closureRuns(mc)
		}
	case *ssa.FreeVar:
		// A variable of the enclosing function, inside a closure: its
		// other writers are the enclosing function and its other
		// closures, which do not run while this body does unless it
		// calls them. Read as the function's own variable, as before.
		gc.shared = gc.shared || p.throughPointer()
	default:
		// A field reached through a parameter, a global, a loaded
		// pointer: memory other code can reach.
		gc.shared = true
	}
}

// throughPointer reports whether the path dereferences a pointer after
// its base: the place is then shared memory, not the base variable.
func (p AccessPath) throughPointer() bool {
	for _, s := range p.steps {
		if s.kind == stepLoad {
			return true
		}
	}
	return false
}

// cellKey names a variable by its access path: each c.err of a local
// struct c, or x.status.err of a receiver x, is its own &c.err
// instruction, but one variable.
func cellKey(addr ssa.Value) string {
	p := PathOf(addr)
	var b strings.Builder
	fmt.Fprintf(&b, "%p;", p.Base)
	for _, s := range p.steps {
		fmt.Fprintf(&b, "%d:%p:%d;", s.kind, s.field, s.index)
	}
	return b.String()
}

// maxClosureDepth bounds the walk into closures nested in closures.
const maxClosureDepth = 4

// addrUses reports which closures capture the variable at v and whether
// its address goes anywhere else (a call, a store, a return): code the
// function cannot see may then write it.
func addrUses(v ssa.Value, depth int) (closures []*ssa.MakeClosure, escapes bool) {
	for _, r := range *v.Referrers() {
		switch r := r.(type) {
		case *ssa.UnOp:
			// A load.
		case *ssa.Store:
			if r.Val == v {
				escapes = true
			}
		case *ssa.FieldAddr, *ssa.IndexAddr:
			cs, esc := addrUses(r.(ssa.Value), depth)
			closures, escapes = append(closures, cs...), escapes || esc
		case *ssa.MakeClosure:
			closures = append(closures, r)
		case *ssa.DebugRef:
		default:
			escapes = true
		}
	}
	return closures, escapes
}

// closureRuns records where a closure that may write the variable it
// captures runs: where it is called, or from a go statement on. A deferred
// closure runs at the exit, after every test of the error in the body.
// A closure handed on (to a callee, into a variable) may run in any call.
func (gc *gateCells) closureRuns(mc *ssa.MakeClosure) {
	if !closureWrites(mc, 0) {
		return
	}
	for _, r := range *mc.Referrers() {
		switch r := r.(type) {
		case *ssa.Call:
			if r.Call.Value == ssa.Value(mc) {
				gc.writers[r] = true
				continue
			}
			gc.shared = true
		case *ssa.Go:
			gc.writers[r] = true
		case *ssa.Defer:
			if r.Call.Value != ssa.Value(mc) {
				gc.shared = true
			}
		case *ssa.DebugRef:
		default:
			gc.shared = true
		}
	}
}

// closureWrites reports whether the closure mc may write one of the
// variables it captures by reference: a store to it, or its address handed
// on. Unsure (too deep) means it may.
func closureWrites(mc *ssa.MakeClosure, depth int) bool {
	fn, ok := mc.Fn.(*ssa.Function)
	if !ok || depth > maxClosureDepth {
		return true
	}
	for _, fv := range fn.FreeVars {
		if writesVar(fv, depth) {
			return true
		}
	}
	return false
}

func writesVar(v ssa.Value, depth int) bool {
	for _, r := range *v.Referrers() {
		switch r := r.(type) {
		case *ssa.UnOp, *ssa.DebugRef:
		case *ssa.Store:
			return true // to it, or its address stored elsewhere
		case *ssa.FieldAddr, *ssa.IndexAddr:
			if writesVar(r.(ssa.Value), depth) {
				return true
			}
		case *ssa.MakeClosure:
			if closureWrites(r, depth+1) {
				return true
			}
		default:
			return true
		}
	}
	return false
}

// isGate reports whether v is the acquire's error on the path being
// walked: the error itself, or a load of a variable that, on this path,
// was last stored the error.
func (tr *tracking) isGate(v ssa.Value) bool {
	return tr.gates[v] || tr.isCellLoad(v) && tr.cell == cellFresh
}

// mayBeGate is isGate, but also true where the variable held the error
// and may since have been rewritten: for the checks that end a path or
// exempt an exit, where taking it for the acquire's error means silence.
func (tr *tracking) mayBeGate(v ssa.Value) bool {
	return tr.gates[v] || tr.isCellLoad(v) && tr.cell != cellStale
}

// undecided reports whether the path cannot tell which branch of an if on
// cond is the failed acquire's: cond tests a variable that held the
// acquire's error and may have been rewritten since.
func (tr *tracking) undecided(cond ssa.Value, b, from *ssa.BasicBlock) bool {
	if tr.cell != cellUnknown {
		return false
	}
	var operands []ssa.Value
	switch c := cond.(type) {
	case *ssa.BinOp:
		operands = []ssa.Value{c.X, c.Y}
	case *ssa.UnOp:
		operands = []ssa.Value{c.X}
	case *ssa.Call:
		operands = c.Call.Args
	case *ssa.Extract:
		if ta, ok := c.Tuple.(*ssa.TypeAssert); ok {
			operands = []ssa.Value{ta.X}
		}
	}
	operands = append(operands, cond)
	for _, v := range operands {
		v = onEdge(v, b, from)
		if tr.isCellLoad(v) {
			return true
		}
		if call, ok := v.(*ssa.Call); ok {
			for _, a := range call.Call.Args {
				if tr.isCellLoad(uninterface(a)) {
					return true
				}
			}
		}
	}
	return false
}

func (tr *tracking) isCellLoad(v ssa.Value) bool {
	ld, ok := v.(*ssa.UnOp)
	return ok && ld.Op == token.MUL && tr.cells.names(ld.X)
}

// names reports whether addr is the address of one of the variables.
func (gc *gateCells) names(addr ssa.Value) bool {
	return len(gc.keys) > 0 && gc.bases[PathOf(addr).Base] && gc.keys[cellKey(addr)]
}

// step updates the path's knowledge of the error variables for instr.
func (tr *tracking) step(instr ssa.Instruction) {
	gc := tr.cells
	if len(gc.keys) == 0 {
		return
	}
	switch instr := instr.(type) {
	case *ssa.Store:
		if !gc.bases[PathOf(instr.Addr).Base] {
			return
		}
		key := cellKey(instr.Addr)
		switch {
		case gc.keys[key] && tr.isGate(instr.Val):
			// Also `return err` with err the named result: the
			// variable is stored its own load.
			tr.cell = cellFresh
		case gc.keys[key] && tr.cell == cellUnknown && tr.isCellLoad(instr.Val):
		case gc.keys[key]:
			tr.cell = cellStale
		case tr.cell == cellFresh && gc.overwrites(key):
			// x.status = status{}: the error went with the struct.
			tr.cell = cellUnknown
		}
	case *ssa.Call, *ssa.Go:
		if tr.cell == cellFresh && (gc.writers[instr] || gc.shared && mayWriteUserMemory(instr.(ssa.CallInstruction).Common())) {
			tr.cell = cellUnknown
		}
	}
}

// overwrites reports whether a store at the place named key writes a
// struct or array that contains one of the error variables.
func (gc *gateCells) overwrites(key string) bool {
	for k := range gc.keys {
		if len(k) > len(key) && strings.HasPrefix(k, key) {
			return true
		}
	}
	return false
}

// mayWriteUserMemory reports whether a call may store into memory the
// function's own code can reach: not a builtin, not the etcd client (it
// never writes its caller's structs), not the standard packages known to
// keep and write nothing of their arguments.
func mayWriteUserMemory(call *ssa.CallCommon) bool {
	if _, ok := call.Value.(*ssa.Builtin); ok {
		return false
	}
	if call.IsInvoke() {
		pkg := call.Method.Pkg()
		return pkg == nil || !etcdapi.IsEtcdPath(pkg.Path())
	}
	fn := call.StaticCallee()
	if fn == nil {
		return true
	}
	if isEtcd(fn) {
		return false
	}
	return !nonRetainingFunc(fn)
}

// SameRead reports whether the load b reads what the load a read: both
// load one variable of the function (a local, a field of a local struct),
// a runs before b on every path to b, and nothing between them may write
// it: no store on a path from a to b, no closure that writes it, its
// address not given away. Rules use it to carry what a test of a learnt
// (`if err != nil` took its else branch) to a later read of the variable.
func SameRead(a, b *ssa.UnOp) bool {
	if a.Op != token.MUL || b.Op != token.MUL || a.Parent() != b.Parent() || cellKey(a.X) != cellKey(b.X) {
		return false
	}
	if _, local := PathOf(a.X).Base.(*ssa.Alloc); !local {
		return false
	}
	gc := &gateCells{keys: make(map[string]bool), bases: make(map[ssa.Value]bool), writers: make(map[ssa.Instruction]bool)}
	gc.add(a.X)
	if gc.shared || len(gc.writers) > 0 {
		return false
	}
	ab, bb := a.Block(), b.Block()
	if ab == bb {
		return indexOf(ab, a) < indexOf(bb, b) && !gc.storesIn(ab.Instrs[indexOf(ab, a)+1:indexOf(bb, b)])
	}
	if !ab.Dominates(bb) {
		return false
	}
	between := blocksBetween(ab, bb)
	if gc.storesIn(ab.Instrs[indexOf(ab, a)+1:]) || !between[bb] && gc.storesIn(bb.Instrs[:indexOf(bb, b)]) {
		return false
	}
	for blk := range between {
		if gc.storesIn(blk.Instrs) {
			return false
		}
	}
	return true
}

// blocksBetween returns the blocks on a path from a to b that does not
// pass through a again (b itself only when a loop brings a path from b
// back to b).
func blocksBetween(a, b *ssa.BasicBlock) map[*ssa.BasicBlock]bool {
	fwd := make(map[*ssa.BasicBlock]bool)
	work := append([]*ssa.BasicBlock(nil), a.Succs...)
	for len(work) > 0 {
		x := work[len(work)-1]
		work = work[:len(work)-1]
		if x == a || fwd[x] {
			continue
		}
		fwd[x] = true
		work = append(work, x.Succs...)
	}
	out := make(map[*ssa.BasicBlock]bool)
	seen := make(map[*ssa.BasicBlock]bool)
	work = append(work, b.Preds...)
	for len(work) > 0 {
		x := work[len(work)-1]
		work = work[:len(work)-1]
		if x == a || seen[x] {
			continue
		}
		seen[x] = true
		if fwd[x] {
			out[x] = true
		}
		work = append(work, x.Preds...)
	}
	return out
}

// storesIn reports whether instrs store to one of the variables, or to a
// struct that contains one.
func (gc *gateCells) storesIn(instrs []ssa.Instruction) bool {
	for _, instr := range instrs {
		if st, ok := instr.(*ssa.Store); ok && gc.bases[PathOf(st.Addr).Base] {
			key := cellKey(st.Addr)
			if gc.keys[key] || gc.overwrites(key) {
				return true
			}
		}
	}
	return false
}
