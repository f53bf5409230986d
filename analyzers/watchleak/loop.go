package watchleak

import (
	"go/constant"
	"go/token"

	"golang.org/x/tools/go/ssa"
)

// flagBudget bounds the paths comesBack walks; past it, the loop is taken
// to come back, as the plain reachability of loops.Through says.
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
