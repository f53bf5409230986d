package ctxtimeout

import (
	"go/token"

	"golang.org/x/tools/go/ssa"
)

// goroutineOwns reports whether the captured variable fv belongs to the
// goroutine whose body fv is a free variable of: the closure is made once
// and only started with go, not in a loop (goroutines sharing the variable
// would cancel each other's contexts), and the enclosing function neither
// loads the variable after starting it, nor hands its address on, nor lets
// another closure capture it. Then a cancel func the goroutine stores
// there can be called by the goroutine alone. When unsure, false: the
// store stays a hand-off.
func goroutineOwns(fv *ssa.FreeVar) bool {
	fn := fv.Parent()
	parent := fn.Parent()
	idx := freeVarIndex(fn, fv)
	if parent == nil || idx < 0 {
		return false
	}
	mc := onlyClosure(parent, fn)
	if mc == nil || mc.Referrers() == nil || len(*mc.Referrers()) != 1 {
		return false
	}
	g, ok := (*mc.Referrers())[0].(*ssa.Go)
	if !ok || g.Call.Value != mc || reachableFrom(g, g.Block()) {
		return false
	}
	cell, ok := mc.Bindings[idx].(*ssa.Alloc)
	if !ok {
		return false
	}
	for _, r := range *cell.Referrers() {
		switch r := r.(type) {
		case *ssa.Store:
			if r.Addr != cell {
				return false
			}
		case *ssa.UnOp:
			if r.Op != token.MUL || reachableFrom(g, r.Block()) || r.Block() == g.Block() && after(g, r) {
				return false
			}
		case *ssa.DebugRef:
		case *ssa.MakeClosure:
			if r != mc {
				return false
			}
		default:
			return false
		}
	}
	return true
}

func freeVarIndex(fn *ssa.Function, fv *ssa.FreeVar) int {
	for i, f := range fn.FreeVars {
		if f == fv {
			return i
		}
	}
	return -1
}

// onlyClosure is the one MakeClosure of fn in parent, or nil.
func onlyClosure(parent, fn *ssa.Function) *ssa.MakeClosure {
	var found *ssa.MakeClosure
	for _, b := range parent.Blocks {
		for _, instr := range b.Instrs {
			if mc, ok := instr.(*ssa.MakeClosure); ok && mc.Fn == fn {
				if found != nil {
					return nil
				}
				found = mc
			}
		}
	}
	return found
}

// reachableFrom reports whether a path from the successors of instr's
// block leads to target.
func reachableFrom(instr ssa.Instruction, target *ssa.BasicBlock) bool {
	seen := make(map[*ssa.BasicBlock]bool)
	work := append([]*ssa.BasicBlock(nil), instr.Block().Succs...)
	for len(work) > 0 {
		b := work[len(work)-1]
		work = work[:len(work)-1]
		if b == target {
			return true
		}
		if !seen[b] {
			seen[b] = true
			work = append(work, b.Succs...)
		}
	}
	return false
}

// after reports whether y comes after x in their common block.
func after(x, y ssa.Instruction) bool {
	for _, instr := range x.Block().Instrs {
		switch instr {
		case x:
			return true
		case y:
			return false
		}
	}
	return false
}
