package leaseorphan

import (
	_ "embed"
	"errors"
	"fmt"
	"go/token"
	"go/types"
	"slices"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"

	"github.com/etcdlint/etcdlint/internal/analysisdoc"
	"github.com/etcdlint/etcdlint/internal/etcdapi"
	"github.com/etcdlint/etcdlint/internal/etcdssa"
	"github.com/etcdlint/etcdlint/internal/ownership"
	"github.com/etcdlint/etcdlint/internal/report"
)

//go:embed doc.go
var doc string

var Analyzer = &analysis.Analyzer{
	Name:     "leaseorphan",
	Doc:      analysisdoc.MustExtract(doc, "leaseorphan"),
	URL:      "https://github.com/etcdlint/etcdlint/blob/main/docs/leaseorphan.md",
	Requires: []*analysis.Analyzer{etcdssa.Analyzer},
	// etcdssa yields nothing for a package with errors; running lets the
	// driver print the load error alone.
	RunDespiteErrors: true,
	Run:              run,
}

// The three resources, one engine each: the obligations differ (read the
// channel; stop the keepalive; use the lease), and so do their releases.
const (
	kindChan      = iota + 1 // LO1: the KeepAlive channel
	kindKeepAlive            // LO2: the keepalive itself
	kindGrant                // LO3: the granted lease

	// kindFreshLease is an LO2 acquisition whose loop grants a new lease
	// on every iteration and keeps each alive.
	kindFreshLease

	// kindLeak (LO4): a lease granted and kept alive here, leaked on a
	// return that reports an error.
	kindLeak
)

func run(pass *analysis.Pass) (any, error) {
	res := pass.ResultOf[etcdssa.Analyzer].(*etcdssa.Result)
	if res == nil {
		return nil, nil
	}
	// A wrapper method named KeepAlive or Grant in this package is both a
	// lease method and a factory to the engine: report it once.
	seen := make(map[string]bool)
	var errs []error
	// LO4 runs last: where LO1 or LO2 already reports a KeepAlive, the
	// fix that rule asks for comes first, and one finding per call is
	// enough.
	reported := make(map[token.Pos]bool)
	for _, kind := range []int{kindChan, kindKeepAlive, kindGrant, kindLeak} {
		eng := ownership.New(res.Pkg, newRule(pass, kind))
		for _, f := range eng.Check(res.SrcFuncs) {
			d, ok := diagnose(pass, f)
			if key := fmt.Sprint(d.Pos, d.Category); ok && !seen[key] && !(kind == kindLeak && reported[d.Pos]) {
				seen[key] = true
				reported[d.Pos] = true
				pass.Report(d)
			}
		}
		errs = append(errs, eng.Err())
	}
	return nil, errors.Join(errs...)
}

const (
	lo1Consequence = `once its 16 buffered responses fill it, the client logs "lease keepalive response queue is full; dropping response send" on every renewal, and the program never learns that the keepalive stopped and the keys bound to the lease vanished`
	lo1Fix         = "drain it (go func() { for range ch {} }()) or watch it for closure"
	lo2Consequence = "so every iteration adds a keepalive channel (and, for a cancellable ctx, a goroutine) that lives as long as the lease (etcd-io/etcd#11487)"
	lo2Fix         = "call KeepAlive once outside the loop, use KeepAliveOnce for a single renewal, or cancel a per-iteration ctx before the next one"
	lo3Consequence = "the lease sits on the server until its TTL runs out, and any key meant to carry it never expires"
)

func diagnose(pass *analysis.Pass, f ownership.Finding) (analysis.Diagnostic, bool) {
	pos := f.Acq.Instr.Pos()
	call, _ := f.Acq.Instr.(*ssa.Call)
	if call == nil {
		return analysis.Diagnostic{}, false
	}
	callee := ownership.Callee(call.Common(), nil)
	if callee == nil {
		return analysis.Diagnostic{}, false
	}
	name := callee.Name()
	var cat, msg string
	switch f.Acq.Kind {
	case kindChan:
		if f.Handled {
			return analysis.Diagnostic{}, false
		}
		what := "the channel from " + name
		if name != "KeepAlive" {
			what = "the KeepAlive channel returned by " + name
		}
		cat = "LO1"
		if !kept(f.Acq) {
			msg = fmt.Sprintf("%s is discarded, so %s; assign it and %s", what, lo1Consequence, lo1Fix)
		} else {
			msg = fmt.Sprintf("%s is never received from, so %s; %s", what, lo1Consequence, lo1Fix)
		}
	case kindKeepAlive:
		if f.Kind != ownership.LostInLoop || name != "KeepAlive" {
			return analysis.Diagnostic{}, false
		}
		cat = "LO2"
		msg = fmt.Sprintf("KeepAlive runs again on the same lease each time round the loop, and the iteration neither cancels its ctx, revokes the lease nor waits for the channel to close, %s; %s", lo2Consequence, lo2Fix)
	case kindFreshLease:
		if f.Kind != ownership.LostInLoop || name != "KeepAlive" {
			return analysis.Diagnostic{}, false
		}
		cat = "LO2"
		msg = "KeepAlive keeps a new lease alive on each iteration of this endless loop, and the iteration neither cancels its ctx, revokes the lease nor waits for the channel to close, so the loop piles up leases that are kept alive forever; revoke the lease or cancel a per-iteration ctx before the next iteration"
	case kindLeak:
		if f.Kind != ownership.LeaksAtExit || name != "KeepAlive" {
			return analysis.Diagnostic{}, false
		}
		cat = "LO4"
		msg = leakMessage(pass, call, f)
	case kindGrant:
		if f.Handled {
			return analysis.Diagnostic{}, false
		}
		what := "lease from " + name
		if name != "Grant" {
			what = "lease granted by " + name
		}
		cat = "LO3"
		if !kept(f.Acq) {
			msg = fmt.Sprintf("the response of %s is discarded, so its lease is never used: %s; attach the lease with clientv3.WithLease(resp.ID) or do not grant it", name, lo3Consequence)
		} else {
			msg = fmt.Sprintf("%s is never used: its ID is not attached to a key (clientv3.WithLease), kept alive, revoked or handed on, so %s; attach it with clientv3.WithLease(resp.ID) or do not grant it", what, lo3Consequence)
		}
	default:
		return analysis.Diagnostic{}, false
	}
	d := analysis.Diagnostic{Pos: pos, Category: cat, Message: msg}
	if rng := report.Range(pass, pos); rng != nil {
		d.Pos, d.End = rng.Pos(), rng.End()
	}
	return d, true
}

// kept reports whether the acquired value is kept in a variable at all;
// SSA still extracts a result assigned to _, but nothing refers to it.
func kept(acq ownership.Acquisition) bool {
	for _, h := range acq.Holders {
		if refs := h.Value.Referrers(); h.Role == ownership.Alias && refs != nil && len(*refs) > 0 {
			return true
		}
	}
	return false
}

// rule is one of the three resources. loopKA caches, per function, whether
// it runs a KeepAlive in a loop: a release deferred there waits for the
// function, not for the iteration.
type rule struct {
	pass   *analysis.Pass
	kind   int
	loopKA map[*ssa.Function]bool
}

func newRule(pass *analysis.Pass, kind int) *rule {
	return &rule{pass: pass, kind: kind, loopKA: make(map[*ssa.Function]bool)}
}

func (r *rule) Acquisitions(instr ssa.Instruction) []ownership.Acquisition {
	call, ok := instr.(*ssa.Call)
	if !ok {
		return nil
	}
	fn := ownership.Callee(call.Common(), nil)
	switch r.kind {
	case kindChan:
		if etcdapi.HasLeaseMethod(fn, "KeepAlive") {
			return []ownership.Acquisition{results(call, kindChan, ownership.Alias)}
		}
	case kindGrant:
		if etcdapi.HasLeaseMethod(fn, "Grant") {
			return []ownership.Acquisition{results(call, kindGrant, ownership.Alias)}
		}
	case kindKeepAlive:
		if etcdapi.HasLeaseMethod(fn, "KeepAlive") {
			if acq, ok := r.keepAlive(call); ok {
				return []ownership.Acquisition{acq}
			}
		}
	case kindLeak:
		if etcdapi.HasLeaseMethod(fn, "KeepAlive") {
			if acq, ok := r.leak(call); ok {
				return []ownership.Acquisition{acq}
			}
		}
	}
	return nil
}

// results makes the acquisition of a (value, error) call: the value in
// role, the error as the gate.
func results(call *ssa.Call, kind int, role ownership.Role) ownership.Acquisition {
	acq := ownership.Acquisition{Instr: call, Kind: kind}
	for _, r := range *call.Referrers() {
		if ex, ok := r.(*ssa.Extract); ok {
			switch ex.Index {
			case 0:
				acq.Holders = append(acq.Holders, ownership.Holder{Value: ex, Role: role})
			case 1:
				acq.Gate = ex
			}
		}
	}
	return acq
}

func (r *rule) Classify(instr ssa.Instruction, h ownership.Holder) ownership.Effect {
	switch r.kind {
	case kindChan:
		return classifyChan(instr, h)
	case kindKeepAlive:
		return r.classifyKeepAlive(instr, h)
	case kindGrant:
		return classifyGrant(instr, h)
	case kindLeak:
		return r.classifyLeak(instr, h)
	}
	return ownership.Effect{Kind: ownership.Default}
}

// classifyChan: any receive from the KeepAlive channel, a range over it
// included (SSA compiles it to a comma-ok receive), is what the channel is
// for; the engine handles hand-offs.
func classifyChan(instr ssa.Instruction, h ownership.Holder) ownership.Effect {
	if h.Role != ownership.Alias {
		return ownership.Effect{Kind: ownership.Default}
	}
	switch instr := instr.(type) {
	case *ssa.UnOp:
		if instr.Op == token.ARROW && instr.X == h.Value {
			return ownership.Effect{Kind: ownership.Release}
		}
	case *ssa.Select:
		for _, st := range instr.States {
			if st.Chan == h.Value && st.Dir == types.RecvOnly {
				return ownership.Effect{Kind: ownership.Release}
			}
		}
	case *ssa.Call:
		// reflect is "does not retain" to the engine, but a
		// reflect.Value of the channel can be received from
		// (reflect.Select): precision first.
		if fn := instr.Call.StaticCallee(); fn != nil && fn.Pkg != nil && fn.Pkg.Pkg.Path() == "reflect" {
			return ownership.Effect{Kind: ownership.Escape}
		}
	}
	return ownership.Effect{Kind: ownership.Default}
}

// leaseIDPart: a part of type LeaseID of something that carries the lease
// (putReq{lease: resp.ID} or []LeaseID{resp.ID} given to a helper, whose
// layout the helper does not know) is the lease's ID. The engine reads
// parts by type, and an integer cannot hold a *LeaseGrantResponse.
func leaseIDPart(instr ssa.Instruction, h ownership.Holder) (ownership.Effect, bool) {
	var x ssa.Value
	role := ownership.Alias
	switch instr := instr.(type) {
	case *ssa.Field:
		x = instr.X
	case *ssa.Index:
		x = instr.X
	case *ssa.FieldAddr:
		x, role = instr.X, ownership.Cell
	case *ssa.IndexAddr:
		x, role = instr.X, ownership.Cell
	default:
		return ownership.Effect{}, false
	}
	part := instr.(ssa.Value)
	t := part.Type()
	if role == ownership.Cell {
		t = t.(*types.Pointer).Elem()
	}
	if x != h.Value || !etcdapi.IsType(t, etcdapi.Client, "LeaseID") {
		return ownership.Effect{}, false
	}
	return ownership.Effect{Kind: ownership.Use, New: []ownership.Holder{{Value: part, Role: role}}}, true
}

// makesData reports whether a function returns something beyond a count,
// a flag or an error: fmt.Sprintf and strconv.FormatInt do, fmt.Printf
// and log.Printf do not.
func makesData(sig *types.Signature) bool {
	for v := range sig.Results().Variables() {
		switch t := v.Type().Underlying().(type) {
		case *types.Basic:
			if t.Info()&(types.IsInteger|types.IsBoolean) == 0 {
				return true
			}
		case *types.Interface:
			if !types.Identical(v.Type(), types.Universe.Lookup("error").Type()) {
				return true
			}
		default:
			return true
		}
	}
	return false
}

func isFunc(v ssa.Value) bool {
	_, ok := v.Type().Underlying().(*types.Signature)
	return ok
}

// classifyGrant: the lease is used when its ID reaches the etcd API (as
// clientv3.WithLease, concurrency.WithLease, KeepAlive, Revoke) or leaves
// the function; the engine handles the latter. The response's other
// fields (TTL) say nothing about the lease being used.
func classifyGrant(instr ssa.Instruction, h ownership.Holder) ownership.Effect {
	if h.Role == ownership.Carrier {
		if e, ok := leaseIDPart(instr, h); ok {
			return e
		}
	}
	switch instr := instr.(type) {
	case *ssa.UnOp:
		// *resp: the response copied out still carries the ID.
		if instr.Op == token.MUL && instr.X == h.Value && h.Role == ownership.Alias {
			return ownership.Effect{Kind: ownership.Use, New: []ownership.Holder{{Value: instr, Role: ownership.Alias}}}
		}
	case *ssa.FieldAddr:
		// &resp.ID, on the response or on a local copy of it.
		if instr.X == h.Value && (h.Role == ownership.Alias || h.Role == ownership.Cell) && etcdapi.IsType(instr.X.Type(), etcdapi.Client, "LeaseGrantResponse") {
			if fieldName(instr.X.Type(), instr.Field) == "ID" {
				return ownership.Effect{Kind: ownership.Use, New: []ownership.Holder{{Value: instr, Role: ownership.Cell}}}
			}
			return ownership.Effect{Kind: ownership.Use}
		}
	case *ssa.Field:
		if instr.X == h.Value && h.Role == ownership.Alias {
			if fieldName(instr.X.Type(), instr.Field) == "ID" {
				return ownership.Effect{Kind: ownership.Use, New: []ownership.Holder{{Value: instr, Role: ownership.Alias}}}
			}
			return ownership.Effect{Kind: ownership.Use}
		}
	case *ssa.Convert:
		// int64(resp.ID) is still the lease, wherever it goes next.
		if instr.X == h.Value && h.Role == ownership.Alias {
			return ownership.Effect{Kind: ownership.Use, New: []ownership.Holder{{Value: instr, Role: ownership.Alias}}}
		}
	case ssa.CallInstruction:
		call := instr.Common()
		fn := call.StaticCallee()
		if fn == nil || call.IsInvoke() || !slices.Contains(call.Args, h.Value) {
			break
		}
		if _, ok := etcdapi.Lookup(ownership.Callee(call, nil)); ok {
			if h.Role == ownership.Alias {
				return ownership.Effect{Kind: ownership.Release}
			}
			break
		}
		if fn.Pkg != nil && fn.Pkg != instr.Parent().Pkg && !etcdapi.IsEtcdPath(fn.Pkg.Pkg.Path()) && makesData(fn.Signature) {
			// The ID turned into data by another package, even one
			// that keeps nothing (strconv.FormatInt, json.Marshal,
			// fmt.Sprintf): the text or bytes may carry the lease to
			// whoever attaches or revokes it. Printing it
			// (fmt.Printf, log) is not a use.
			return ownership.Effect{Kind: ownership.Escape}
		}
	}
	return ownership.Effect{Kind: ownership.Default}
}

// fieldName is the name of field i of the struct t points to (or is).
func fieldName(t types.Type, i int) string {
	if p, ok := t.Underlying().(*types.Pointer); ok {
		t = p.Elem()
	}
	st, ok := t.Underlying().(*types.Struct)
	if !ok || i >= st.NumFields() {
		return ""
	}
	return st.Field(i).Name()
}

func (r *rule) LeakyExit(*ownership.Acquisition, *ssa.Return) bool { return true }

func related(v ssa.Value, tag int) ownership.Effect {
	return ownership.Effect{Kind: ownership.Use, New: []ownership.Holder{{Value: v, Role: ownership.Related, Tag: tag}}}
}
