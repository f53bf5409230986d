package watchleak

import (
	"go/constant"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ssa"

	"github.com/etcdlint/etcdlint/internal/ctxflow"
	"github.com/etcdlint/etcdlint/internal/ownership"
)

// A structField is field Index of the struct type Struct points to.
type structField struct {
	Struct types.Type
	Index  int
}

func (f structField) is(g structField) bool {
	return f.Index == g.Index && types.Identical(f.Struct, g.Struct)
}

// loadedField returns the field v is loaded from (v is s.f), resolving
// free variables and single assignments first.
func loadedField(v ssa.Value) (structField, bool) {
	ld, ok := resolve(v).(*ssa.UnOp)
	if !ok || ld.Op != token.MUL {
		return structField{}, false
	}
	fa, ok := ld.X.(*ssa.FieldAddr)
	if !ok {
		return structField{}, false
	}
	return structField{fa.X.Type(), fa.Field}, true
}

// shutdownCase returns 0 when cond is `chosen == k` of a select whose case
// k receives from a shutdown signal of the watched client, -1 otherwise.
func (r *watchRule) shutdownCase(acq *ownership.Acquisition, cond *ssa.BinOp) int {
	if cond.Op != token.EQL {
		return -1
	}
	ex, ok := cond.X.(*ssa.Extract)
	k, isConst := cond.Y.(*ssa.Const)
	if !ok || !isConst || ex.Index != 0 || k.Value == nil || k.Value.Kind() != constant.Int {
		return -1
	}
	sel, ok := ex.Tuple.(*ssa.Select)
	i, exact := constant.Int64Val(k.Value)
	if !ok || !exact || i < 0 || int(i) >= len(sel.States) || sel.States[i].Dir != types.RecvOnly {
		return -1
	}
	if r.shutdownSignal(acq, sel.States[i].Chan) {
		return 0
	}
	return -1
}

// shutdownSignal reports whether ch, a channel in a field of the struct
// that holds the watched client, is closed only together with that
// client: some function of the package closes both on the same value
// (close(s.done); s.client.Close()). A goroutine that returns when the
// signal comes leaves its watch to the client, which is closing.
func (r *watchRule) shutdownSignal(acq *ownership.Acquisition, ch ssa.Value) bool {
	call, ok := acq.Instr.(*ssa.Call)
	if !ok {
		return false
	}
	cli, ok := loadedField(clientField(ownership.Receiver(call.Common())))
	if !ok {
		return false
	}
	if cancel, ok := r.ctxSignal(ch, cli); ok {
		return r.cancelledWithClient(cancel, cli)
	}
	sig, ok := loadedField(ch)
	if !ok || !types.Identical(sig.Struct, cli.Struct) || sig.Index == cli.Index {
		return false
	}
	return r.firesOnlyWithClient(cli, func(instr ssa.Instruction) (ssa.Value, bool, bool) {
		ci, ok := instr.(ssa.CallInstruction)
		if !ok {
			return nil, false, false
		}
		common := ci.Common()
		if bi, ok := common.Value.(*ssa.Builtin); ok && bi.Name() == "close" && len(common.Args) == 1 {
			if base, f, ok := fieldOfBase(common.Args[0]); ok && f.is(sig) {
				return base, true, false
			}
		}
		return nil, false, false
	})
}

// firesOnlyWithClient reports whether a shutdown signal fires somewhere
// in the package, and everywhere it fires (fire says where, on which
// value, and where it escapes to code that may fire it anywhere), the
// same function closes the watched client of the same value. Functions
// are grouped by the outermost one around them: a Close that does
// s.once.Do(func() { close(s.done) }) and then s.client.Close() closes
// both on the same s.
func (r *watchRule) firesOnlyWithClient(cli structField, fire func(ssa.Instruction) (base ssa.Value, fires, escapes bool)) bool {
	fired, closedClient := make(map[*ssa.Function]map[ssa.Value]bool), make(map[*ssa.Function]map[ssa.Value]bool)
	mark := func(m map[*ssa.Function]map[ssa.Value]bool, fn *ssa.Function, base ssa.Value) {
		if m[fn] == nil {
			m[fn] = make(map[ssa.Value]bool)
		}
		m[fn][base] = true
	}
	fires := 0
	for _, fn := range r.c.funcs {
		root := outermost(fn)
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				base, ok, escapes := fire(instr)
				if escapes {
					return false
				}
				if ok {
					mark(fired, root, base)
					fires++
					continue
				}
				ci, ok := instr.(ssa.CallInstruction)
				if !ok {
					continue
				}
				if callee := ownership.Callee(ci.Common(), nil); callee != nil && callee.Name() == "Close" {
					if base, f, ok := fieldOfBase(ownership.Receiver(ci.Common())); ok && f.is(cli) {
						mark(closedClient, root, base)
					}
				}
			}
		}
	}
	for root, bases := range fired {
		for base := range bases {
			if !closedClient[root][base] {
				// The signal fires here with the client left open.
				return false
			}
		}
	}
	return fires > 0
}

// outermost is the named function fn's closures are nested in, or fn.
func outermost(fn *ssa.Function) *ssa.Function {
	for fn.Parent() != nil {
		fn = fn.Parent()
	}
	return fn
}

// clientField is the value the watch's client is loaded from: cli for
// cli.Watch, and cli for cli.Watcher.Watch.
func clientField(recv ssa.Value) ssa.Value {
	if recv == nil {
		return nil
	}
	return clientOf(recv)
}

// fieldOfBase returns the field v is loaded from and the value it is
// loaded off.
func fieldOfBase(v ssa.Value) (ssa.Value, structField, bool) {
	if v == nil {
		return nil, structField{}, false
	}
	ld, ok := resolve(v).(*ssa.UnOp)
	if !ok || ld.Op != token.MUL {
		return nil, structField{}, false
	}
	fa, ok := ld.X.(*ssa.FieldAddr)
	if !ok {
		return nil, structField{}, false
	}
	return resolve(fa.X), structField{fa.X.Type(), fa.Field}, true
}

// ctxSignal reports whether ch is s.ctx.Done() for a context field of the
// struct holding the watched client that is only ever set from a
// context.WithCancel of a context that never ends, with its cancel kept
// in another field of that struct: it returns the cancel's field.
func (r *watchRule) ctxSignal(ch ssa.Value, cli structField) (structField, bool) {
	done, ok := resolve(ch).(*ssa.Call)
	if !ok {
		return structField{}, false
	}
	if fn := ownership.Callee(done.Common(), nil); fn == nil || fn.Name() != "Done" {
		return structField{}, false
	}
	recv := ownership.Receiver(done.Common())
	if recv == nil {
		return structField{}, false
	}
	ctx, ok := loadedField(recv)
	if !ok || !types.Identical(ctx.Struct, cli.Struct) || ctx.Index == cli.Index {
		return structField{}, false
	}
	var cancel structField
	stores := 0
	for _, fn := range r.c.funcs {
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				st, ok := instr.(*ssa.Store)
				if !ok {
					continue
				}
				fa, ok := st.Addr.(*ssa.FieldAddr)
				if !ok || !(structField{fa.X.Type(), fa.Field}).is(ctx) {
					continue
				}
				c, ok := cancelField(st.Val, fa)
				if !ok || stores > 0 && !c.is(cancel) {
					return structField{}, false
				}
				cancel = c
				stores++
			}
		}
	}
	return cancel, stores > 0
}

// cancelField returns the field of the struct at fa.X that the cancel of
// ctx is stored in, where ctx is made by context.WithCancel of a context
// that never ends.
func cancelField(ctx ssa.Value, fa *ssa.FieldAddr) (structField, bool) {
	call, parent, name := ctxflow.Derive(resolve(ctx))
	if call == nil || name != "WithCancel" || ctxflow.NeverEnds(parent, nil) == nil {
		return structField{}, false
	}
	cancel := ctxflow.Cancel(call)
	if cancel == nil {
		return structField{}, false
	}
	var out structField
	n := 0
	for _, ref := range *cancel.Referrers() {
		if st, ok := ref.(*ssa.Store); ok && st.Val == cancel {
			if cf, ok := st.Addr.(*ssa.FieldAddr); ok && resolve(cf.X) == resolve(fa.X) {
				out = structField{cf.X.Type(), cf.Field}
				n++
			}
		}
	}
	return out, n == 1
}

// cancelledWithClient reports whether every use of the cancel field calls
// it, in a function (with its closures) that also closes the watched
// client of the same value: the signal then comes only with the client's
// close.
func (r *watchRule) cancelledWithClient(cancel, cli structField) bool {
	return r.firesOnlyWithClient(cli, func(instr ssa.Instruction) (ssa.Value, bool, bool) {
		if ld, ok := instr.(*ssa.UnOp); ok && ld.Op == token.MUL {
			if fa, ok := ld.X.(*ssa.FieldAddr); ok && (structField{fa.X.Type(), fa.Field}).is(cancel) && !onlyCalled(ld) {
				return nil, false, true // handed on: it may run anywhere
			}
		}
		if ci, ok := instr.(ssa.CallInstruction); ok {
			if base, f, ok := fieldOfBase(ci.Common().Value); ok && f.is(cancel) {
				return base, true, false
			}
		}
		return nil, false, false
	})
}

// onlyCalled reports whether every use of v calls it.
func onlyCalled(v ssa.Value) bool {
	for _, ref := range *v.Referrers() {
		ci, ok := ref.(ssa.CallInstruction)
		if _, debug := ref.(*ssa.DebugRef); debug {
			continue
		}
		if !ok || ci.Common().Value != v {
			return false
		}
		for _, a := range ci.Common().Args {
			if a == v {
				return false
			}
		}
	}
	return true
}
