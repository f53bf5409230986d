package ownership

import (
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ssa"
)

// Receiver returns the receiver of a method call, static or through an
// interface, or nil for a function call.
func Receiver(call *ssa.CallCommon) ssa.Value {
	if call.IsInvoke() {
		return call.Value
	}
	fn := call.StaticCallee()
	if fn == nil || len(call.Args) == 0 {
		return nil
	}
	if fn.Signature.Recv() != nil {
		return call.Args[0]
	}
	// A method expression, (*concurrency.Mutex).Unlock(m, ctx), calls a
	// thunk whose first parameter is the receiver.
	if obj, ok := fn.Object().(*types.Func); ok && obj.Signature().Recv() != nil {
		return call.Args[0]
	}
	return nil
}

// VariableValues returns v and, when v is a load of a local variable (a
// variable a closure captures is loaded at each use), the values stored to
// it: holding those, the engine follows the variable itself, so that
// cli.Close() and a closure capturing cli reach the client NewSession(cli)
// was given.
func VariableValues(v ssa.Value) []ssa.Value {
	out := []ssa.Value{v}
	ld, ok := v.(*ssa.UnOp)
	if !ok || ld.Op != token.MUL {
		return out
	}
	alloc, ok := ld.X.(*ssa.Alloc)
	if !ok {
		return out
	}
	for _, r := range *alloc.Referrers() {
		if st, ok := r.(*ssa.Store); ok && st.Addr == alloc {
			out = append(out, st.Val)
		}
	}
	return out
}

// ArgIndex is the position of v among call's arguments after the
// receiver (ctx is 0 in m.Lock(ctx), the key 1 in kv.Put(ctx, key, val)),
// or -1 when v is not among them or is at more than one place.
func ArgIndex(call *ssa.CallCommon, v ssa.Value) int {
	args := call.Args
	if _, bound := call.Value.(*ssa.MakeClosure); !bound && !call.IsInvoke() && Receiver(call) != nil {
		// A bound method value (del := kv.Delete; del(ctx, key)) has
		// its receiver among the closure's bindings, not the arguments.
		args = args[1:]
	}
	at := -1
	for i, a := range args {
		if a == v {
			if at >= 0 {
				return -1 // kv.Put(ctx, k, k): at more than one place
			}
			at = i
		}
	}
	return at
}

// DynamicType is the concrete type of v, looking through conversions to
// interfaces; nil if it cannot be known.
func DynamicType(v ssa.Value) types.Type {
	for {
		switch x := v.(type) {
		case *ssa.MakeInterface:
			return x.X.Type()
		case *ssa.ChangeInterface:
			v = x.X
			continue
		}
		if types.IsInterface(v.Type()) {
			return nil
		}
		return v.Type()
	}
}

// VariadicArgs returns the values passed to a variadic parameter as
// separate arguments (f(a, b) builds a slice of a local array), or nil.
func VariadicArgs(v ssa.Value) []ssa.Value {
	sl, ok := v.(*ssa.Slice)
	if !ok {
		return nil
	}
	arr, ok := sl.X.(*ssa.Alloc)
	if !ok {
		return nil
	}
	var out []ssa.Value
	for _, r := range *arr.Referrers() {
		ia, ok := r.(*ssa.IndexAddr)
		if !ok {
			continue
		}
		for _, s := range *ia.Referrers() {
			if st, ok := s.(*ssa.Store); ok && st.Addr == ia {
				out = append(out, st.Val)
			}
		}
	}
	return out
}

// contextConstructors are the context functions that return a cancel
// func as their second result.
var contextConstructors = map[string]bool{
	"WithCancel": true, "WithTimeout": true, "WithDeadline": true,
	"WithCancelCause": true, "WithTimeoutCause": true, "WithDeadlineCause": true,
}

// ContextConstructor returns the context.With* call that produced ctx,
// looking through phis of one value, or nil.
func ContextConstructor(ctx ssa.Value) *ssa.Call {
	ex, ok := ctx.(*ssa.Extract)
	if !ok || ex.Index != 0 {
		return nil
	}
	call, ok := ex.Tuple.(*ssa.Call)
	if !ok {
		return nil
	}
	fn := call.Call.StaticCallee()
	if fn == nil || fn.Pkg == nil || fn.Pkg.Pkg.Path() != "context" || !contextConstructors[fn.Name()] {
		return nil
	}
	return call
}

// CancelOf returns the cancel func that ends ctx, when ctx comes straight
// from a context.With* call, or nil.
func CancelOf(ctx ssa.Value) ssa.Value {
	call := ContextConstructor(ctx)
	if call == nil {
		return nil
	}
	for _, r := range *call.Referrers() {
		if ex, ok := r.(*ssa.Extract); ok && ex.Index == 1 {
			return ex
		}
	}
	return nil
}
