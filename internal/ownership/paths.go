package ownership

import (
	"fmt"
	"go/constant"
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/ssa"
)

// An AccessPath is how code reaches a value through variables and fields:
// c.mu is the field mu of whatever c points to. SSA gives each c.mu in a
// method its own load, and a variable captured by a closure is loaded
// afresh wherever it is used; the path is what those loads share.
type AccessPath struct {
	// Base is where the path starts: a parameter, a local variable, a
	// free variable, or a value computed once.
	Base  ssa.Value
	steps []step
}

type stepKind uint8

const (
	stepLoad      stepKind = iota // *p
	stepFieldAddr                 // &x.f
	stepField                     // x.f
	stepIndexAddr                 // &x[k], k a constant
)

type step struct {
	kind  stepKind
	field *types.Var // for the field steps
	index int64      // for stepIndexAddr
}

// maxPathLen bounds the walk back to the base; deeper nests are rare
// enough that treating the inner value as the base costs nothing.
const maxPathLen = 8

// PathOf returns the access path by which v is reached.
func PathOf(v ssa.Value) AccessPath {
	var rev []step
	for len(rev) < maxPathLen {
		switch x := v.(type) {
		case *ssa.UnOp:
			if x.Op != token.MUL {
				return reversed(v, rev)
			}
			rev = append(rev, step{kind: stepLoad})
			v = x.X
		case *ssa.FieldAddr:
			rev = append(rev, step{kind: stepFieldAddr, field: structField(x.X.Type(), x.Field, true)})
			v = x.X
		case *ssa.Field:
			rev = append(rev, step{kind: stepField, field: structField(x.X.Type(), x.Field, false)})
			v = x.X
		case *ssa.IndexAddr:
			k, ok := constIndex(x.Index)
			if !ok {
				return reversed(v, rev)
			}
			rev = append(rev, step{kind: stepIndexAddr, index: k})
			v = x.X
		default:
			return reversed(v, rev)
		}
	}
	return reversed(v, rev)
}

// constIndex is the value of a constant index: ss[0] is one place, as a
// field is; ss[i] is not.
func constIndex(v ssa.Value) (int64, bool) {
	c, ok := v.(*ssa.Const)
	if !ok || c.Value == nil {
		return 0, false
	}
	k, exact := constant.Int64Val(constant.ToInt(c.Value))
	return k, exact
}

func reversed(base ssa.Value, rev []step) AccessPath {
	p := AccessPath{Base: base}
	for i := len(rev) - 1; i >= 0; i-- {
		p.steps = append(p.steps, rev[i])
	}
	return p
}

func structField(t types.Type, i int, ptr bool) *types.Var {
	if ptr {
		p, ok := t.Underlying().(*types.Pointer)
		if !ok {
			return nil
		}
		t = p.Elem()
	}
	if s, ok := t.Underlying().(*types.Struct); ok && i < s.NumFields() {
		return s.Field(i)
	}
	return nil
}

// Direct reports whether the path is the base itself.
func (p AccessPath) Direct() bool { return len(p.steps) == 0 }

// IsVariable reports whether the path is one load of a local variable
// (a variable a closure captures is an Alloc that each use loads).
func (p AccessPath) IsVariable() bool {
	_, ok := p.Base.(*ssa.Alloc)
	return ok && len(p.steps) == 1 && p.steps[0].kind == stepLoad
}

// Owner returns the value whose field p reads, when p is one field of its
// base: c for c.mu (through a pointer or a struct value).
func (p AccessPath) Owner() (ssa.Value, bool) {
	switch {
	case len(p.steps) == 2 && p.steps[0].kind == stepFieldAddr && p.steps[1].kind == stepLoad,
		len(p.steps) == 1 && p.steps[0].kind == stepField:
		return p.Base, true
	}
	return nil, false
}

// Same reports whether p and q reach the same place.
func (p AccessPath) Same(q AccessPath) bool {
	if p.Base != q.Base || len(p.steps) != len(q.steps) {
		return false
	}
	for i := range p.steps {
		if p.steps[i] != q.steps[i] {
			return false
		}
	}
	return true
}

// Paths lets a rule track a value that code reaches by an access path
// rather than as one SSA value: `c.mu.Lock(ctx)` and a later
// `c.mu.Unlock(ctx)` load the mutex twice. The rule's acquisition takes
// its holders from Holders, which adds the path's base, and its Classify
// asks Follow first: each access along the path becomes the next holder,
// the last one holds the value in the role the rule asked for, and
// accesses off the path hold nothing. The rest of the path rides in the
// holder's tag, so it survives closures and same-package callees, which
// see the base as a free variable or a parameter.
//
// Tags from PathTagBase upwards are Paths'; a rule keeps its own below.
type Paths struct {
	index map[string]int
	paths []pathTail
}

// pathTail is what remains of a path from a holder, and the role of the
// value at its end.
type pathTail struct {
	steps []step
	role  Role
}

// PathTagBase is the first tag Paths hands out.
const PathTagBase = 1 << 20

// NewPaths returns an empty path table; make one per analysis pass.
func NewPaths() *Paths { return &Paths{index: make(map[string]int)} }

// Holders returns the holders of v in role, and of every value reached
// the same way: v itself, and when v is reached through variables or
// fields, the base of its path, whose every access along that path
// reaches the same value.
func (ps *Paths) Holders(v ssa.Value, role Role) []Holder {
	hs := []Holder{{Value: v, Role: role}}
	p := PathOf(v)
	if !p.Direct() {
		hs = append(hs, ps.along(p.Base, pathTail{p.steps, role}))
	}
	return hs
}

// along is the holder for a value from which tail leads to the resource.
// It carries the resource, except that the way to a related value or a
// signal is no more than they are: handing it on is not handing on the
// resource.
func (ps *Paths) along(v ssa.Value, tail pathTail) Holder {
	role := Carrier
	if tail.role == Related || tail.role == Signal {
		role = tail.role
	}
	return Holder{Value: v, Role: role, Tag: ps.tag(tail)}
}

// Follow returns the effect of instr on h when h is a holder that Paths
// made, and whether it is one.
func (ps *Paths) Follow(instr ssa.Instruction, h Holder) (Effect, bool) {
	i := h.Tag - PathTagBase
	if i < 0 || i >= len(ps.paths) {
		return Effect{}, false
	}
	tail := ps.paths[i]
	var s step
	var x ssa.Value
	switch instr := instr.(type) {
	case *ssa.UnOp:
		if instr.Op != token.MUL {
			return Effect{Kind: Default}, true
		}
		s, x = step{kind: stepLoad}, instr.X
	case *ssa.FieldAddr:
		s, x = step{kind: stepFieldAddr, field: structField(instr.X.Type(), instr.Field, true)}, instr.X
	case *ssa.Field:
		s, x = step{kind: stepField, field: structField(instr.X.Type(), instr.Field, false)}, instr.X
	case *ssa.IndexAddr:
		k, ok := constIndex(instr.Index)
		if !ok {
			return Effect{Kind: Use}, true // ss[i]: off the path
		}
		s, x = step{kind: stepIndexAddr, index: k}, instr.X
	case *ssa.Index, *ssa.Lookup:
		return Effect{Kind: Use}, true // off the path
	default:
		return Effect{Kind: Default}, true
	}
	if x != h.Value || s != tail.steps[0] {
		return Effect{Kind: Use}, true
	}
	next := Holder{Value: instr.(ssa.Value), Role: tail.role}
	if len(tail.steps) > 1 {
		next = ps.along(next.Value, pathTail{tail.steps[1:], tail.role})
	}
	return Effect{Kind: Use, New: []Holder{next}}, true
}

// IsOwner reports whether h, a holder Paths made, is the struct whose
// field holds the resource itself: c for c.mu.
func (ps *Paths) IsOwner(h Holder) bool {
	i := h.Tag - PathTagBase
	if i < 0 || i >= len(ps.paths) || ps.paths[i].role != Alias {
		return false
	}
	_, ok := AccessPath{steps: ps.paths[i].steps}.Owner()
	return ok
}

func (ps *Paths) tag(tail pathTail) int {
	var b strings.Builder
	fmt.Fprintf(&b, "%d;", tail.role)
	for _, s := range tail.steps {
		// A field is identified by its object: fields of different
		// structs may share a name.
		fmt.Fprintf(&b, "%d:%p:%d;", s.kind, s.field, s.index)
	}
	key := b.String()
	if i, ok := ps.index[key]; ok {
		return PathTagBase + i
	}
	ps.index[key] = len(ps.paths)
	ps.paths = append(ps.paths, tail)
	return PathTagBase + len(ps.paths) - 1
}
