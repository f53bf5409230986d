package ownership

import (
	"fmt"
	"go/constant"
	"go/token"
	"go/types"
	"strconv"
	"strings"

	"golang.org/x/tools/go/ssa"
)

// flags are what a path knows of boolean values that decide later
// branches. Without them the search, which visits each block once, would
// take both branches of a correlated release and report it missing.
//
//   - A boolean variable the path set to a constant: after `locked = true`
//     in the branch that took the lock, the phi that merges it with
//     `locked := false` is true on this path, so a later
//     `if locked { m.Unlock(ctx) }` takes its then branch.
//   - A condition that cannot change while the function runs (built from
//     parameters and constants: need, len(keys) > 0, !opts.Wait): once a
//     path has branched on it, or the acquire sits under it
//     (`if need { m.Lock(ctx) } ...; if need { m.Unlock(ctx) }`), a later
//     branch on the same condition goes the same way.
type flags []flag

type flag struct {
	phi  *ssa.Phi // a boolean variable's phi, or
	cond string   // a stable condition's key (stableKey)
	v    bool
}

// enter returns the facts on entry to b from pred: each boolean phi of b
// is what it is on that edge, when that is a constant, or unknown.
func (fl flags) enter(b, pred *ssa.BasicBlock) flags {
	var out flags
	for _, f := range fl {
		if f.phi == nil || f.phi.Block() != b {
			out = append(out, f)
		}
	}
	for _, instr := range b.Instrs {
		phi, ok := instr.(*ssa.Phi)
		if !ok {
			break
		}
		if v, ok := constBool(onEdge(phi, b, pred)); ok {
			out = append(out, flag{phi: phi, v: v})
		}
	}
	return out
}

func (fl flags) value(v ssa.Value) (bool, bool) {
	if c, ok := constBool(v); ok {
		return c, true
	}
	for _, f := range fl {
		if f.phi != nil && ssa.Value(f.phi) == v {
			return f.v, true
		}
	}
	if key, neg, ok := stableCond(v); ok {
		for _, f := range fl {
			if f.phi == nil && f.cond == key {
				return f.v != neg, true
			}
		}
	}
	return false, false
}

// branch returns the facts on the edge from the if ending b to succ.
func (fl flags) branch(b, succ *ssa.BasicBlock) flags {
	ifInstr, ok := b.Instrs[len(b.Instrs)-1].(*ssa.If)
	if !ok || b.Succs[0] == b.Succs[1] {
		return fl
	}
	key, neg, ok := stableCond(ifInstr.Cond)
	if !ok {
		return fl
	}
	v := (succ == b.Succs[0]) != neg
	for _, f := range fl {
		if f.phi == nil && f.cond == key {
			return fl // known already, and the path agrees
		}
	}
	return append(fl[:len(fl):len(fl)], flag{cond: key, v: v})
}

// dominating returns the stable conditions that hold wherever b runs: the
// ifs whose one branch b lies under.
func dominating(b *ssa.BasicBlock) flags {
	var out flags
	for d := b; d.Idom() != nil; d = d.Idom() {
		up := d.Idom()
		if len(d.Preds) == 1 && d.Preds[0] == up {
			out = out.branch(up, d)
		}
	}
	return out
}

func (fl flags) key() string {
	if len(fl) == 0 {
		return ""
	}
	var b strings.Builder
	for _, f := range fl {
		if f.phi != nil {
			fmt.Fprintf(&b, "%p=%t;", f.phi, f.v)
		} else {
			fmt.Fprintf(&b, "%s=%t;", f.cond, f.v)
		}
	}
	return b.String()
}

func constBool(v ssa.Value) (bool, bool) {
	c, ok := v.(*ssa.Const)
	if !ok || c.Value == nil || c.Value.Kind() != constant.Bool {
		return false, false
	}
	return constant.BoolVal(c.Value), true
}

// stableCond returns the key of a condition whose value cannot change
// while the function runs, and whether v is its negation.
func stableCond(v ssa.Value) (key string, neg bool, ok bool) {
	if not, isNot := v.(*ssa.UnOp); isNot && not.Op == token.NOT {
		key, neg, ok = stableCond(not.X)
		return key, !neg, ok
	}
	if _, isConst := v.(*ssa.Const); isConst {
		return "", false, false
	}
	if cmp, isCmp := v.(*ssa.BinOp); isCmp {
		if op, neg, ok := canonicalComparison(cmp); ok {
			x, okx := stableKey(cmp.X, 1)
			y, oky := stableKey(cmp.Y, 1)
			return "(" + x + op.String() + y + ")", neg, okx && oky
		}
	}
	key, ok = stableKey(v, 0)
	return key, false, ok
}

// canonicalComparison writes a comparison as one of ==, <, > or its
// negation, so that if n <= 0 and if n > 0 test one condition. A length
// compared with 0 is never negative: len(x) == 0 is !(len(x) > 0).
func canonicalComparison(cmp *ssa.BinOp) (op token.Token, neg, ok bool) {
	if b, ok := cmp.X.Type().Underlying().(*types.Basic); ok && b.Info()&(types.IsFloat|types.IsComplex) != 0 {
		return 0, false, false // with NaN, !(x < y) is not x >= y
	}
	op = cmp.Op
	switch op {
	case token.NEQ:
		op, neg = token.EQL, true
	case token.GEQ:
		op, neg = token.LSS, true
	case token.LEQ:
		op, neg = token.GTR, true
	case token.EQL, token.LSS, token.GTR:
	default:
		return 0, false, false
	}
	if op == token.EQL && isLength(cmp.X) && isZero(cmp.Y) {
		op, neg = token.GTR, !neg
	}
	return op, neg, true
}

func isLength(v ssa.Value) bool {
	call, ok := v.(*ssa.Call)
	if !ok {
		return false
	}
	b, ok := call.Call.Value.(*ssa.Builtin)
	return ok && (b.Name() == "len" || b.Name() == "cap")
}

func isZero(v ssa.Value) bool {
	c, ok := v.(*ssa.Const)
	return ok && c.Value != nil && c.Value.Kind() == constant.Int && constant.Sign(c.Value) == 0
}

// stableKey spells a value computed only from parameters, captured values
// and constants by pure operations, so that two computations of it (two
// len(keys) > 0) get the same key. Loads, receives and calls other than
// len and cap of a slice or string can change between two evaluations.
func stableKey(v ssa.Value, depth int) (string, bool) {
	if depth > 8 {
		return "", false
	}
	switch v := v.(type) {
	case *ssa.Parameter, *ssa.FreeVar:
		return fmt.Sprintf("%p", v), true
	case *ssa.Const:
		return v.String(), true
	case *ssa.UnOp:
		if v.Op == token.MUL || v.Op == token.ARROW {
			return "", false
		}
		x, ok := stableKey(v.X, depth+1)
		return v.Op.String() + "(" + x + ")", ok
	case *ssa.BinOp:
		x, okx := stableKey(v.X, depth+1)
		y, oky := stableKey(v.Y, depth+1)
		return "(" + x + v.Op.String() + y + ")", okx && oky
	case *ssa.Field:
		x, ok := stableKey(v.X, depth+1)
		return x + "." + strconv.Itoa(v.Field), ok
	case *ssa.Convert:
		x, ok := stableKey(v.X, depth+1)
		return v.Type().String() + "(" + x + ")", ok
	case *ssa.ChangeType:
		x, ok := stableKey(v.X, depth+1)
		return v.Type().String() + "(" + x + ")", ok
	case *ssa.Call:
		b, isBuiltin := v.Call.Value.(*ssa.Builtin)
		if !isBuiltin || (b.Name() != "len" && b.Name() != "cap") || len(v.Call.Args) != 1 {
			return "", false
		}
		switch v.Call.Args[0].Type().Underlying().(type) {
		case *types.Slice, *types.Basic, *types.Array:
		default:
			return "", false // a map or channel changes length
		}
		x, ok := stableKey(v.Call.Args[0], depth+1)
		return b.Name() + "(" + x + ")", ok
	}
	return "", false
}
