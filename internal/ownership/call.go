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
		return Effect{Kind: Use}
	}
	if b, ok := call.Value.(*ssa.Builtin); ok {
		switch b.Name() {
		case "append":
			if result != nil {
				return Effect{Kind: Use, New: []Holder{{Value: result, Role: Carrier, Tag: h.Tag}}}
			}
		case "ssa:wrapnilchk":
			if result != nil {
				return flow(result, h)
			}
		}
		return Effect{Kind: Use}
	}
	if call.IsInvoke() {
		if call.Value == h.Value {
			// A method called through an interface the resource was
			// converted to; unless the rule knew it, it is a use.
			return Effect{Kind: Use}
		}
		return Effect{Kind: Escape}
	}
	callee := call.StaticCallee()
	if callee == nil {
		return Effect{Kind: Escape} // a function value: anything may happen
	}
	if mc, ok := call.Value.(*ssa.MakeClosure); ok && tr.binds[mc] != nil {
		return e.closureEffect(tr, mc)
	}
	if e.doesNotRetain(callee) {
		return Effect{Kind: Use}
	}
	if e.inPackage(callee) {
		return e.summaryEffect(callee, call.Args, h)
	}
	return Effect{Kind: Escape}
}

// closureEffect reads a call of a closure by what its body does with each
// free variable that holds the resource.
func (e *Engine) closureEffect(tr *tracking, mc *ssa.MakeClosure) Effect {
	fn := mc.Fn.(*ssa.Function)
	var kinds []EffectKind
	for _, b := range tr.binds[mc] {
		kinds = append(kinds, e.summary(fn, Holder{Value: fn.FreeVars[b.index], Role: b.role, Tag: b.tag}))
	}
	return Effect{Kind: combine(kinds)}
}

// summaryEffect reads a call of a same-package function by its summary
// for each parameter that receives the resource.
func (e *Engine) summaryEffect(callee *ssa.Function, args []ssa.Value, h Holder) Effect {
	var kinds []EffectKind
	for i, a := range args {
		if a == h.Value && i < len(callee.Params) {
			kinds = append(kinds, e.summary(callee, Holder{Value: callee.Params[i], Role: h.Role, Tag: h.Tag}))
		}
	}
	if len(kinds) == 0 {
		return Effect{Kind: Escape}
	}
	return Effect{Kind: combine(kinds)}
}

// combine merges the effects of one call on several parameters: any
// release wins, then any escape.
func combine(kinds []EffectKind) EffectKind {
	k := Use
	for _, x := range kinds {
		if x == Release {
			return Release
		}
		if x == Escape {
			k = Escape
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
var nonRetaining = map[string]bool{
	"fmt": true, "log": true, "log/slog": true, "strconv": true, "errors": true,
	"strings": true, "bytes": true, "reflect": true, "sort": true, "slices": true,
	"maps": true, "unicode/utf8": true, "time": true, "math": true, "encoding/json": true,
	"go.uber.org/zap": true,
}

func (e *Engine) doesNotRetain(fn *ssa.Function) bool {
	obj, ok := fn.Object().(*types.Func)
	if !ok || obj.Pkg() == nil {
		return false
	}
	path := obj.Pkg().Path()
	if i := strings.LastIndex(path, "/vendor/"); i >= 0 {
		path = path[i+len("/vendor/"):]
	}
	if nonRetaining[path] || etcdapi.IsEtcdPath(path) {
		return true
	}
	return false
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
