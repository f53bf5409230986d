// Package ctxflow follows context.Context values through SSA: where a
// context came from (the context.With* call that derived it, and that
// call's parent), and where it goes (the calls it, or a context derived
// from it, is passed to).
//
// It knows the context package only; what counts as an etcd call is the
// caller's business.
package ctxflow

import (
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ssa"
)

// maxDepth bounds every walk: provenance chains in real code are short,
// and a bound keeps a pathological phi web from costing more than it is worth.
const maxDepth = 32

// Func returns the name of the context package function that call
// invokes ("WithTimeout", "Background"), or "".
func Func(call *ssa.CallCommon) string {
	fn := call.StaticCallee()
	if fn == nil || fn.Pkg == nil || fn.Pkg.Pkg.Path() != "context" || fn.Signature.Recv() != nil {
		return ""
	}
	return fn.Name()
}

// withCancel are the context functions that return the derived context and
// its cancel func.
var withCancel = map[string]bool{
	"WithCancel": true, "WithCancelCause": true,
	"WithTimeout": true, "WithTimeoutCause": true,
	"WithDeadline": true, "WithDeadlineCause": true,
}

// IsWithCancel reports whether name is a context function that returns a
// cancel func along with the context.
func IsWithCancel(name string) bool { return withCancel[name] }

// Derive returns the context.With* (or WithValue, WithoutCancel) call that
// made ctx from a parent, the parent, and the function's name; nil, nil, ""
// when ctx is not such a context.
func Derive(ctx ssa.Value) (*ssa.Call, ssa.Value, string) {
	var call *ssa.Call
	switch x := ctx.(type) {
	case *ssa.Extract:
		c, ok := x.Tuple.(*ssa.Call)
		if !ok || x.Index != 0 || !withCancel[Func(c.Common())] {
			return nil, nil, ""
		}
		call = c
	case *ssa.Call:
		if name := Func(x.Common()); name != "WithValue" && name != "WithoutCancel" {
			return nil, nil, ""
		}
		call = x
	default:
		return nil, nil, ""
	}
	if len(call.Call.Args) == 0 {
		return nil, nil, ""
	}
	return call, call.Call.Args[0], Func(call.Common())
}

// Cancel returns the cancel func that call (a context.With* call) returns,
// or nil when it is discarded.
func Cancel(call *ssa.Call) ssa.Value {
	for _, r := range *call.Referrers() {
		if ex, ok := r.(*ssa.Extract); ok && ex.Index == 1 {
			return ex
		}
	}
	return nil
}

// Value returns the value v stands for: it looks through interface
// conversions, phis whose edges all carry one value, and loads of a
// variable that is assigned once. SSA keeps a variable captured by a
// closure in a heap cell and reads it with a load each time, so two uses
// of `m` around a `defer func() { m.Unlock(ctx) }()` are different values
// until resolved here.
func Value(v ssa.Value) ssa.Value {
	for range maxDepth {
		switch x := v.(type) {
		case *ssa.ChangeInterface:
			v = x.X
			continue
		case *ssa.UnOp:
			if x.Op == token.MUL {
				if s := storedOnce(x.X); s != nil {
					v = s
					continue
				}
			}
		case *ssa.Phi:
			if s := onlyEdge(x); s != nil {
				v = s
				continue
			}
		}
		return v
	}
	return v
}

// onlyEdge returns the one value all of phi's edges carry, ignoring the
// phi itself (a loop that does not change the variable), or nil.
func onlyEdge(phi *ssa.Phi) ssa.Value {
	var only ssa.Value
	for _, e := range phi.Edges {
		if e == phi {
			continue
		}
		if only != nil && only != e {
			return nil
		}
		only = e
	}
	return only
}

// Cell returns the local variable that addr denotes: an Alloc, or the
// Alloc a closure's free variable was bound to; nil for anything else (a
// field, a global, a parameter's pointee).
func Cell(addr ssa.Value) *ssa.Alloc {
	for range maxDepth {
		switch x := addr.(type) {
		case *ssa.Alloc:
			return x
		case *ssa.FreeVar:
			b := binding(x)
			if b == nil {
				return nil
			}
			addr = b
			continue
		}
		return nil
	}
	return nil
}

// binding returns the value bound to the free variable fv where its
// closure is made, or nil when that is not unique.
func binding(fv *ssa.FreeVar) ssa.Value {
	fn := fv.Parent()
	idx := -1
	for i, f := range fn.FreeVars {
		if f == fv {
			idx = i
		}
	}
	parent := fn.Parent()
	if idx < 0 || parent == nil {
		return nil
	}
	var bound ssa.Value
	for _, b := range parent.Blocks {
		for _, instr := range b.Instrs {
			mc, ok := instr.(*ssa.MakeClosure)
			if !ok || mc.Fn != fn {
				continue
			}
			if bound != nil {
				return nil
			}
			bound = mc.Bindings[idx]
		}
	}
	return bound
}

// storedOnce returns the value stored in the local variable at addr, when
// it is stored exactly once (in its function or in a closure that captures
// it) and its address goes nowhere else; otherwise nil.
func storedOnce(addr ssa.Value) ssa.Value {
	cell := Cell(addr)
	if cell == nil {
		return nil
	}
	var stored ssa.Value
	n := 0
	ok := visitCell(cell, 0, func(st *ssa.Store) {
		stored = st.Val
		n++
	})
	if !ok || n != 1 {
		return nil
	}
	return stored
}

// visitCell calls store for each store to the variable cell (or to a free
// variable bound to it) and reports whether every use of its address is a
// load, a store to it, or a capture by a closure.
func visitCell(cell ssa.Value, depth int, store func(*ssa.Store)) bool {
	if depth > 4 {
		return false
	}
	refs := cell.Referrers()
	if refs == nil {
		return true
	}
	for _, r := range *refs {
		switch r := r.(type) {
		case *ssa.Store:
			if r.Addr != cell {
				return false // the address itself is stored somewhere
			}
			store(r)
		case *ssa.UnOp:
			if r.Op != token.MUL {
				return false
			}
		case *ssa.DebugRef:
		case *ssa.MakeClosure:
			fn := r.Fn.(*ssa.Function)
			for i, b := range r.Bindings {
				if b == cell && !visitCell(fn.FreeVars[i], depth+1, store) {
					return false
				}
			}
		default:
			return false
		}
	}
	return true
}

// Reaches returns the first call found that the context ctx, or one
// derived from it, is passed to and for which sink returns true; nil if
// there is none. It follows the context through conversions, phis, local
// variables, closures that capture it, and the parameters of functions in
// pkg; anything else (a field, a channel, an unknown function) ends that
// branch of the search.
func Reaches(ctx ssa.Value, pkg *ssa.Package, sink func(ssa.CallInstruction) bool) ssa.CallInstruction {
	seen := make(map[ssa.Value]bool)
	work := []ssa.Value{ctx}
	for len(work) > 0 && len(seen) < 512 {
		v := work[0]
		work = work[1:]
		if v == nil || seen[v] {
			continue
		}
		seen[v] = true
		refs := v.Referrers()
		if refs == nil {
			continue
		}
		for _, r := range *refs {
			switch r := r.(type) {
			case *ssa.Phi, *ssa.ChangeInterface, *ssa.MakeInterface:
				work = append(work, r.(ssa.Value))
			case *ssa.Store:
				if r.Val == v {
					if fv, ok := r.Addr.(*ssa.FreeVar); ok {
						// The closure's own loads first: they are the
						// ones that read what it stored.
						work = append(work, cellLoads(fv)...)
					}
					if cell := Cell(r.Addr); cell != nil {
						work = append(work, cellLoads(cell)...)
					}
				}
			case *ssa.UnOp:
				if r.Op == token.MUL { // v is a cell: a free variable
					work = append(work, r)
				}
			case *ssa.MakeClosure:
				fn := r.Fn.(*ssa.Function)
				for i, b := range r.Bindings {
					if b == v {
						work = append(work, fn.FreeVars[i])
					}
				}
			case ssa.CallInstruction:
				if sink(r) {
					return r
				}
				work = append(work, passedOn(r, v, pkg)...)
			}
		}
	}
	return nil
}

// cellLoads returns the loads of a local variable, in its function and in
// the closures that capture it.
func cellLoads(cell ssa.Value) []ssa.Value {
	var out []ssa.Value
	var visit func(c ssa.Value, depth int)
	visit = func(c ssa.Value, depth int) {
		if depth > 4 || c.Referrers() == nil {
			return
		}
		for _, r := range *c.Referrers() {
			switch r := r.(type) {
			case *ssa.UnOp:
				if r.Op == token.MUL {
					out = append(out, r)
				}
			case *ssa.MakeClosure:
				fn := r.Fn.(*ssa.Function)
				for i, b := range r.Bindings {
					if b == c {
						visit(fn.FreeVars[i], depth+1)
					}
				}
			}
		}
	}
	visit(cell, 0)
	return out
}

// passedOn returns what the context v becomes in a call that takes it: the
// context derived from it by a context function, or the parameter of a
// function in pkg that receives it.
func passedOn(call ssa.CallInstruction, v ssa.Value, pkg *ssa.Package) []ssa.Value {
	common := call.Common()
	if c, ok := call.(*ssa.Call); ok && len(common.Args) > 0 && common.Args[0] == v {
		switch name := Func(common); {
		case name == "WithValue" || name == "WithoutCancel":
			return []ssa.Value{c}
		case withCancel[name]:
			var out []ssa.Value
			for _, r := range *c.Referrers() {
				if ex, ok := r.(*ssa.Extract); ok && ex.Index == 0 {
					out = append(out, ex)
				}
			}
			return out
		}
	}
	fn := common.StaticCallee()
	if fn == nil || fn.Pkg != pkg || len(fn.Blocks) == 0 {
		return nil
	}
	var out []ssa.Value
	for i, a := range common.Args {
		if a == v && i < len(fn.Params) {
			out = append(out, fn.Params[i])
		}
	}
	return out
}

// IsContext reports whether t is context.Context.
func IsContext(t types.Type) bool {
	n, ok := types.Unalias(t).(*types.Named)
	return ok && n.Obj().Pkg() != nil && n.Obj().Pkg().Path() == "context" && n.Obj().Name() == "Context"
}

// NeverEnds returns the call that roots ctx in a context nothing can
// cancel: context.Background(), TODO() or WithoutCancel(), reached through
// WithValue and through phis all of whose edges never end. other lets the
// caller name more: for a call that is not the context package's, it
// returns the context the call derives from (parent, as WithValue does),
// or root true when the call's own result never ends. NeverEnds returns
// nil when something may end ctx, or when that cannot be told: a
// parameter, a field, a WithCancel or WithTimeout context (whose lost
// cancel is a finding of its own, ctxtimeout's CT1).
func NeverEnds(ctx ssa.Value, other func(*ssa.Call) (parent ssa.Value, root bool)) *ssa.Call {
	return neverEnds(ctx, other, make(map[*ssa.Phi]bool), 0)
}

func neverEnds(ctx ssa.Value, other func(*ssa.Call) (ssa.Value, bool), seen map[*ssa.Phi]bool, depth int) *ssa.Call {
	if depth > maxDepth {
		return nil
	}
	switch x := Value(ctx).(type) {
	case *ssa.Call:
		switch Func(x.Common()) {
		case "Background", "TODO", "WithoutCancel":
			return x
		case "WithValue":
			return neverEnds(x.Call.Args[0], other, seen, depth+1)
		case "":
			if other == nil {
				return nil
			}
			parent, root := other(x)
			if root {
				return x
			}
			if parent != nil {
				return neverEnds(parent, other, seen, depth+1)
			}
		}
	case *ssa.Phi:
		if seen[x] {
			return nil // a loop: what enters it decides, on the other edges
		}
		seen[x] = true
		var root *ssa.Call
		for _, e := range x.Edges {
			if e == x {
				continue
			}
			r := neverEnds(e, other, seen, depth+1)
			if r == nil {
				return nil
			}
			if root == nil {
				root = r
			}
		}
		return root
	}
	return nil
}
