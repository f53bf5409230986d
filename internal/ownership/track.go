package ownership

import (
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ssa"
)

// tracking is the flow-insensitive part of the analysis of one resource:
// every value that holds it, and what each instruction does to it. The path
// search then asks, along each path, which of these effects it meets.
type tracking struct {
	holders map[ssa.Value]Holder
	// fields records, for a carrier built in a local allocation (a struct
	// literal, an array), which field or element holds the resource and
	// in which role; -1 stands for "some element".
	fields map[ssa.Value]map[int]Role
	// binds records, for a closure carrying the resource, which of its
	// free variables hold it and how.
	binds map[ssa.Value][]bind
	// discharges are the instructions that release the resource or hand it
	// on; a discharging Defer counts from the point it is registered.
	discharges map[ssa.Instruction]bool
	// escapes are the discharges that hand the resource on rather than
	// release it.
	escapes map[ssa.Instruction]bool
	// selfReleases are the releases of the resource itself, as opposed to
	// those through a related value (closing the client it came from).
	selfReleases map[ssa.Instruction]bool
	// gates are the values that are the acquire's error: the error
	// itself, and its reloads from the variable it was stored to.
	gates map[ssa.Value]bool

	work []Holder
}

type bind struct {
	index int
	role  Role
	tag   int
}

// track computes the holders and effects of acq within fn.
func (e *Engine) track(acq *Acquisition) *tracking {
	tr := &tracking{
		holders:      make(map[ssa.Value]Holder),
		fields:       make(map[ssa.Value]map[int]Role),
		binds:        make(map[ssa.Value][]bind),
		discharges:   make(map[ssa.Instruction]bool),
		escapes:      make(map[ssa.Instruction]bool),
		selfReleases: make(map[ssa.Instruction]bool),
		gates:        gateValues(acq.Gate),
	}
	for _, h := range acq.Holders {
		tr.add(h)
	}
	for len(tr.work) > 0 {
		h := tr.work[len(tr.work)-1]
		tr.work = tr.work[:len(tr.work)-1]
		refs := h.Value.Referrers()
		if refs == nil {
			continue
		}
		for _, instr := range *refs {
			eff := e.rule.Classify(instr, h)
			if eff.Kind == Default {
				eff = e.defaultEffect(tr, instr, h)
			}
			for _, n := range eff.New {
				tr.add(n)
			}
			switch eff.Kind {
			case Release:
				tr.discharges[instr] = true
				if h.Role != Related {
					tr.selfReleases[instr] = true
				}
			case Escape:
				// Handing on the client or a signal is not handing on
				// the resource.
				if h.Role != Related && h.Role != Signal {
					tr.discharges[instr] = true
					tr.escapes[instr] = true
				}
			}
		}
	}
	return tr
}

func (tr *tracking) add(h Holder) {
	if h.Value == nil {
		return
	}
	if _, ok := tr.holders[h.Value]; ok {
		return
	}
	tr.holders[h.Value] = h
	tr.work = append(tr.work, h)
}

func (tr *tracking) holds(v ssa.Value) (Holder, bool) {
	h, ok := tr.holders[v]
	return h, ok
}

// flow makes v a holder in the same role as h.
func flow(v ssa.Value, h Holder) Effect {
	return Effect{Kind: Use, New: []Holder{{Value: v, Role: h.Role, Tag: h.Tag}}}
}

// defaultEffect is the engine's own reading of an instruction that uses h.
func (e *Engine) defaultEffect(tr *tracking, instr ssa.Instruction, h Holder) Effect {
	switch instr := instr.(type) {
	case *ssa.Phi, *ssa.ChangeType, *ssa.ChangeInterface, *ssa.MakeInterface, *ssa.TypeAssert:
		return flow(instr.(ssa.Value), h)
	case *ssa.Extract:
		if instr.Index == 0 { // v, ok := x.(T)
			return flow(instr, h)
		}
	case *ssa.UnOp:
		return e.unOpEffect(tr, instr, h)
	case *ssa.FieldAddr:
		return tr.elemEffect(instr, instr.X, instr.Field, h, true)
	case *ssa.IndexAddr:
		return tr.elemEffect(instr, instr.X, -1, h, true)
	case *ssa.Field:
		return tr.elemEffect(instr, instr.X, instr.Field, h, false)
	case *ssa.Index:
		return tr.elemEffect(instr, instr.X, -1, h, false)
	case *ssa.Store:
		return e.storeEffect(tr, instr, h)
	case *ssa.MakeClosure:
		for i, b := range instr.Bindings {
			if b == h.Value {
				tr.binds[instr] = append(tr.binds[instr], bind{i, h.Role, h.Tag})
			}
		}
		return Effect{Kind: Use, New: []Holder{{Value: instr, Role: Carrier, Tag: h.Tag}}}
	case *ssa.Return, *ssa.Send, *ssa.MapUpdate:
		if ch, ok := instr.(*ssa.Send); ok && ch.Chan == h.Value {
			return Effect{Kind: Use}
		}
		return Effect{Kind: Escape}
	case *ssa.Select:
		return selectEffect(instr, h)
	case *ssa.Go:
		return Effect{Kind: Escape}
	case *ssa.Call:
		return e.callEffect(tr, instr.Common(), instr, h)
	case *ssa.Defer:
		return e.callEffect(tr, instr.Common(), nil, h)
	case *ssa.Slice:
		if h.Role == Carrier || h.Role == Cell {
			return Effect{Kind: Use, New: []Holder{{Value: instr, Role: Carrier, Tag: h.Tag}}}
		}
	}
	return Effect{Kind: Use}
}

func (e *Engine) unOpEffect(tr *tracking, instr *ssa.UnOp, h Holder) Effect {
	switch {
	case instr.Op == token.MUL && h.Role == Cell: // a load
		role := Alias
		if fs := tr.fields[h.Value]; fs != nil {
			role = fs[0]
		}
		return Effect{Kind: Use, New: []Holder{{Value: instr, Role: role, Tag: h.Tag}}}
	case instr.Op == token.MUL && h.Role == Carrier:
		// Loading a struct value out of a carrier allocation.
		tr.fields[instr] = tr.fields[h.Value]
		return flow(instr, h)
	case instr.Op == token.ARROW && h.Role == Signal:
		return Effect{Kind: Release}
	}
	return Effect{Kind: Use}
}

// elemEffect handles x.f, &x.f, x[i] and &x[i] where x holds the resource.
// A carrier built locally knows which element holds it: that element is an
// alias (or, through an address, a cell); other elements hold nothing.
func (tr *tracking) elemEffect(instr ssa.Value, x ssa.Value, key int, h Holder, addr bool) Effect {
	if h.Role != Carrier || x != h.Value {
		return Effect{Kind: Use}
	}
	fs := tr.fields[x]
	role, ok := fs[key]
	if !ok {
		role, ok = fs[-1]
	}
	if !ok {
		if fs != nil {
			return Effect{Kind: Use}
		}
		// A carrier whose layout we do not know: any part may hold it.
		return flow(instr, h)
	}
	if addr {
		tr.fields[instr] = map[int]Role{0: role}
		return Effect{Kind: Use, New: []Holder{{Value: instr, Role: Cell, Tag: h.Tag}}}
	}
	return Effect{Kind: Use, New: []Holder{{Value: instr, Role: role, Tag: h.Tag}}}
}

// storeEffect: storing the resource into a local allocation (a variable
// captured by a closure, a struct or array literal) keeps it in reach;
// storing it anywhere else (a global, a field of a parameter, a slice's
// backing array made elsewhere) hands it on.
func (e *Engine) storeEffect(tr *tracking, st *ssa.Store, h Holder) Effect {
	if st.Val != h.Value {
		return Effect{Kind: Use} // storing into the cell, not the resource
	}
	switch addr := st.Addr.(type) {
	case *ssa.Alloc:
		tr.fields[addr] = map[int]Role{0: h.Role}
		return Effect{Kind: Use, New: []Holder{{Value: addr, Role: Cell, Tag: h.Tag}}}
	case *ssa.FieldAddr:
		if base, ok := addr.X.(*ssa.Alloc); ok {
			return tr.container(base, addr.Field, h)
		}
	case *ssa.IndexAddr:
		if base, ok := addr.X.(*ssa.Alloc); ok {
			return tr.container(base, -1, h)
		}
	}
	return Effect{Kind: Escape}
}

func (tr *tracking) container(base *ssa.Alloc, key int, h Holder) Effect {
	fs := tr.fields[base]
	if fs == nil {
		fs = make(map[int]Role)
		tr.fields[base] = fs
	}
	fs[key] = h.Role
	if _, ok := tr.holders[base]; ok {
		// Already a carrier: its element loads were seen before this
		// field was known. Revisit them.
		tr.work = append(tr.work, tr.holders[base])
		return Effect{Kind: Use}
	}
	return Effect{Kind: Use, New: []Holder{{Value: base, Role: Carrier, Tag: h.Tag}}}
}

func selectEffect(sel *ssa.Select, h Holder) Effect {
	for _, st := range sel.States {
		if st.Send == h.Value {
			return Effect{Kind: Escape}
		}
		if st.Chan == h.Value && st.Dir == types.RecvOnly && h.Role == Signal {
			// Approximation: a select that can receive from the signal
			// counts as waiting for the resource to end.
			return Effect{Kind: Release}
		}
	}
	return Effect{Kind: Use}
}

// gateValues returns gate and the loads that read it back: when the error
// is a named result or is captured by a closure, `if err != nil` tests a
// load of the variable, not the call's result. A load counts only if it
// follows the store in the same block with no other store between.
func gateValues(gate ssa.Value) map[ssa.Value]bool {
	gates := make(map[ssa.Value]bool)
	if gate == nil {
		return gates
	}
	gates[gate] = true
	for _, r := range *gate.Referrers() {
		st, ok := r.(*ssa.Store)
		if !ok || st.Val != gate {
			continue
		}
		b := st.Block()
		for _, instr := range b.Instrs[indexOf(b, st)+1:] {
			if other, ok := instr.(*ssa.Store); ok && other.Addr == st.Addr {
				break
			}
			if ld, ok := instr.(*ssa.UnOp); ok && ld.Op == token.MUL && ld.X == st.Addr {
				gates[ld] = true
			}
		}
	}
	return gates
}
