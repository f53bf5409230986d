package ctxtimeout

import (
	"errors"
	"fmt"
	"go/token"
	"go/types"
	"slices"

	"golang.org/x/tools/go/ssa"

	"github.com/etcdlint/etcdlint/internal/ctxflow"
	"github.com/etcdlint/etcdlint/internal/etcdapi"
	"github.com/etcdlint/etcdlint/internal/ownership"
	"github.com/etcdlint/etcdlint/internal/report"
)

// checkEndings reports CT6: a keepalive or a session bound to a context
// that ends while what it keeps alive goes on being used, after the
// function returns.
func (c *checker) checkEndings(fns []*ssa.Function) error {
	var errs []error
	for _, fn := range fns {
		errs = append(errs, ownership.Guard(fn, func() {
			for _, b := range fn.Blocks {
				for _, instr := range b.Instrs {
					if call, ok := instr.(*ssa.Call); ok {
						c.checkEnding(call)
					}
				}
			}
		}))
	}
	return errors.Join(errs...)
}

// A bound is one KeepAlive or NewSession bound to a context: what it keeps
// alive (the channel, the session), the lease ID, and the ctx.
type bound struct {
	call    *ssa.Call
	session bool
	ctx     ssa.Value
	kept    []ssa.Value
}

func (c *checker) checkEnding(call *ssa.Call) {
	bd, ok := boundAt(call)
	if !ok || inMain(call.Parent()) {
		return
	}
	ends, ok := c.howItEnds(bd)
	if !ok || waitsFor(bd) || endsItself(bd) {
		return
	}
	where, ok := escapes(bd)
	if !ok {
		return
	}
	what, cost, keep := "the KeepAlive channel or the lease ID", "the keepalive stops then, the lease expires its TTL later and every key put with it vanishes (etcd-io/etcd#8203, cilium/cilium#12619)", "the lease"
	name := "KeepAlive"
	if bd.session {
		what, cost, keep = "the session", "the session's keepalive stops then: the session is Done, its lease expires its TTL later, and every lock or election made from it is lost (vitessio/vitess#11794)", "the session"
		name = "NewSession"
	}
	c.diag("CT6", call.Pos(), fmt.Sprintf(
		"this %s is bound to a context that %s, while %s outlives the function (%s), so %s; derive its ctx from one that lives as long as %s, e.g. context.WithoutCancel(ctx), or keep its cancel func with %s and call it when %s is no longer needed",
		name, ends, what, where, cost, keep, keep, keep), nil)
	// CT1's fix for these contexts (defer cancel()) would end the
	// keepalive sooner still: one finding, this one.
	for ctx := bd.ctx; ; {
		call, parent, name := ctxflow.Derive(ctxflow.Value(ctx))
		if name == "" || name == "WithoutCancel" {
			break
		}
		c.ended[call] = true
		ctx = parent
	}
}

// boundAt reads a KeepAlive(ctx, id) or a NewSession(cli, ...,
// concurrency.WithContext(ctx), ...) call.
func boundAt(call *ssa.Call) (bound, bool) {
	fn := ownership.Callee(call.Common(), nil)
	args := call.Call.Args
	switch {
	case etcdapi.HasLeaseMethod(fn, "KeepAlive") && len(args) >= 2:
		bd := bound{call: call, ctx: args[len(args)-2]}
		bd.kept = append(results(call, 0), leaseOf(args[len(args)-1])...)
		return bd, true
	case etcdapi.Is(fn, etcdapi.NewSession):
		ctx := withContextArg(call)
		if ctx == nil {
			return bound{}, false
		}
		return bound{call: call, session: true, ctx: ctx, kept: results(call, 0)}, true
	}
	return bound{}, false
}

// results is the index'th result of call, extracted.
func results(call *ssa.Call, index int) []ssa.Value {
	var out []ssa.Value
	for _, r := range *call.Referrers() {
		if ex, ok := r.(*ssa.Extract); ok && ex.Index == index {
			out = append(out, ex)
		}
	}
	return out
}

// leaseOf is the lease ID and, when it is read from one, the Grant
// response it comes from.
func leaseOf(id ssa.Value) []ssa.Value {
	out := []ssa.Value{id}
	if v := ctxflow.Value(id); v != id {
		out = append(out, v) // the variable's value, when a closure captures it
	}
	if ld, ok := ctxflow.Value(id).(*ssa.UnOp); ok && ld.Op == token.MUL {
		if fa, ok := ld.X.(*ssa.FieldAddr); ok && etcdapi.IsType(fa.X.Type(), etcdapi.Client, "LeaseGrantResponse") {
			out = append(out, fa.X)
		}
	}
	return out
}

// withContextArg returns the ctx of the concurrency.WithContext(ctx)
// option among a NewSession's variadic options, or nil.
func withContextArg(call *ssa.Call) ssa.Value {
	args := call.Call.Args
	if len(args) == 0 {
		return nil
	}
	sl, ok := args[len(args)-1].(*ssa.Slice)
	if !ok {
		return nil
	}
	arr, ok := sl.X.(*ssa.Alloc)
	if !ok {
		return nil
	}
	for _, r := range *arr.Referrers() {
		ia, ok := r.(*ssa.IndexAddr)
		if !ok {
			continue
		}
		for _, rr := range *ia.Referrers() {
			st, ok := rr.(*ssa.Store)
			if !ok || st.Addr != ia {
				continue
			}
			if opt, ok := st.Val.(*ssa.Call); ok && etcdapi.Is(ownership.Callee(opt.Common(), nil), etcdapi.WithContext) && len(opt.Call.Args) == 1 {
				return opt.Call.Args[0]
			}
		}
	}
	return nil
}

// howItEnds tells when the bound's ctx ends before what it keeps alive is
// done: at a deadline in its ancestry, or at the function's return, by a
// cancel deferred on every path to the call. A cancel handed on (stored,
// returned, given to a goroutine or a callee) belongs to an owner who
// calls it later: then nothing is certain, and the check stays silent.
func (c *checker) howItEnds(bd bound) (string, bool) {
	ctx := bd.ctx
	var deferred *ssa.Defer
	for range 32 {
		call, parent, name := ctxflow.Derive(ctxflow.Value(ctx))
		if name == "" || name == "WithoutCancel" {
			break
		}
		if ctxflow.IsWithCancel(name) {
			cancel := ctxflow.Cancel(call)
			if cancel != nil && handedOn(cancel, 0) {
				return "", false
			}
			if d := deferredCall(cancel, bd.call); d != nil && deferred == nil {
				deferred = d
			}
		}
		ctx = parent
	}
	if dl := deadline(bd.ctx); dl != nil {
		return fmt.Sprintf("has a deadline (context.%s at %s)", ctxflow.Func(dl.Common()), c.where(dl.Pos())), true
	}
	if deferred != nil {
		return fmt.Sprintf("is cancelled when the function returns (the cancel deferred at %s)", c.where(deferred.Pos())), true
	}
	return "", false
}

// handedOn reports whether the cancel func v goes anywhere but a call of
// it: stored, returned, sent, captured by a closure that does more than
// call it, or given to a function.
func handedOn(v ssa.Value, depth int) bool {
	if depth > 4 || v.Referrers() == nil {
		return false
	}
	for _, r := range *v.Referrers() {
		switch r := r.(type) {
		case *ssa.DebugRef:
		case ssa.CallInstruction:
			if r.Common().Value != v || slices.Contains(r.Common().Args, v) {
				return true
			}
		case *ssa.MakeClosure:
			fn := r.Fn.(*ssa.Function)
			for i, b := range r.Bindings {
				if b == v && handedOn(fn.FreeVars[i], depth+1) {
					return true
				}
			}
			if closureHandedOn(r) {
				return true
			}
		case *ssa.Store:
			// Kept in a variable a closure captures: where the
			// variable's loads go.
			if r.Val != v || ctxflow.Cell(r.Addr) == nil || cellHandedOn(r.Addr, depth+1) {
				return true
			}
		case *ssa.UnOp:
			// A load through a free variable (v is the cell).
			if r.Op != token.MUL || handedOn(r, depth+1) {
				return true
			}
		default:
			return true
		}
	}
	return false
}

// cellHandedOn reports whether the variable at addr, which holds a cancel
// func, lets it go anywhere but a call: its loads, and the closures that
// capture it.
func cellHandedOn(addr ssa.Value, depth int) bool {
	if depth > 4 || addr.Referrers() == nil {
		return false
	}
	for _, r := range *addr.Referrers() {
		switch r := r.(type) {
		case *ssa.Store, *ssa.DebugRef:
		case *ssa.UnOp:
			if r.Op != token.MUL || handedOn(r, depth+1) {
				return true
			}
		case *ssa.MakeClosure:
			fn := r.Fn.(*ssa.Function)
			for i, b := range r.Bindings {
				if b == addr && cellHandedOn(fn.FreeVars[i], depth+1) {
					return true
				}
			}
			if closureHandedOn(r) {
				return true
			}
		default:
			return true
		}
	}
	return false
}

// closureHandedOn reports whether a closure is used other than by calling
// or deferring it in place.
func closureHandedOn(mc *ssa.MakeClosure) bool {
	for _, r := range *mc.Referrers() {
		switch r := r.(type) {
		case *ssa.Call, *ssa.Defer:
			if r.(ssa.CallInstruction).Common().Value != mc {
				return true
			}
		case *ssa.DebugRef:
		default:
			return true
		}
	}
	return false
}

// deferredCall returns a defer that calls cancel (directly, or through a
// closure that calls it first thing) and is registered on every path to
// call: in call's block or one that dominates it.
func deferredCall(cancel ssa.Value, call *ssa.Call) *ssa.Defer {
	if cancel == nil {
		return nil
	}
	for _, b := range call.Parent().Blocks {
		if b != call.Block() && !b.Dominates(call.Block()) {
			continue
		}
		for _, instr := range b.Instrs {
			d, ok := instr.(*ssa.Defer)
			if !ok || d.Call.IsInvoke() {
				continue
			}
			if ctxflow.Value(d.Call.Value) == cancel {
				return d
			}
			if mc, ok := d.Call.Value.(*ssa.MakeClosure); ok && callsFirst(mc.Fn.(*ssa.Function), cancel) {
				return d
			}
		}
	}
	return nil
}

// callsFirst reports whether fn's entry block calls cancel, which it
// captured: a deferred closure that cancels whatever else it does.
func callsFirst(fn *ssa.Function, cancel ssa.Value) bool {
	if len(fn.Blocks) == 0 {
		return false
	}
	for _, instr := range fn.Blocks[0].Instrs {
		if call, ok := instr.(*ssa.Call); ok && !call.Call.IsInvoke() && ctxflow.Value(call.Call.Value) == cancel {
			return true
		}
	}
	return false
}

// waitsFor reports whether the function itself waits for the bound to end
// before it returns: it receives from the ctx's Done (or the session's),
// or reads the KeepAlive channel until it closes.
func waitsFor(bd bound) bool {
	fn := bd.call.Parent()
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			var chans []ssa.Value
			switch x := instr.(type) {
			case *ssa.UnOp:
				if x.Op == token.ARROW {
					if x.CommaOk && !bd.session && slices.Contains(bd.kept, x.X) {
						return true
					}
					chans = append(chans, x.X)
				}
			case *ssa.Select:
				for _, st := range x.States {
					if st.Dir == types.RecvOnly {
						chans = append(chans, st.Chan)
					}
				}
			}
			for _, ch := range chans {
				if isDoneOf(ch, bd) {
					return true
				}
			}
		}
	}
	return false
}

// isDoneOf reports whether ch is the Done channel of the bound's ctx (or of
// a ctx it derives from, or one derived from it) or of the session.
func isDoneOf(ch ssa.Value, bd bound) bool {
	call, ok := ctxflow.Value(ch).(*ssa.Call)
	if !ok || call.Call.Method == nil && ownership.Callee(call.Common(), nil) == nil {
		return false
	}
	fn := ownership.Callee(call.Common(), nil)
	if fn == nil || fn.Name() != "Done" {
		return false
	}
	recv := ownership.Receiver(call.Common())
	if recv == nil {
		return false
	}
	if bd.session && etcdapi.Is(fn, etcdapi.SessionDone) {
		return slices.Contains(bd.kept, ctxflow.Value(recv))
	}
	return ctxflow.IsContext(recv.Type()) && (derivedFrom(recv, bd.ctx) || derivedFrom(bd.ctx, recv))
}

// endsItself reports whether the function closes the session or revokes
// the lease itself: what it keeps alive is not meant to outlive it.
func endsItself(bd bound) bool {
	for _, b := range bd.call.Parent().Blocks {
		for _, instr := range b.Instrs {
			ci, ok := instr.(ssa.CallInstruction)
			if !ok {
				continue
			}
			fn := ownership.Callee(ci.Common(), nil)
			switch {
			case bd.session && etcdapi.IsAny(fn, etcdapi.SessionClose, etcdapi.SessionOrphan):
				if recv := ownership.Receiver(ci.Common()); recv != nil && slices.Contains(bd.kept, ctxflow.Value(recv)) {
					return true
				}
			case !bd.session && etcdapi.HasLeaseMethod(fn, "Revoke"):
				for _, a := range ci.Common().Args {
					if slices.Contains(bd.kept, a) || slices.Contains(bd.kept, ctxflow.Value(a)) || sameLease(a, bd.kept) {
						return true
					}
				}
			}
		}
	}
	return false
}

// sameLease reports whether id is read from the Grant response among kept
// (a fresh resp.ID).
func sameLease(id ssa.Value, kept []ssa.Value) bool {
	ld, ok := ctxflow.Value(id).(*ssa.UnOp)
	if !ok || ld.Op != token.MUL {
		return false
	}
	fa, ok := ld.X.(*ssa.FieldAddr)
	return ok && slices.Contains(kept, fa.X)
}

// joins reports whether fn waits for goroutines it started before it
// returns (sync.WaitGroup.Wait, errgroup's Wait): a goroutine given the
// lease or the session may then be the function's own.
func joins(fn *ssa.Function) bool {
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			ci, ok := instr.(ssa.CallInstruction)
			if !ok {
				continue
			}
			f := ownership.Callee(ci.Common(), nil)
			if f == nil || f.Name() != "Wait" || f.Pkg() == nil {
				continue
			}
			if path := f.Pkg().Path(); path == "sync" || path == "golang.org/x/sync/errgroup" {
				return true
			}
		}
	}
	return false
}

// escapes tells where what the bound keeps alive outlives the function:
// returned, stored, sent, or given to a goroutine; a session also through
// a Mutex or Election made from it.
func escapes(bd bound) (string, bool) {
	for _, v := range bd.kept {
		// A goroutine that drains the KeepAlive channel may be the
		// function's own, for as long as it runs: only the lease ID or
		// the session given to one leaves with it.
		_, ch := v.Type().Underlying().(*types.Chan)
		o := escOpts{session: bd.session, goes: !ch && !joins(bd.call.Parent())}
		if where, ok := escapeOf(v, o, 0, v.Pos()); ok {
			return where, true
		}
	}
	return "", false
}

// escOpts says what counts as leaving: session, whether Mutexes and
// Elections made from it carry it; goes, whether a goroutine does.
type escOpts struct{ session, goes bool }

// escapeOf tells where v leaves the function; fallback is the position to
// name when the leaving instruction has none (a return through the result
// variable of a function with defers).
func escapeOf(v ssa.Value, o escOpts, depth int, fallback token.Pos) (string, bool) {
	if depth > 6 || v.Referrers() == nil {
		return "", false
	}
	at := func(what string, pos token.Pos) (string, bool) {
		if !pos.IsValid() {
			pos = fallback
		}
		if !pos.IsValid() {
			return what, true
		}
		return what + " at " + where(v.Parent(), pos), true
	}
	for _, r := range *v.Referrers() {
		switch r := r.(type) {
		case *ssa.Return:
			return at("returned", r.Pos())
		case *ssa.Send:
			return at("sent", r.Pos())
		case *ssa.Store:
			if r.Val != v {
				continue
			}
			if alloc, ok := r.Addr.(*ssa.Alloc); ok {
				// A local variable (the result variable of a function
				// with defers, one a closure captures): where its loads
				// go, and what the closures that capture it do.
				if w, ok := cellEscape(alloc, o); ok {
					return w, true
				}
				for _, ld := range loads(alloc) {
					if w, ok := escapeOf(ld, o, depth+1, posOr(r.Val.Pos(), fallback)); ok {
						return w, true
					}
				}
				continue
			}
			if base := partOf(r.Addr); base != nil {
				// A field or element of a struct or array made here:
				// it escapes with the struct.
				if w, ok := escapeOf(base, o, depth+1, posOr(r.Val.Pos(), fallback)); ok {
					return w, true
				}
				for _, ld := range loads(base) {
					if w, ok := escapeOf(ld, o, depth+1, posOr(r.Val.Pos(), fallback)); ok {
						return w, true
					}
				}
				continue
			}
			return at("stored", r.Pos())
		case *ssa.Go:
			if o.goes {
				return at("given to a goroutine", r.Pos())
			}
		case *ssa.MakeClosure:
			if w, ok := closureEscape(r, o); ok {
				return w, true
			}
		case *ssa.FieldAddr:
			// resp.ID read from the Grant response: where it goes.
			for _, ld := range *r.Referrers() {
				if ld, ok := ld.(*ssa.UnOp); ok && ld.Op == token.MUL {
					if w, ok := escapeOf(ld, o, depth+1, fallback); ok {
						return w, true
					}
				}
			}
		case *ssa.MakeInterface, *ssa.ChangeType, *ssa.ChangeInterface, *ssa.Phi, *ssa.Convert:
			if w, ok := escapeOf(r.(ssa.Value), o, depth+1, fallback); ok {
				return w, true
			}
		case *ssa.Call:
			// A Mutex, Election or Locker made from the session holds it.
			if o.session && slices.Contains(r.Call.Args, v) && isEtcdObjectResult(r) {
				if w, ok := escapeOf(r, o, depth+1, posOr(r.Pos(), fallback)); ok {
					return w, true
				}
			}
		}
	}
	return "", false
}

// cellEscape follows a captured variable to the closures that capture it.
func cellEscape(alloc *ssa.Alloc, o escOpts) (string, bool) {
	for _, r := range *alloc.Referrers() {
		if mc, ok := r.(*ssa.MakeClosure); ok {
			if w, ok := closureEscape(mc, o); ok {
				return w, true
			}
		}
	}
	return "", false
}

// closureEscape: a closure given to a goroutine, returned or stored takes
// what it captures out of the function.
func closureEscape(mc *ssa.MakeClosure, o escOpts) (string, bool) {
	for _, r := range *mc.Referrers() {
		switch r := r.(type) {
		case *ssa.Go:
			if o.goes {
				return "given to the goroutine at " + where(mc.Parent(), r.Pos()), true
			}
		case *ssa.Return:
			return "returned in a closure at " + where(mc.Parent(), r.Pos()), true
		case *ssa.Store:
			if r.Val == mc {
				return "stored in a closure at " + where(mc.Parent(), r.Pos()), true
			}
		}
	}
	return "", false
}

// isEtcdObjectResult reports whether call returns a pointer to an etcd
// struct type (NewMutex, NewElection), first of its results.
func isEtcdObjectResult(call *ssa.Call) bool {
	fn := ownership.Callee(call.Common(), nil)
	if fn == nil || !etcdapi.IsEtcdPath(fn.Pkg().Path()) {
		return false
	}
	_, ok := call.Type().Underlying().(*types.Pointer)
	return ok
}

// where names a position of fn's program for a message.
func where(fn *ssa.Function, pos token.Pos) string {
	return report.Where(fn.Prog.Fset, pos)
}

// partOf returns the Alloc a field or element address belongs to, when
// the function made it; nil for anything else (a parameter's field, a
// global).
func partOf(addr ssa.Value) *ssa.Alloc {
	switch a := addr.(type) {
	case *ssa.FieldAddr:
		alloc, _ := a.X.(*ssa.Alloc)
		return alloc
	case *ssa.IndexAddr:
		alloc, _ := a.X.(*ssa.Alloc)
		return alloc
	}
	return nil
}

// loads are the loads of the value stored at alloc.
func loads(alloc *ssa.Alloc) []ssa.Value {
	var out []ssa.Value
	for _, r := range *alloc.Referrers() {
		if ld, ok := r.(*ssa.UnOp); ok && ld.Op == token.MUL {
			out = append(out, ld)
		}
	}
	return out
}

func posOr(pos, fallback token.Pos) token.Pos {
	if pos.IsValid() {
		return pos
	}
	return fallback
}
