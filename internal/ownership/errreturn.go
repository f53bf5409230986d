package ownership

import (
	"go/token"
	"go/types"
	"slices"

	"golang.org/x/tools/go/ssa"
)

// ReturnsError reports whether ret may return a non-nil error as its last
// result: the rules that report only error returns (a lock owned
// elsewhere, a lease kept alive by hand) read returns this way. The acquire's own error does not count: where it is non-nil,
// nothing is held.
func ReturnsError(ret *ssa.Return, isGate func(ssa.Value) bool) bool {
	fn := ret.Parent()
	res := fn.Signature.Results()
	if res.Len() == 0 || len(ret.Results) != res.Len() ||
		!types.Identical(res.At(res.Len()-1).Type(), types.Universe.Lookup("error").Type()) {
		return false
	}
	v := resultValue(ret.Results[len(ret.Results)-1], ret.Block())
	if v == nil {
		return false // unsure: stay silent
	}
	return mayBeNonNil(v, isGate, ret.Block(), 0)
}

// resultValue looks through the result variable a function with defers
// returns through (`*t = v; rundefers; t' = *t; return t'`) to the value
// stored last, following the blocks that lead alone to the return.
func resultValue(v ssa.Value, b *ssa.BasicBlock) ssa.Value {
	ld, ok := v.(*ssa.UnOp)
	if !ok || ld.Op != token.MUL {
		return v
	}
	alloc, ok := ld.X.(*ssa.Alloc)
	if !ok {
		return v
	}
	end := slices.Index(b.Instrs, ssa.Instruction(ld))
	for seen := 0; b != nil && seen < 64; seen++ {
		for i := end - 1; i >= 0; i-- {
			if st, ok := b.Instrs[i].(*ssa.Store); ok && st.Addr == alloc {
				return st.Val
			}
		}
		if len(b.Preds) != 1 {
			return nil
		}
		b = b.Preds[0]
		end = len(b.Instrs)
	}
	return nil
}

// mayBeNonNil reports whether the error v may be non-nil in block b.
func mayBeNonNil(v ssa.Value, isGate func(ssa.Value) bool, b *ssa.BasicBlock, depth int) bool {
	if isGate(v) || depth > 4 {
		return false
	}
	switch x := v.(type) {
	case *ssa.Const:
		return !x.IsNil()
	case *ssa.Phi:
		for _, e := range x.Edges {
			if mayBeNonNil(e, isGate, nil, depth+1) {
				return true
			}
		}
		return false
	}
	return !knownNil(v, b)
}

// sameErr reports whether tested, the operand of a comparison, is the
// error v: the same value, or, for an err a closure captures, a load of
// the same variable that nothing can have rewritten before v's.
func sameErr(tested, v ssa.Value) bool {
	if tested == v {
		return true
	}
	a, ok1 := tested.(*ssa.UnOp)
	b, ok2 := v.(*ssa.UnOp)
	return ok1 && ok2 && SameRead(a, b)
}

// knownNil reports whether block b runs only where v == nil: a dominating
// `if v != nil` took its else branch to get there.
func knownNil(v ssa.Value, b *ssa.BasicBlock) bool {
	for ; b != nil && b.Idom() != nil; b = b.Idom() {
		p := b.Idom()
		if len(b.Preds) != 1 || b.Preds[0] != p || len(p.Instrs) == 0 {
			continue
		}
		ifInstr, ok := p.Instrs[len(p.Instrs)-1].(*ssa.If)
		if !ok {
			continue
		}
		cmp, ok := ifInstr.Cond.(*ssa.BinOp)
		if !ok || !sameErr(cmp.X, v) && !sameErr(cmp.Y, v) {
			continue
		}
		other := cmp.Y
		if sameErr(cmp.Y, v) {
			other = cmp.X
		}
		if c, ok := other.(*ssa.Const); !ok || !c.IsNil() {
			continue
		}
		nilSucc := 0 // v == nil: the then branch
		if cmp.Op == token.NEQ {
			nilSucc = 1
		} else if cmp.Op != token.EQL {
			continue
		}
		return p.Succs[nilSucc] == b
	}
	return false
}
