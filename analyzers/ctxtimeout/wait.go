package ctxtimeout

import (
	"errors"
	"fmt"
	"go/constant"
	"strings"
	"time"

	"golang.org/x/tools/go/ssa"

	"github.com/etcdlint/etcdlint/internal/ctxflow"
	"github.com/etcdlint/etcdlint/internal/etcdapi"
	"github.com/etcdlint/etcdlint/internal/ownership"
)

// A wait is a call of a blocking acquire, or of the release that undoes it.
type wait struct {
	call ssa.CallInstruction
	m    etcdapi.Method
	recv ssa.Value
	ctx  ssa.Value
}

// checkWaits reports CT2-CT5: the contexts given to Lock, Campaign,
// Unlock and Resign, and NewLocker.
func (c *checker) checkWaits(fns []*ssa.Function) error {
	var acquires, releases []wait
	var errs []error
	for _, fn := range fns {
		errs = append(errs, ownership.Guard(fn, func() {
			acquires, releases = c.scanWaits(fn, acquires, releases)
		}))
	}
	for _, r := range releases {
		errs = append(errs, ownership.Guard(r.call.Parent(), func() { c.checkRelease(r, acquires) }))
	}
	return errors.Join(errs...)
}

// scanWaits reports CT2, CT3 and CT5 in fn and collects its acquires and
// releases for CT4.
func (c *checker) scanWaits(fn *ssa.Function, acquires, releases []wait) ([]wait, []wait) {
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			call, ok := instr.(ssa.CallInstruction)
			if !ok {
				continue
			}
			callee := ownership.Callee(call.Common(), nil)
			m, ok := etcdapi.Lookup(callee)
			if !ok {
				continue
			}
			w := wait{call: call, m: m, recv: ownership.Receiver(call.Common()), ctx: ctxArg(call.Common())}
			switch {
			case etcdapi.Is(callee, etcdapi.NewLocker):
				if !inMain(fn) {
					c.diag("CT3", call.Common().Pos(), lockerMsg, nil)
				}
			case etcdapi.IsAny(callee, etcdapi.MutexLock, etcdapi.Campaign) && w.ctx != nil:
				acquires = append(acquires, w)
				if !inMain(fn) {
					c.checkUnending(w)
				}
				if c.max > 0 {
					c.checkMax(w)
				}
			case etcdapi.IsAny(callee, etcdapi.MutexUnlock, etcdapi.Resign) && w.ctx != nil:
				releases = append(releases, w)
			}
		}
	}
	return acquires, releases
}

const lockerMsg = "concurrency.NewLocker's Lock() waits on the client's context, which has no deadline, and panics on any etcd error, " +
	"so it blocks for as long as another session holds the lock and crashes the process when etcd fails; " +
	"use concurrency.NewMutex and Lock(ctx) with a context.WithTimeout context"

// ctxArg is the first context argument of call, or nil.
func ctxArg(call *ssa.CallCommon) ssa.Value {
	for _, a := range call.Args {
		if ctxflow.IsContext(a.Type()) {
			return a
		}
	}
	return nil
}

// name is how messages call a Lock or Campaign: "Lock", "Campaign".
func (w wait) name() string { return w.m.Name }

// checkUnending reports CT2: Lock or Campaign given a context nothing can
// end while the call waits.
func (c *checker) checkUnending(w wait) {
	o, ok := c.unending(w.ctx, w.call, make(map[ssa.Value]bool), 0)
	if !ok || o.root == nil {
		return
	}
	what := fmt.Sprintf("context.%s() at %s", ctxflow.Func(o.root.Common()), c.where(o.root.Pos()))
	if ctxflow.Func(o.root.Common()) == "WithoutCancel" {
		what = "context.WithoutCancel(...) at " + c.where(o.root.Pos())
	}
	if o.cancel != nil {
		what += fmt.Sprintf(", through context.%s at %s whose cancel func runs only after %s returns",
			ctxflow.Func(o.cancel.Common()), c.where(o.cancel.Pos()), w.name())
	}
	held := "another session holds the lock"
	if w.m == etcdapi.Campaign {
		held = "another candidate is the leader"
	}
	c.diag("CT2", w.call.Common().Pos(), fmt.Sprintf(
		"this %s waits on a context nothing can end (%s), so it blocks forever while %s (etcd-io/etcd#6631); give it a deadline with context.WithTimeout",
		w.name(), what, held), nil)
}

// origin is where an unending context comes from: the context.Background(),
// TODO() or WithoutCancel() call, and the first WithCancel on the way, if any.
type origin struct {
	root, cancel *ssa.Call
}

// unending tells whether ctx is a context nothing can end while the wait
// at call blocks: context.Background(), TODO() or WithoutCancel(), through
// WithValue, and through WithCancel whose cancel func only this goroutine
// calls, after the wait. ok is false when something may end it, or when
// that cannot be told (a parameter, a field, client.Ctx()). A phi is
// unending only if all its edges are.
func (c *checker) unending(ctx ssa.Value, wait ssa.CallInstruction, seen map[ssa.Value]bool, depth int) (o origin, ok bool) {
	ctx = ctxflow.Value(ctx)
	if depth > 32 {
		return o, false
	}
	switch x := ctx.(type) {
	case *ssa.Call:
		switch ctxflow.Func(x.Common()) {
		case "Background", "TODO", "WithoutCancel":
			return origin{root: x}, true
		case "WithValue":
			return c.unending(x.Call.Args[0], wait, seen, depth+1)
		}
	case *ssa.Extract:
		call, parent, name := ctxflow.Derive(x)
		if (name == "WithCancel" || name == "WithCancelCause") && c.cancelStays(call, wait) {
			o, ok := c.unending(parent, wait, seen, depth+1)
			if o.cancel == nil {
				o.cancel = call
			}
			return o, ok
		}
	case *ssa.Phi:
		if seen[x] {
			return o, true // a loop: what enters it decides
		}
		seen[x] = true
		for _, e := range x.Edges {
			eo, ok := c.unending(e, wait, seen, depth+1)
			if !ok {
				return origin{}, false
			}
			if o.root == nil {
				o = eo
			}
		}
		return o, true
	}
	return o, false
}

// cancelStays reports whether the cancel func of call (a WithCancel) can
// only run in the goroutine that waits at wait, after the wait returns:
// it is discarded, or only called (directly, deferred, or from a closure
// that is itself only called or deferred) in wait's function and not
// before the wait. Anything else (a goroutine, a signal handler, a field,
// a callee) may end the wait.
func (c *checker) cancelStays(call *ssa.Call, wait ssa.CallInstruction) bool {
	if call.Parent() != wait.Parent() {
		return false
	}
	cancel := ctxflow.Cancel(call)
	return cancel == nil || onlyCalled(cancel, false, wait, 0)
}

// onlyCalled reports whether every use of v (the cancel func, or with cell
// set the variable holding it) calls it, in the same goroutine, and none
// in wait's function comes before wait.
func onlyCalled(v ssa.Value, cell bool, wait ssa.CallInstruction, depth int) bool {
	if depth > 4 || v.Referrers() == nil {
		return depth <= 4
	}
	for _, r := range *v.Referrers() {
		switch r := r.(type) {
		case *ssa.Call:
			if cell || r.Call.Value != v || r.Call.IsInvoke() {
				return false
			}
			if r.Parent() == wait.Parent() && ownership.Before(r, wait) {
				return false // cancelled before the wait: it returns at once
			}
		case *ssa.Defer:
			if cell || r.Call.Value != v {
				return false
			}
		case *ssa.DebugRef:
		case *ssa.Store:
			if cell {
				if r.Addr != v {
					return false
				}
				continue
			}
			c := ctxflow.Cell(r.Addr)
			if c == nil || r.Val != v || !onlyCalled(c, true, wait, depth+1) {
				return false
			}
		case *ssa.UnOp:
			if !cell || !onlyCalled(r, false, wait, depth+1) {
				return false
			}
		case *ssa.MakeClosure:
			if !calledInPlace(r) {
				return false
			}
			fn := r.Fn.(*ssa.Function)
			for i, b := range r.Bindings {
				if b == v && !onlyCalled(fn.FreeVars[i], cell, wait, depth+1) {
					return false
				}
			}
		default:
			return false
		}
	}
	return true
}

// calledInPlace reports whether the closure mc is only called or deferred
// by the function that makes it: it runs in that goroutine.
func calledInPlace(mc *ssa.MakeClosure) bool {
	for _, r := range *mc.Referrers() {
		switch r := r.(type) {
		case *ssa.Call:
			if r.Call.Value != mc {
				return false
			}
		case *ssa.Defer:
			if r.Call.Value != mc {
				return false
			}
		case *ssa.DebugRef:
		default:
			return false
		}
	}
	return true
}

// checkMax reports CT5: a constant timeout above the configured maximum
// on the context of a Lock or Campaign.
func (c *checker) checkMax(w wait) {
	d, at, ok := timeout(w.ctx)
	if !ok || d <= c.max {
		return
	}
	c.diag("CT5", w.call.Common().Pos(), fmt.Sprintf(
		"this %s may wait %v (context.%s at %s), longer than the %v allowed by -ctxtimeout.max, so a holder that hangs stalls it that long; use a shorter timeout",
		w.name(), d, ctxflow.Func(at.Common()), c.where(at.Pos()), c.max), nil)
}

// timeout returns the shortest constant timeout among the contexts ctx
// derives from (up to a WithoutCancel, which drops its parent's deadline)
// and the With* call that sets it. ok is false when there is none, or
// when a timeout on the way is not a constant.
func timeout(ctx ssa.Value) (d time.Duration, at *ssa.Call, ok bool) {
	for range 32 {
		call, parent, name := ctxflow.Derive(ctxflow.Value(ctx))
		var t time.Duration
		switch name {
		case "", "WithoutCancel":
			return d, at, at != nil
		case "WithValue", "WithCancel", "WithCancelCause":
			ctx = parent
			continue
		case "WithTimeout", "WithTimeoutCause":
			t, ok = constDuration(call.Call.Args[1])
		case "WithDeadline", "WithDeadlineCause":
			t, ok = nowPlus(call.Call.Args[1])
		}
		if !ok {
			return 0, nil, false
		}
		if at == nil || t < d {
			d, at = t, call
		}
		ctx = parent
	}
	return 0, nil, false
}

func constDuration(v ssa.Value) (time.Duration, bool) {
	c, ok := v.(*ssa.Const)
	if !ok || c.Value == nil || c.Value.Kind() != constant.Int {
		return 0, false
	}
	n, exact := constant.Int64Val(c.Value)
	return time.Duration(n), exact
}

// nowPlus matches time.Now().Add(d) with a constant d.
func nowPlus(v ssa.Value) (time.Duration, bool) {
	add, ok := v.(*ssa.Call)
	if !ok {
		return 0, false
	}
	fn := add.Call.StaticCallee()
	if fn == nil || fn.Name() != "Add" || fn.Pkg == nil || fn.Pkg.Pkg.Path() != "time" || len(add.Call.Args) != 2 {
		return 0, false
	}
	now, ok := add.Call.Args[0].(*ssa.Call)
	if !ok {
		return 0, false
	}
	if nf := now.Call.StaticCallee(); nf == nil || nf.Name() != "Now" || nf.Pkg == nil || nf.Pkg.Pkg.Path() != "time" {
		return 0, false
	}
	return constDuration(add.Call.Args[1])
}

// checkRelease reports CT4: Unlock or Resign given the deadline-bounded
// context (or one derived from it) of the Lock or Campaign on the same
// mutex or election.
func (c *checker) checkRelease(r wait, acquires []wait) {
	want := etcdapi.MutexLock
	if r.m == etcdapi.Resign {
		want = etcdapi.Campaign
	}
	recv := ctxflow.Value(r.recv)
	for _, a := range acquires {
		if a.m != want || ctxflow.Value(a.recv) != recv || !derivedFrom(r.ctx, a.ctx) {
			continue
		}
		dl := deadline(a.ctx)
		if dl == nil {
			continue
		}
		c.diag("CT4", r.call.Common().Pos(), fmt.Sprintf(
			"this %s is given the context of the %s at %s, whose deadline is set by context.%s at %s, so once the work in between outlives it %s fails with context deadline exceeded and the %s key stays until the session's lease ends (talos#8683); give it a fresh context, e.g. context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)",
			r.m.Name, a.m.Name, c.where(a.call.Common().Pos()), ctxflow.Func(dl.Common()), c.where(dl.Pos()), r.m.Name, keyKind(r.m)), nil)
		return
	}
}

func keyKind(m etcdapi.Method) string {
	if m == etcdapi.Resign {
		return "leader"
	}
	return "lock"
}

// derivedFrom reports whether ctx is base or derives from it through
// context functions that keep its deadline (all but WithoutCancel).
func derivedFrom(ctx, base ssa.Value) bool {
	base = ctxflow.Value(base)
	for range 32 {
		ctx = ctxflow.Value(ctx)
		if ctx == base {
			return true
		}
		_, parent, name := ctxflow.Derive(ctx)
		if name == "" || name == "WithoutCancel" {
			return false
		}
		ctx = parent
	}
	return false
}

// deadline returns the WithTimeout or WithDeadline call that gives ctx a
// deadline, following its parents up to a WithoutCancel; nil if none does.
func deadline(ctx ssa.Value) *ssa.Call {
	for range 32 {
		call, parent, name := ctxflow.Derive(ctxflow.Value(ctx))
		switch {
		case name == "" || name == "WithoutCancel":
			return nil
		case strings.HasPrefix(name, "WithTimeout"), strings.HasPrefix(name, "WithDeadline"):
			return call
		}
		ctx = parent
	}
	return nil
}
