package ownership

import (
	"go/token"
	"go/types"
	"slices"

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
	// goroutineUse: a goroutine uses the resource (without releasing
	// it): a release deferred here would end it under the goroutine.
	goroutineUse bool

	// gates is the acquire's error; cells the variables it is stored to,
	// and cell what, on the path being walked, they hold (see gatecells.go).
	gates map[ssa.Value]bool
	cells *gateCells
	cell  cellState
	// resType is the resource's own type (see Acquisition.ResourceType).
	resType types.Type
	// stored are the stores of a holder into a variable already known
	// to hold the resource (see storeEffect).
	stored map[*ssa.Store]bool

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
		gates:        map[ssa.Value]bool{},
		cells:        newGateCells(acq.Gate),
		resType:      acq.ResourceType,
		stored:       make(map[*ssa.Store]bool),
	}
	if acq.Gate != nil {
		tr.gates[acq.Gate] = true
	}
	for _, h := range acq.Holders {
		if tr.resType == nil && h.Role == Alias {
			tr.resType = h.Value.Type()
		}
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
	case *ssa.Phi, *ssa.ChangeType, *ssa.ChangeInterface, *ssa.MakeInterface, *ssa.TypeAssert, *ssa.Convert:
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
		grew := false
		for i, b := range instr.Bindings {
			if b == h.Value && !slices.Contains(tr.binds[instr], bind{i, h.Role, h.Tag}) {
				tr.binds[instr] = append(tr.binds[instr], bind{i, h.Role, h.Tag})
				grew = true
			}
		}
		if old, ok := tr.holders[instr]; ok && grew {
			// The closure was read by what it did with its other free
			// variables (a goroutine that only logs the session): read
			// its calls again now that it holds this one too.
			tr.work = append(tr.work, old)
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
		// A goroutine that only reads the resource does not own it; one
		// that may release or keep it does.
		if mc, ok := instr.Call.Value.(*ssa.MakeClosure); ok && mc == h.Value && tr.binds[mc] != nil {
			if e.closureEffect(tr, mc).Kind == Use {
				tr.goroutineUse = true
				return Effect{Kind: Use}
			}
		}
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
		if !tr.mayLoadHolder(instr, h.Value) {
			return Effect{Kind: Use}
		}
		return Effect{Kind: Use, New: []Holder{{Value: instr, Role: tr.cellContent(h.Value), Tag: h.Tag}}}
	case instr.Op == token.MUL && h.Role == Carrier:
		// Loading a struct value out of a carrier allocation.
		tr.fields[instr] = tr.fields[h.Value]
		return flow(instr, h)
	case instr.Op == token.ARROW && h.Role == Signal:
		return Effect{Kind: Release}
	}
	return Effect{Kind: Use}
}

// cellContent is the role of what the cell holds; a cell whose content is
// not known (a parameter, a returned address) holds the resource itself.
func (tr *tracking) cellContent(cell ssa.Value) Role {
	if fs := tr.fields[cell]; fs != nil {
		return fs[0]
	}
	return Alias
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
		// A carrier whose layout we do not know (a parameter, a value
		// loaded from elsewhere): a part of the resource's own type is
		// taken to be it, a part that could contain it carries it.
		return tr.partEffect(instr, h, addr)
	}
	if addr && role == Carrier && isAggregate(instr.Type().(*types.Pointer).Elem()) {
		// &h.b where b is a struct value that carries the resource: like
		// &box{s: s}, the pointer is a carrier, of a layout not known
		// here, so its parts are read by their types. (A cell would hide
		// b.s from a method called on &h.b.)
		return Effect{Kind: Use, New: []Holder{{Value: instr, Role: Carrier, Tag: h.Tag}}}
	}
	if addr {
		tr.fields[instr] = map[int]Role{0: role}
		return Effect{Kind: Use, New: []Holder{{Value: instr, Role: Cell, Tag: h.Tag}}}
	}
	return Effect{Kind: Use, New: []Holder{{Value: instr, Role: role, Tag: h.Tag}}}
}

func (tr *tracking) partEffect(part ssa.Value, h Holder, addr bool) Effect {
	t := part.Type()
	if addr {
		t = t.(*types.Pointer).Elem()
	}
	switch {
	case tr.resType != nil && types.Identical(t, tr.resType) && addr:
		tr.fields[part] = map[int]Role{0: Alias}
		return Effect{Kind: Use, New: []Holder{{Value: part, Role: Cell, Tag: h.Tag}}}
	case tr.resType != nil && types.Identical(t, tr.resType):
		return Effect{Kind: Use, New: []Holder{{Value: part, Role: Alias, Tag: h.Tag}}}
	case mayContain(t):
		return flow(part, h)
	}
	return Effect{Kind: Use}
}

// mayContain reports whether a value of type t can hold a reference to
// something else: a string or a number cannot.
func mayContain(t types.Type) bool {
	_, basic := t.Underlying().(*types.Basic)
	return !basic || t.Underlying().(*types.Basic).Kind() == types.UnsafePointer
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
		if h.Role == Carrier && isAggregate(addr.Type().(*types.Pointer).Elem()) {
			// A struct or array value copied into a variable: the
			// variable is the carrier, with the value's layout.
			tr.fields[addr] = tr.fields[h.Value]
			return Effect{Kind: Use, New: []Holder{{Value: addr, Role: Carrier, Tag: h.Tag}}}
		}
		tr.fields[addr] = map[int]Role{0: h.Role}
		if old, ok := tr.holders[addr]; ok && !tr.stored[st] {
			// Loads that no store of a holder reached before may read
			// this one: look at them again.
			tr.stored[st] = true
			tr.work = append(tr.work, old)
		}
		return Effect{Kind: Use, New: []Holder{{Value: addr, Role: Cell, Tag: h.Tag}}}
	case *ssa.FieldAddr:
		if base, ok := addr.X.(*ssa.Alloc); ok {
			return tr.container(base, addr.Field, h)
		}
	case *ssa.IndexAddr:
		// ss[i] = s in a loop fills an array that code elsewhere ranges
		// over to release: a hand-off. A constant index is a literal.
		if _, ok := addr.Index.(*ssa.Const); !ok {
			return Effect{Kind: Escape}
		}
		if base, ok := addr.X.(*ssa.Alloc); ok {
			return tr.container(base, -1, h)
		}
	}
	return Effect{Kind: Escape}
}

func isAggregate(t types.Type) bool {
	switch t.Underlying().(type) {
	case *types.Struct, *types.Array:
		return true
	}
	return false
}

func (tr *tracking) container(base *ssa.Alloc, key int, h Holder) Effect {
	fs := tr.fields[base]
	if fs == nil {
		fs = make(map[int]Role)
		tr.fields[base] = fs
	}
	old, had := fs[key]
	fs[key] = h.Role
	if _, ok := tr.holders[base]; ok {
		// Already a carrier: its element loads were seen before this
		// field was known, so revisit them; but only when the layout
		// grew, or a struct that points back at itself (p.child.p = p)
		// would requeue itself forever.
		if !had || old != h.Role {
			tr.work = append(tr.work, tr.holders[base])
		}
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

// mayLoadHolder reports whether the load ld of cell may read a value that
// holds the resource. A local variable whose address goes nowhere else
// (the result slot of a function with defers, a variable assigned on
// several branches) holds what the stores that reach the load stored: on
// a path that stored "" or nil to it, it holds nothing.
func (tr *tracking) mayLoadHolder(ld *ssa.UnOp, cell ssa.Value) bool {
	alloc, ok := cell.(*ssa.Alloc)
	if !ok || !plainLocal(alloc) {
		return true
	}
	for _, v := range storesReaching(alloc, ld) {
		if _, ok := tr.holders[v]; ok {
			return true
		}
	}
	return false
}

// plainLocal reports whether alloc is only stored to and loaded from.
func plainLocal(alloc *ssa.Alloc) bool {
	for _, r := range *alloc.Referrers() {
		switch r := r.(type) {
		case *ssa.Store:
			if r.Addr != alloc {
				return false
			}
		case *ssa.UnOp:
			if r.Op != token.MUL {
				return false
			}
		case *ssa.DebugRef:
		default:
			return false
		}
	}
	return true
}

// storesReaching returns the values stored by the stores to alloc that
// some path reaches ld from without another store to it in between.
func storesReaching(alloc *ssa.Alloc, ld ssa.Instruction) []ssa.Value {
	var vals []ssa.Value
	seen := make(map[*ssa.BasicBlock]bool)
	type item struct {
		b   *ssa.BasicBlock
		end int // scan b.Instrs[:end] backwards
	}
	work := []item{{ld.Block(), indexOf(ld.Block(), ld)}}
	for len(work) > 0 {
		it := work[len(work)-1]
		work = work[:len(work)-1]
		found := false
		for i := it.end - 1; i >= 0 && !found; i-- {
			switch x := it.b.Instrs[i].(type) {
			case *ssa.Store:
				if x.Addr == alloc {
					vals = append(vals, x.Val)
					found = true
				}
			case *ssa.Alloc:
				found = x == alloc // zeroed here
			}
		}
		if found {
			continue
		}
		for _, p := range it.b.Preds {
			if !seen[p] {
				seen[p] = true
				work = append(work, item{p, len(p.Instrs)})
			}
		}
	}
	return vals
}

// nothingOnEdge reports whether the return ret, which hands the resource
// on through a phi of its block, returns on the path from pred only values
// that do not hold it: `if ok { out = s }; return out` hands s on only
// when ok.
func (tr *tracking) nothingOnEdge(instr ssa.Instruction, b, pred *ssa.BasicBlock) bool {
	ret, ok := instr.(*ssa.Return)
	if !ok || pred == nil {
		return false
	}
	for _, r := range ret.Results {
		if _, held := tr.holders[r]; !held {
			continue
		}
		phi, ok := r.(*ssa.Phi)
		if !ok || phi.Block() != b {
			return false
		}
		if _, held := tr.holders[onEdge(phi, b, pred)]; held {
			return false
		}
	}
	return true
}

// edgeKey is the predecessor a path enters b from, where that matters:
// b returns a phi that holds the resource on some edges only. Elsewhere
// it is nil, and the first path to reach b decides for all.
func (tr *tracking) edgeKey(b, from *ssa.BasicBlock) *ssa.BasicBlock {
	ret, ok := b.Instrs[len(b.Instrs)-1].(*ssa.Return)
	if !ok || !tr.discharges[ret] {
		return nil
	}
	for _, r := range ret.Results {
		if phi, ok := r.(*ssa.Phi); ok && phi.Block() == b {
			if _, held := tr.holders[phi]; held {
				return from
			}
		}
	}
	return nil
}
