package ownership

import (
	"go/types"
	"strings"

	"golang.org/x/tools/go/ssa"

	"github.com/etcdlint/etcdlint/internal/etcdapi"
)

// callEffect is the engine's reading of a call (or deferred call) that
// uses h: as the function called, the receiver, or an argument.
func (e *Engine) callEffect(tr *tracking, call *ssa.CallCommon, result ssa.Value, h Holder) Effect {
	if call.Value == h.Value && !call.IsInvoke() {
		// Calling a closure that carries the resource: its body decides.
		if _, ok := h.Value.(*ssa.MakeClosure); ok {
			return e.closureEffect(tr, h.Value.(*ssa.MakeClosure))
		}
		// A function value whose body we cannot see (a parameter, a
		// method value loaded from a slice): it may well release it.
		return Effect{Kind: Escape}
	}
	if b, ok := call.Value.(*ssa.Builtin); ok {
		switch b.Name() {
		case "append":
			// Growing a slice that already carries the resource keeps it
			// in reach; appending the resource to a slice stores it
			// where the code that ranges over the slice releases it.
			if len(call.Args) > 0 && call.Args[0] == h.Value && result != nil {
				return Effect{Kind: Use, New: []Holder{{Value: result, Role: Carrier, Tag: h.Tag}}}
			}
			return Effect{Kind: Escape}
		case "ssa:wrapnilchk":
			if result != nil {
				return flow(result, h)
			}
		}
		return Effect{Kind: Use}
	}
	if call.IsInvoke() {
		// A method called through an interface the rule could not
		// resolve to the resource's own (an interface parameter, a phi
		// of interfaces): it may be the release. Stay silent.
		return Effect{Kind: Escape}
	}
	callee := call.StaticCallee()
	if callee == nil {
		return Effect{Kind: Escape} // a function value: anything may happen
	}
	if mc, ok := call.Value.(*ssa.MakeClosure); ok && tr.binds[mc] != nil {
		return e.closureEffect(tr, mc)
	}
	if isEtcd(callee) {
		return etcdCallEffect(call, result, h)
	}
	if e.doesNotRetain(callee) {
		return Effect{Kind: Use}
	}
	if e.inPackage(callee) {
		return e.summaryEffect(tr, callee, call.Args, result, h)
	}
	return Effect{Kind: Escape}
}

// closureEffect reads a call of a closure by what its body does with each
// free variable that holds the resource.
func (e *Engine) closureEffect(tr *tracking, mc *ssa.MakeClosure) Effect {
	fn := mc.Fn.(*ssa.Function)
	var kinds []EffectKind
	for _, b := range tr.binds[mc] {
		kinds = append(kinds, e.summary(fn, Holder{Value: fn.FreeVars[b.index], Role: b.role, Tag: b.tag}, tr.resType))
	}
	k := combine(kinds)
	if returnsBack(k) {
		k = Escape // a closure that hands it back: followed no further
	}
	return Effect{Kind: k}
}

// summaryEffect reads a call of a same-package function by its summary
// for each parameter that receives the resource.
func (e *Engine) summaryEffect(tr *tracking, callee *ssa.Function, args []ssa.Value, result ssa.Value, h Holder) Effect {
	var kinds []EffectKind
	for i, a := range args {
		if a == h.Value && i < len(callee.Params) {
			kinds = append(kinds, e.summary(callee, Holder{Value: callee.Params[i], Role: h.Role, Tag: h.Tag}, tr.resType))
		}
	}
	if len(kinds) == 0 {
		return Effect{Kind: Escape}
	}
	k := combine(kinds)
	if returnsBack(k) {
		if result == nil {
			return Effect{Kind: Escape} // deferred: the result is lost
		}
		role := Alias
		switch k {
		case returnsCarrier:
			role = Carrier
		case returnsCell:
			role = Cell
		}
		return Effect{Kind: Use, New: []Holder{{Value: result, Role: role, Tag: h.Tag}}}
	}
	return Effect{Kind: k}
}

func returnsBack(k EffectKind) bool {
	return k == returnsAlias || k == returnsCarrier || k == returnsCell
}

// combine merges the effects of one call on several parameters: any
// release wins, then any escape.
func combine(kinds []EffectKind) EffectKind {
	k := Use
	for _, x := range kinds {
		switch {
		case x == Release:
			return Release
		case x == Escape:
			k = Escape
		case k == Use:
			k = x // passed back to the caller
		}
	}
	return k
}

func (e *Engine) inPackage(fn *ssa.Function) bool {
	if fn.Blocks == nil {
		return false
	}
	if fn.Pkg == e.pkg {
		return true
	}
	// Wrappers the SSA builder synthesises for this package (bound
	// method values, generic instantiations) have no package of their own.
	if fn.Pkg == nil && fn.Synthetic != "" {
		return true
	}
	return fn.Origin() != nil && fn.Origin().Pkg == e.pkg
}

// nonRetaining are packages whose functions use their arguments and keep
// none of them: passing a session to log.Printf is a use, not a hand-off.
// Not time (AfterFunc keeps its func), slices (Insert returns a slice
// holding it), sort or reflect (ValueOf keeps it).
var nonRetaining = map[string]bool{
	"fmt": true, "log": true, "log/slog": true, "strconv": true, "errors": true,
	"strings": true, "bytes": true, "unicode/utf8": true, "math": true,
	"encoding/json": true, "go.uber.org/zap": true,
}

func (e *Engine) doesNotRetain(fn *ssa.Function) bool { return nonRetainingFunc(fn) }

func nonRetainingFunc(fn *ssa.Function) bool {
	obj, ok := fn.Object().(*types.Func)
	if !ok || obj.Pkg() == nil {
		return false
	}
	path := obj.Pkg().Path()
	if i := strings.LastIndex(path, "/vendor/"); i >= 0 {
		path = path[i+len("/vendor/"):]
	}
	return nonRetaining[path]
}

func isEtcd(fn *ssa.Function) bool {
	obj, ok := fn.Object().(*types.Func)
	return ok && obj.Pkg() != nil && etcdapi.IsEtcdPath(obj.Pkg().Path())
}

// etcdCallEffect: the etcd client's methods on the resource use it. An
// etcd function given the resource as an argument that the rule did not
// know (recipe.NewDoubleBarrier(s, ...)) is taken to build something that
// keeps it: its result carries the resource.
func etcdCallEffect(call *ssa.CallCommon, result ssa.Value, h Holder) Effect {
	if Receiver(call) == h.Value || result == nil || h.Role == Related || h.Role == Signal || !isEtcdObject(result.Type()) {
		return Effect{Kind: Use}
	}
	return Effect{Kind: Use, New: []Holder{{Value: result, Role: Carrier, Tag: h.Tag}}}
}

// isEtcdObject reports whether t is a pointer to a struct type of an etcd
// package: what its constructors return (*recipe.DoubleBarrier), as
// opposed to options, IDs and responses.
func isEtcdObject(t types.Type) bool {
	p, ok := t.(*types.Pointer)
	if !ok {
		return false
	}
	n, ok := types.Unalias(p.Elem()).(*types.Named)
	if !ok || n.Obj().Pkg() == nil {
		return false
	}
	_, isStruct := n.Underlying().(*types.Struct)
	return isStruct && etcdapi.IsEtcdPath(n.Obj().Pkg().Path())
}

// Callee returns the function a call invokes: the static callee's object,
// or for a method called through an interface on a value whose dynamic
// type is known (typ), that type's method.
func Callee(call *ssa.CallCommon, typ types.Type) *types.Func {
	if call.IsInvoke() {
		if typ != nil {
			if obj, _, _ := types.LookupFieldOrMethod(typ, true, call.Method.Pkg(), call.Method.Name()); obj != nil {
				if f, ok := obj.(*types.Func); ok {
					return f
				}
			}
		}
		return call.Method
	}
	if fn := call.StaticCallee(); fn != nil {
		if obj, ok := fn.Object().(*types.Func); ok {
			return obj.Origin()
		}
	}
	return nil
}
