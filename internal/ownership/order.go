package ownership

import "golang.org/x/tools/go/ssa"

// Before reports whether a runs before b on every path to b: earlier in
// the same block, or in a block that dominates b's.
func Before(a, b ssa.Instruction) bool {
	ab, bb := a.Block(), b.Block()
	if ab == nil || bb == nil {
		return false
	}
	if ab == bb {
		for _, x := range ab.Instrs {
			switch x {
			case a:
				return true
			case b:
				return false
			}
		}
		return false
	}
	return ab.Dominates(bb)
}
