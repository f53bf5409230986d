package leaseorphan

import (
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ssa"

	"github.com/etcdlint/etcdlint/internal/etcdapi"
	"github.com/etcdlint/etcdlint/internal/loops"
	"github.com/etcdlint/etcdlint/internal/ownership"
	"github.com/etcdlint/etcdlint/internal/report"
)

// Tags of LO2 holders. tagIDCell and tagIDBase stand for where the lease
// ID is kept, so that a Revoke of a fresh load of it still counts.
const (
	tagIDCell = -1 // an address whose loads are the lease ID
	// tagFresh marks the Grant response of a lease granted in the
	// iteration, and its ID: handing either on hands the lease on.
	tagFresh = -2
	// tagIDBase+f: a struct pointer whose field f holds the lease ID.
	tagIDBase = 1
)

// keepAlive makes the LO2 acquisition of a KeepAlive in a loop that keeps
// the same lease alive on every iteration, or that keeps a lease granted
// in the iteration alive in an endless loop. The keepalive ends when the
// ctx given to it is cancelled, the lease is revoked, the client (or the
// Lease) is closed, or the channel closes, which a comma-ok receive or a
// range over it waits for.
func (r *rule) keepAlive(call *ssa.Call) (ownership.Acquisition, bool) {
	args := call.Call.Args
	if len(args) < 2 {
		return ownership.Acquisition{}, false
	}
	ctx, id := args[len(args)-2], args[len(args)-1]
	lp := loops.Around(call.Block())
	if lp == nil || bounded(ctx) {
		return ownership.Acquisition{}, false
	}
	var acq ownership.Acquisition
	if lp.Same(id) {
		acq = results(call, kindKeepAlive, ownership.Signal)
		acq.Holders = append(acq.Holders, idHolders(id)...)
	} else if resp := grantedIn(lp, id); resp != nil && endless(report.Path(r.pass, call.Pos())) {
		// Alias, not Related: a lease handed on (returned, stored,
		// given to a goroutine) is someone else's to revoke.
		acq = results(call, kindFreshLease, ownership.Signal)
		acq.Holders = append(acq.Holders, ownership.Holder{Value: resp, Role: ownership.Alias, Tag: tagFresh})
	} else {
		return ownership.Acquisition{}, false
	}
	if cancel := ownership.CancelOf(ctx); cancel != nil {
		// Alias, not Related: a cancel func handed on (stored, given to a
		// goroutine) is someone else's to call.
		acq.Holders = append(acq.Holders, ownership.Holder{Value: cancel, Role: ownership.Alias})
	}
	if recv := ownership.Receiver(call.Common()); recv != nil {
		acq.Holders = append(acq.Holders, ownership.Holder{Value: recv, Role: ownership.Related})
		// cli.KeepAlive is a method of the Lease embedded in the client:
		// the receiver is a load of cli.Lease, and cli.Close() ends it.
		if ld, ok := recv.(*ssa.UnOp); ok && ld.Op == token.MUL {
			if fa, ok := ld.X.(*ssa.FieldAddr); ok && etcdapi.IsType(fa.X.Type(), etcdapi.Client, "Client") {
				acq.Holders = append(acq.Holders, ownership.Holder{Value: fa.X, Role: ownership.Related})
			}
		}
	}
	return acq, true
}

// idHolders are the lease ID given to KeepAlive and where it was loaded
// from: revoking any of them ends the keepalive, handing them on does not.
func idHolders(id ssa.Value) []ownership.Holder {
	hs := []ownership.Holder{{Value: id, Role: ownership.Related}}
	if ld, ok := id.(*ssa.UnOp); ok && ld.Op == token.MUL {
		switch addr := ld.X.(type) {
		case *ssa.FieldAddr:
			hs = append(hs, ownership.Holder{Value: addr.X, Role: ownership.Related, Tag: tagIDBase + addr.Field})
		case *ssa.Alloc:
			hs = append(hs, ownership.Holder{Value: addr, Role: ownership.Related, Tag: tagIDCell})
		}
	}
	return hs
}

// endless reports whether the innermost loop around a node (path is its
// enclosing syntax) is a for {} that runs until something leaves it. A
// loop over a slice or up to a count that keeps one lease per element
// alive does so on purpose, and stops.
func endless(path []ast.Node) bool {
	for _, n := range path {
		switch n := n.(type) {
		case *ast.ForStmt:
			return n.Cond == nil
		case *ast.RangeStmt, *ast.FuncLit, *ast.FuncDecl:
			return false
		}
	}
	return false
}

// bounded reports whether ctx has a deadline: the keepalive stops by
// itself when it passes.
func bounded(ctx ssa.Value) bool {
	for range 8 {
		call := ownership.ContextConstructor(ctx)
		if call == nil {
			c, ok := ctx.(*ssa.Call)
			if !ok || !isContextFunc(c, "WithValue") {
				return false
			}
			call = c
		} else if name := call.Call.StaticCallee().Name(); name != "WithCancel" && name != "WithCancelCause" {
			return true // WithTimeout, WithDeadline and their Cause forms
		}
		ctx = call.Call.Args[0]
	}
	return false
}

func isContextFunc(call *ssa.Call, name string) bool {
	fn := call.Call.StaticCallee()
	return fn != nil && fn.Pkg != nil && fn.Pkg.Pkg.Path() == "context" && fn.Name() == name
}

// classifyKeepAlive reads what an instruction does to a keepalive restarted
// in a loop: which of its holders end it, and which uses only look.
func (r *rule) classifyKeepAlive(instr ssa.Instruction, h ownership.Holder) ownership.Effect {
	use := ownership.Effect{Kind: ownership.Use}
	switch instr := instr.(type) {
	case *ssa.UnOp:
		switch {
		case instr.Op == token.ARROW && instr.X == h.Value && h.Role == ownership.Signal:
			// A comma-ok receive (a range over the channel) waits for it
			// to close, which it does when the keepalive ends; a plain
			// receive takes one response and lets the keepalive run.
			if instr.CommaOk || nilChecked(instr) {
				return ownership.Effect{Kind: ownership.Release}
			}
			return use
		case instr.Op == token.MUL && instr.X == h.Value && h.Role == ownership.Related && h.Tag == tagIDCell:
			return related(instr, 0)
		case instr.Op == token.MUL && instr.X == h.Value && h.Role == ownership.Cell:
			// A callee's summary does not know what its captured cell
			// holds, and loads it as the resource itself; here each
			// type plays one part, so the type restores the role.
			return ownership.Effect{Kind: ownership.Use, New: []ownership.Holder{{Value: instr, Role: keepAliveRole(instr.Type(), h.Tag), Tag: h.Tag}}}
		}
	case *ssa.Go:
		// A goroutine that drains the channel, or logs the lease, lets
		// the keepalive run; only one that can end it takes it over.
		if mc, ok := instr.Call.Value.(*ssa.MakeClosure); ok && mc == h.Value && !mayEnd(mc.Fn.(*ssa.Function), make(map[*ssa.Function]bool)) {
			return use
		}
	case *ssa.Select:
		if h.Role == ownership.Signal {
			return selectWatch(instr, h.Value)
		}
	case *ssa.MakeInterface, *ssa.Store:
		// The same lease's ID boxed for a logger, or stored again,
		// neither ends the keepalive nor lets the engine read a hand-off
		// into what the box or the struct is passed to next.
		if h.Role == ownership.Related && isLeaseID(h.Value) {
			return use
		}
	case *ssa.FieldAddr:
		if h.Role == ownership.Related && h.Tag >= tagIDBase && instr.X == h.Value && instr.Field == h.Tag-tagIDBase {
			return related(instr, tagIDCell)
		}
		if h.Tag == tagFresh && h.Role == ownership.Alias && instr.X == h.Value && fieldName(instr.X.Type(), instr.Field) == "ID" {
			return ownership.Effect{Kind: ownership.Use, New: []ownership.Holder{{Value: instr, Role: ownership.Cell, Tag: tagFresh}}}
		}
	case *ssa.Defer:
		if r.kind == kindKeepAlive && r.loopsKeepAlive(instr.Parent()) {
			return use
		}
	}
	ci, ok := instr.(ssa.CallInstruction)
	if !ok {
		return ownership.Effect{Kind: ownership.Default}
	}
	call := ci.Common()
	if h.Role == ownership.Alias && call.Value == h.Value && !call.IsInvoke() && isFunc(h.Value) {
		return ownership.ReleaseBy(instr) // the cancel func of the keepalive's ctx
	}
	if !(h.Role == ownership.Related && h.Tag == 0 || h.Role == ownership.Alias && h.Tag == tagFresh) {
		return ownership.Effect{Kind: ownership.Default}
	}
	fn := ownership.Callee(call, nil)
	if etcdapi.HasLeaseMethod(fn, "Revoke") {
		for _, a := range call.Args {
			if a == h.Value {
				// Even from another goroutine: a revoke is not deferred
				// to some later iteration.
				return ownership.Effect{Kind: ownership.Release}
			}
		}
	}
	if h.Role == ownership.Related && ownership.Receiver(call) == h.Value && (etcdapi.Is(fn, etcdapi.ClientClose) || isLeaseClose(fn, h.Value.Type())) {
		return ownership.Effect{Kind: ownership.Release}
	}
	if h.Role == ownership.Related && isLeaseID(h.Value) && mayRevoke(call, h.Value) {
		return ownership.Effect{Kind: ownership.Release}
	}
	return ownership.Effect{Kind: ownership.Default}
}

func isLeaseID(v ssa.Value) bool {
	return etcdapi.IsType(v.Type(), etcdapi.Client, "LeaseID")
}

// mayRevoke reports whether call hands the lease ID to code this pass
// cannot see, which may revoke it: a function of another package or a
// method of a project's interface. The etcd API's own calls and
// same-package functions (by their summary) are known.
func mayRevoke(call *ssa.CallCommon, id ssa.Value) bool {
	passed := false
	for _, a := range call.Args {
		passed = passed || a == id
	}
	if !passed {
		return false
	}
	if _, ok := etcdapi.Lookup(ownership.Callee(call, nil)); ok {
		return false
	}
	fn := call.StaticCallee()
	return fn == nil || len(fn.Blocks) == 0
}

// keepAliveRole is the role a value of type t plays for a keepalive: the
// channel signals its end, a func is the cancel of its ctx, a lease
// granted in the iteration is the resource, and the rest (the lease ID,
// the client, the Lease) end it when revoked or closed.
func keepAliveRole(t types.Type, tag int) ownership.Role {
	switch t := t.Underlying().(type) {
	case *types.Chan:
		if etcdapi.IsType(t.Elem(), etcdapi.Client, "LeaseKeepAliveResponse") {
			return ownership.Signal
		}
	case *types.Signature:
		return ownership.Alias
	}
	if tag == tagFresh {
		return ownership.Alias
	}
	return ownership.Related
}

// mayEnd reports whether fn (a goroutine's body) may end a keepalive: it
// calls a func value (the cancel, perhaps), a Revoke or a Close, or hands a
// func on.
func mayEnd(fn *ssa.Function, seen map[*ssa.Function]bool) bool {
	if seen[fn] {
		return false
	}
	seen[fn] = true
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			switch instr := instr.(type) {
			case ssa.CallInstruction:
				call := instr.Common()
				callee := call.StaticCallee()
				if !call.IsInvoke() && callee == nil {
					return true
				}
				if f := ownership.Callee(call, nil); f != nil && (f.Name() == "Close" || etcdapi.HasLeaseMethod(f, "Revoke")) {
					return true
				}
				for _, a := range call.Args {
					if isFunc(a) {
						return true
					}
				}
				if callee != nil && callee.Pkg == fn.Pkg && len(callee.Blocks) > 0 && mayEnd(callee, seen) {
					return true
				}
			case *ssa.Store:
				if isFunc(instr.Val) {
					return true
				}
			case *ssa.Send:
				if isFunc(instr.X) {
					return true
				}
			}
		}
	}
	for _, anon := range fn.AnonFuncs {
		if mayEnd(anon, seen) {
			return true
		}
	}
	return false
}

// selectWatch: a select that receives from the KeepAlive channel watches
// it for closure when it reads the ok of the receive, or checks the
// response for nil; otherwise it takes one response and moves on.
func selectWatch(sel *ssa.Select, ch ssa.Value) ownership.Effect {
	recv := -1 // index of ch among the receiving states
	n := 0
	for _, st := range sel.States {
		if st.Dir != types.RecvOnly {
			continue
		}
		if st.Chan == ch && recv < 0 {
			recv = n
		}
		n++
	}
	if recv < 0 {
		return ownership.Effect{Kind: ownership.Use}
	}
	for _, r := range *sel.Referrers() {
		if ex, ok := r.(*ssa.Extract); ok && (ex.Index == 1 || ex.Index == 2+recv && nilChecked(ex)) {
			return ownership.Effect{Kind: ownership.Release}
		}
	}
	return ownership.Effect{Kind: ownership.Use}
}

// nilChecked reports whether a received response is compared with nil,
// which is how a plain receive tells that the channel closed.
func nilChecked(v ssa.Value) bool {
	for _, r := range *v.Referrers() {
		if b, ok := r.(*ssa.BinOp); ok && (b.Op == token.EQL || b.Op == token.NEQ) {
			if c, ok := b.Y.(*ssa.Const); ok && c.IsNil() {
				return true
			}
			if c, ok := b.X.(*ssa.Const); ok && c.IsNil() {
				return true
			}
		}
	}
	return false
}

// loopsKeepAlive reports whether fn calls KeepAlive in a loop.
func (r *rule) loopsKeepAlive(fn *ssa.Function) bool {
	if v, ok := r.loopKA[fn]; ok {
		return v
	}
	v := false
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			if call, ok := instr.(*ssa.Call); ok && etcdapi.HasLeaseMethod(ownership.Callee(call.Common(), nil), "KeepAlive") && loops.Around(b) != nil {
				v = true
			}
		}
	}
	r.loopKA[fn] = v
	return v
}

// isLeaseClose reports whether fn is the Close of a Lease (or of a type
// that has the Lease's KeepAlive): closing it ends every keepalive.
func isLeaseClose(fn *types.Func, recv types.Type) bool {
	if fn == nil || fn.Name() != "Close" {
		return false
	}
	ka, _, _ := types.LookupFieldOrMethod(recv, true, nil, "KeepAlive")
	f, ok := ka.(*types.Func)
	return ok && etcdapi.HasLeaseMethod(f, "KeepAlive")
}
