// Package loops finds the loop around a block of an SSA function and tells
// whether a value is the same on every iteration: what LO2 (a keepalive
// started again on the same lease) and WL1/WL2 (a watch or a receive the
// loop comes back to) ask of a loop.
package loops

import (
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ssa"

	"github.com/etcdlint/etcdlint/internal/etcdapi"
)

// A Loop is the set of blocks on some cycle through one block: everything
// an iteration may run.
type Loop struct {
	Blocks map[*ssa.BasicBlock]bool
}

// Around returns the loop around b, or nil if no cycle runs b again.
func Around(b *ssa.BasicBlock) *Loop { return Through(b, b.Succs) }

// Through returns the loop that takes the paths starting at from back to
// b, or nil when no path from from reaches b.
func Through(b *ssa.BasicBlock, from []*ssa.BasicBlock) *Loop {
	fwd := reach(from, func(x *ssa.BasicBlock) []*ssa.BasicBlock { return x.Succs })
	if !fwd[b] {
		return nil
	}
	bwd := reach([]*ssa.BasicBlock{b}, func(x *ssa.BasicBlock) []*ssa.BasicBlock { return x.Preds })
	lp := &Loop{Blocks: map[*ssa.BasicBlock]bool{b: true}}
	for x := range fwd {
		if bwd[x] {
			lp.Blocks[x] = true
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

// Same reports whether v can hold the same value on the next iteration as
// on this one: it is defined before the loop, carried round it unchanged
// by a phi on some path, or loaded from a variable or field the loop does
// not write. A value each iteration makes afresh (a new Watch, a lease ID
// from a Grant in the loop, the element a range loop visits) is not.
func (lp *Loop) Same(v ssa.Value) bool { return lp.same(v, make(map[ssa.Value]bool)) }

func (lp *Loop) same(v ssa.Value, visiting map[ssa.Value]bool) bool {
	switch v.(type) {
	case *ssa.Parameter, *ssa.FreeVar, *ssa.Global:
		return true
	case *ssa.Const:
		return false // nothing keeps a literal alive on purpose
	}
	instr, ok := v.(ssa.Instruction)
	if !ok {
		return false
	}
	if !lp.Blocks[instr.Block()] {
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
			if lp.Blocks[v.Block().Preds[i]] && lp.same(e, visiting) {
				return true
			}
		}
	case *ssa.ChangeType:
		return lp.same(v.X, visiting)
	case *ssa.Convert:
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
func (lp *Loop) unchanged(addr ssa.Value, visiting map[ssa.Value]bool) bool {
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
	for b := range lp.Blocks {
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
