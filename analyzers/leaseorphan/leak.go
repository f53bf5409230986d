package leaseorphan

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"slices"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"

	"github.com/etcdlint/etcdlint/internal/ctxflow"
	"github.com/etcdlint/etcdlint/internal/etcdapi"
	"github.com/etcdlint/etcdlint/internal/ownership"
	"github.com/etcdlint/etcdlint/internal/report"
)

// tagLease marks the LO4 holders that are the lease itself: the Grant
// response and the ID given to KeepAlive. Handing either on hands the
// lease on; revoking it ends the keepalive.
const tagLease = -3

// leak makes the LO4 acquisition of a KeepAlive on a lease granted in the
// same function: the keepalive runs until its ctx is cancelled, the lease
// is revoked, or the client (or the Lease) closes. A lease given to the
// function is its caller's, and a ctx with a deadline ends the keepalive
// by itself.
func (r *rule) leak(call *ssa.Call) (ownership.Acquisition, bool) {
	args := call.Call.Args
	if len(args) < 2 {
		return ownership.Acquisition{}, false
	}
	ctx, id := args[len(args)-2], args[len(args)-1]
	resp := grantOf(id, 0)
	if resp == nil || bounded(ctx) || handedOnBefore(resp, call, 0) {
		return ownership.Acquisition{}, false
	}
	cancel := ownership.CancelOf(ctx)
	if cancel != nil && handedOnBefore(cancel, call, 0) {
		return ownership.Acquisition{}, false
	}
	acq := results(call, kindLeak, ownership.Signal)
	acq.ResourceType = resp.Type()
	acq.Holders = append(acq.Holders,
		ownership.Holder{Value: resp, Role: ownership.Alias, Tag: tagLease},
		ownership.Holder{Value: id, Role: ownership.Alias, Tag: tagLease})
	if cancel != nil {
		acq.Holders = append(acq.Holders, ownership.Holder{Value: cancel, Role: ownership.Alias})
	}
	if recv := ownership.Receiver(call.Common()); recv != nil {
		acq.Holders = append(acq.Holders, ownership.Holder{Value: recv, Role: ownership.Related})
		if ld, ok := recv.(*ssa.UnOp); ok && ld.Op == token.MUL {
			if fa, ok := ld.X.(*ssa.FieldAddr); ok && etcdapi.IsType(fa.X.Type(), etcdapi.Client, "Client") {
				acq.Holders = append(acq.Holders, ownership.Holder{Value: fa.X, Role: ownership.Related})
			}
		}
	}
	return acq, true
}

// grantOf returns the Grant response whose ID id is (resp.ID, a
// conversion of it, a local copy), or nil when the lease comes from
// elsewhere.
func grantOf(id ssa.Value, depth int) ssa.Value {
	if depth > 8 {
		return nil
	}
	switch x := ctxflow.Value(id).(type) {
	case *ssa.Convert:
		return grantOf(x.X, depth+1)
	case *ssa.ChangeType:
		return grantOf(x.X, depth+1)
	case *ssa.Field:
		if fieldName(x.X.Type(), x.Field) == "ID" {
			if ld, ok := x.X.(*ssa.UnOp); ok && ld.Op == token.MUL {
				return granted(ld.X)
			}
		}
	case *ssa.UnOp:
		if fa, ok := x.X.(*ssa.FieldAddr); ok && x.Op == token.MUL && fieldName(fa.X.Type(), fa.Field) == "ID" {
			return granted(fa.X)
		}
	}
	return nil
}

// granted returns resp when it is the response of a Grant call.
func granted(resp ssa.Value) ssa.Value {
	ex, ok := ctxflow.Value(resp).(*ssa.Extract)
	if !ok || ex.Index != 0 {
		return nil
	}
	call, ok := ex.Tuple.(*ssa.Call)
	if !ok || !etcdapi.HasLeaseMethod(ownership.Callee(call.Common(), nil), "Grant") {
		return nil
	}
	return ex
}

// classifyLeak reads what an instruction does to a hand-rolled lease: the
// lease's own holders are revoked or handed on; the rest (the channel, the
// cancel func, the client) end the keepalive as they do for LO2.
func (r *rule) classifyLeak(instr ssa.Instruction, h ownership.Holder) ownership.Effect {
	if h.Tag != tagLease {
		return r.classifyKeepAlive(instr, h)
	}
	if ci, ok := instr.(ssa.CallInstruction); ok && slices.Contains(ci.Common().Args, h.Value) {
		fn := ownership.Callee(ci.Common(), nil)
		if etcdapi.HasLeaseMethod(fn, "Revoke") {
			return ownership.ReleaseBy(instr)
		}
		if _, ok := etcdapi.Lookup(fn); ok || etcdapi.HasLeaseMethod(fn, "KeepAlive") || etcdapi.HasLeaseMethod(fn, "Grant") {
			// WithLease(id), TimeToLive, KeepAliveOnce: the etcd API
			// uses the ID and keeps nothing.
			return ownership.Effect{Kind: ownership.Use}
		}
	}
	e := classifyGrant(instr, h)
	if e.Kind == ownership.Release {
		e.Kind = ownership.Use // LO3's "used" is not a revoke
	}
	for i := range e.New {
		e.New[i].Tag = tagLease
	}
	return e
}

// neverEnds reports whether ctx is one nothing cancels: Background, TODO,
// WithoutCancel, client.Ctx(), through WithValue. A keepalive on it lasts
// as long as the client.
func neverEnds(ctx ssa.Value) bool {
	for range 8 {
		call, ok := ctxflow.Value(ctx).(*ssa.Call)
		if !ok {
			return false
		}
		switch ctxflow.Func(call.Common()) {
		case "Background", "TODO", "WithoutCancel":
			return true
		case "WithValue":
			ctx = call.Call.Args[0]
			continue
		}
		return etcdapi.Is(ownership.Callee(call.Common(), nil), etcdapi.ClientCtx)
	}
	return false
}

// LeakyGatedExit: LO4 reports only a return that gives the caller a
// non-nil error. A function that succeeds may mean the lease to live as
// long as the client (a service registration); one that fails tells its
// caller nothing was set up, while the lease it granted goes on being
// renewed.
func (r *rule) LeakyGatedExit(acq *ownership.Acquisition, ret *ssa.Return, isGate func(ssa.Value) bool) bool {
	if acq.Kind != kindLeak {
		return true
	}
	return ownership.ReturnsError(ret, isGate)
}

// leakMessage names the lease, the witness return, how long the keepalive
// goes on, and the fix.
func leakMessage(pass *analysis.Pass, call *ssa.Call, f ownership.Finding) string {
	args := call.Call.Args
	ctx, id := args[len(args)-2], args[len(args)-1]
	grant := grantOf(id, 0).(*ssa.Extract).Tuple.(*ssa.Call)
	lasts := "until the ctx given to KeepAlive ends"
	if neverEnds(ctx) {
		lasts = "for as long as the client lives, since nothing cancels the ctx given to KeepAlive"
	}
	return fmt.Sprintf("the lease from Grant at %s is kept alive by this KeepAlive, and the return at %s reports an error without revoking it, cancelling the keepalive's ctx or handing the lease on, so the lease, and every key put with it, is renewed %s; revoke it (%s) or cancel the keepalive's ctx before returning the error",
		report.Where(pass.Fset, grant.Pos()), report.Where(pass.Fset, f.Exit), lasts, revokeCall(pass, call))
}

// revokeCall spells the Revoke that undoes the KeepAlive at call, in the
// call's own words: lease.Revoke(ctx, grant.ID).
func revokeCall(pass *analysis.Pass, call *ssa.Call) string {
	expr, _ := report.CallAt(pass, call.Pos())
	if expr != nil && len(expr.Args) == 2 {
		if sel, ok := expr.Fun.(*ast.SelectorExpr); ok {
			return fmt.Sprintf("%s.Revoke(ctx, %s)", types.ExprString(sel.X), types.ExprString(expr.Args[1]))
		}
	}
	return "Revoke(ctx, id)"
}

// handedOnBefore reports whether v (the cancel func, the Grant response,
// or the ID read from it) is handed on somewhere that runs before call:
// stored, sent, captured or given to code other than the etcd API and
// loggers. The path search starts at the KeepAlive and does not see it.
func handedOnBefore(v ssa.Value, call *ssa.Call, depth int) bool {
	if depth > 4 || v.Referrers() == nil {
		return false
	}
	for _, r := range *v.Referrers() {
		if !ownership.Before(r, call) {
			continue
		}
		switch r := r.(type) {
		case *ssa.Store:
			if r.Val == v {
				return true
			}
		case *ssa.Send, *ssa.MakeClosure, *ssa.Return:
			return true
		case *ssa.FieldAddr, *ssa.Field, *ssa.UnOp, *ssa.Convert, *ssa.ChangeType:
			if handedOnBefore(r.(ssa.Value), call, depth+1) {
				return true
			}
		case ssa.CallInstruction:
			c := r.Common()
			if c.Value == v || !slices.Contains(c.Args, v) {
				continue
			}
			if fn := c.StaticCallee(); fn != nil && fn.Pkg != nil {
				if path := fn.Pkg.Pkg.Path(); etcdapi.IsEtcdPath(path) || path == "fmt" || path == "log" {
					continue
				}
			}
			if etcdapi.Mentions(ownership.Callee(c, nil)) && c.IsInvoke() {
				continue // a Lease method through a project's interface
			}
			return true
		}
	}
	return false
}
