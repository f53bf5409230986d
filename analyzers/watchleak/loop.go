package watchleak

import (
	"go/constant"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ssa"

	"github.com/etcdlint/etcdlint/internal/etcdapi"
)

// loop is the set of blocks on some cycle through one block: everything
// an iteration may run. (leaseorphan's LO2 has the same shape.)
type loop struct {
	blocks map[*ssa.BasicBlock]bool
}

// loopFrom returns the loop that takes the path starting at from back to
// b, or nil when no path from from reaches b.
func loopFrom(b *ssa.BasicBlock, from []*ssa.BasicBlock) *loop {
	fwd := reach(from, func(x *ssa.BasicBlock) []*ssa.BasicBlock { return x.Succs })
	if !fwd[b] {
		return nil
	}
	bwd := reach([]*ssa.BasicBlock{b}, func(x *ssa.BasicBlock) []*ssa.BasicBlock { return x.Preds })
	lp := &loop{blocks: map[*ssa.BasicBlock]bool{b: true}}
	for x := range fwd {
		if bwd[x] {
			lp.blocks[x] = true
		}
	}
	return lp
}

// reach returns the blocks reachable from starts (which count) by next.
func reach(starts []*ssa.BasicBlock, next func(*ssa.BasicBlock) []*ssa.BasicBlock) map[*ssa.BasicBlock]bool {
	seen := make(map[*ssa.BasicBlock]bool)
	stack := append([]*ssa.BasicBlock(nil), starts...)
	for len(stack) > 0 {
		x := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if seen[x] {
			continue
		}
		seen[x] = true
		stack = append(stack, next(x)...)
	}
	return seen
}

// same reports whether v can hold the same value on the next iteration as
// on this one: it is defined before the loop, carried round it unchanged
// by a phi on some path, or loaded from a variable or field the loop does
// not write. A channel each iteration makes afresh (a new Watch) is not.
func (lp *loop) same(v ssa.Value, visiting map[ssa.Value]bool) bool {
	switch v.(type) {
	case *ssa.Parameter, *ssa.FreeVar, *ssa.Global:
		return true
	case *ssa.Const:
		return false
	}
	instr, ok := v.(ssa.Instruction)
	if !ok {
		return false
	}
	if !lp.blocks[instr.Block()] {
		return true
	}
	if visiting[v] {
		return true // round the loop and back, unchanged
	}
	visiting[v] = true
	defer delete(visiting, v)
	switch v := v.(type) {
	case *ssa.Phi:
		for i, e := range v.Edges {
			if lp.blocks[v.Block().Preds[i]] && lp.same(e, visiting) {
				return true
			}
		}
	case *ssa.ChangeType:
		return lp.same(v.X, visiting)
	case *ssa.UnOp:
		if v.Op == token.MUL {
			return lp.unchanged(v.X, visiting)
		}
	}
	return false
}

// unchanged reports whether the loop leaves what addr points to alone: addr
// is a local variable or a field of a struct fixed before the loop, and the
// loop neither stores to it nor hands the variable or struct to a call
// (which might).
func (lp *loop) unchanged(addr ssa.Value, visiting map[ssa.Value]bool) bool {
	var base ssa.Value
	field := -1
	switch a := addr.(type) {
	case *ssa.Alloc:
		base = a
	case *ssa.FreeVar:
		base = a
	case *ssa.FieldAddr:
		if !lp.same(a.X, visiting) {
			return false
		}
		base, field = a.X, a.Field
	default:
		return false // globals: any call may write them
	}
	for b := range lp.blocks {
		for _, instr := range b.Instrs {
			switch instr := instr.(type) {
			case *ssa.Store:
				if instr.Addr == base {
					return false
				}
				if fa, ok := instr.Addr.(*ssa.FieldAddr); ok && fa.Field == field && (fa.X == base || types.Identical(fa.X.Type(), base.Type())) {
					return false
				}
			case *ssa.MakeClosure:
				for _, x := range instr.Bindings {
					if x == base {
						return false
					}
				}
			case ssa.CallInstruction:
				if passes(instr.Common(), base) {
					return false
				}
			}
		}
	}
	return true
}

// passes reports whether call gives v to code that might write through it:
// anything but the etcd client's own API.
func passes(call *ssa.CallCommon, v ssa.Value) bool {
	if call.IsInvoke() && call.Value == v {
		return true
	}
	for _, a := range call.Args {
		if a != v {
			continue
		}
		if fn := call.StaticCallee(); fn != nil {
			if obj := fn.Object(); obj != nil && obj.Pkg() != nil && etcdapi.IsEtcdPath(obj.Pkg().Path()) {
				continue
			}
		}
		return true
	}
	return false
}

// flagBudget bounds the paths comesBack walks; past it, the loop is taken
// to come back, as the plain reachability of loopFrom says.
const flagBudget = 4096

// comesBack reports whether some path from the blocks in from gets back
// to b, where a branch on a boolean flag takes only the side the flag's
// value on that path chooses: in for !done { select { case <-wch: done =
// true ... } } the path after the receive leaves the loop, which then
// reads no zero values. Paths do not repeat an edge.
func comesBack(b *ssa.BasicBlock, from []*ssa.BasicBlock) bool {
	budget := flagBudget
	type edge struct{ from, to *ssa.BasicBlock }
	onPath := make(map[edge]bool)
	var walk func(path []*ssa.BasicBlock) bool
	walk = func(path []*ssa.BasicBlock) bool {
		if budget--; budget < 0 {
			return true
		}
		x := path[len(path)-1]
		succs := x.Succs
		if br, ok := x.Instrs[len(x.Instrs)-1].(*ssa.If); ok {
			if v, known := flagValue(br.Cond, path, 0); known {
				if v {
					succs = succs[:1]
				} else {
					succs = succs[1:]
				}
			}
		}
		for _, s := range succs {
			if s == b {
				return true
			}
			e := edge{x, s}
			if onPath[e] {
				continue
			}
			onPath[e] = true
			back := walk(append(path, s))
			delete(onPath, e)
			if back {
				return true
			}
		}
		return false
	}
	for _, f := range from {
		if f == b || walk([]*ssa.BasicBlock{b, f}) {
			return true
		}
	}
	return false
}

// flagValue is the value of the boolean cond at the end of path: a
// constant, its negation, or a phi whose edge from the block before it
// on the path is one.
func flagValue(cond ssa.Value, path []*ssa.BasicBlock, depth int) (value, known bool) {
	if depth > 8 {
		return false, false
	}
	switch v := cond.(type) {
	case *ssa.Const:
		if v.Value != nil && v.Value.Kind() == constant.Bool {
			return constant.BoolVal(v.Value), true
		}
	case *ssa.UnOp:
		if v.Op == token.NOT {
			x, ok := flagValue(v.X, path, depth+1)
			return !x, ok
		}
	case *ssa.Phi:
		for i := len(path) - 1; i > 0; i-- {
			if path[i] != v.Block() {
				continue
			}
			for j, p := range v.Block().Preds {
				if p == path[i-1] {
					return flagValue(v.Edges[j], path[:i], depth+1)
				}
			}
			return false, false
		}
	}
	return false, false
}
