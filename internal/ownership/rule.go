// Package ownership is the engine shared by etcdlint's analyzers: an
// acquire creates an obligation on a value, a release discharges it, an
// escape hands it to someone else; a finding is an acquire from which some
// path reaches a normal exit (or runs the acquire again) with the
// obligation still live, or one that nothing ever discharges.
//
// Each analyzer supplies a Rule: which calls acquire, which calls release,
// and what its special calls do to the values it tracks. The engine owns
// everything else: value flow through phis, locals, closures and
// interfaces; defers; the error gate on the acquire; same-package callee
// summaries; and the path search on the SSA control-flow graph.
package ownership

import (
	"go/types"

	"golang.org/x/tools/go/ssa"
)

// Role says how a tracked value relates to the resource.
type Role uint8

const (
	// Alias is the resource itself (a session, a mutex, a cancel func).
	Alias Role = iota
	// Carrier holds the resource without being it: a struct, a closure, or
	// a mutex made from the session. Handing a carrier on hands the
	// resource on; only the rule can release through it.
	Carrier
	// Cell is an address the resource was stored at; loads from it are
	// aliases. A captured variable is a cell.
	Cell
	// Signal is a channel that is closed when the resource has ended (a
	// session's Done): receiving from it discharges the obligation.
	Signal
	// Related is a value whose release also releases the resource (the
	// client a session was made from). Handing it on is not an escape.
	Related
)

// A Holder is an SSA value that holds the resource in some role.
type Holder struct {
	Value ssa.Value
	Role  Role
	// Tag distinguishes a rule's own kinds of Related or Carrier values
	// (say, "the client" versus "the cancel func of the session's ctx").
	Tag int
}

// Effect is what one use of a holder does to the obligation.
type Effect struct {
	Kind EffectKind
	// New holders that the instruction's result (or a value it names)
	// becomes: NewMutex(s) returns a carrier of s, s.Done() a signal.
	New []Holder
}

type EffectKind uint8

const (
	// Use neither releases nor retains the resource.
	Use EffectKind = iota
	// Release discharges the obligation on this path.
	Release
	// Escape hands the resource to someone else on this path: the engine
	// stays silent about it from here on.
	Escape
	// Default asks the engine for its own treatment of the instruction.
	Default
)

// Acquisition is one acquired resource in one function.
type Acquisition struct {
	// Instr is the acquiring instruction; the obligation starts after it.
	Instr ssa.Instruction
	// Holders are the values that denote the resource from the start.
	Holders []Holder
	// Gate, when set, is the error value of the acquire: where it is
	// known to be non-nil, the acquire failed and nothing is held.
	Gate ssa.Value
	// GateIsOK says Gate is instead a bool that is false when the acquire
	// failed: the ok of a same-package factory func() (*Session, bool).
	GateIsOK bool
	// Kind is the rule's own label, carried through to the Finding.
	Kind int
	// ResourceType is the type of the resource itself, used to tell which
	// field of a struct of unknown layout can hold it. Left nil, it is
	// the type of the first Alias holder.
	ResourceType types.Type
}

// Rule is what an analyzer tells the engine.
type Rule interface {
	// Acquisitions lists the resources that instr acquires, if any.
	Acquisitions(instr ssa.Instruction) []Acquisition

	// Classify says what instr does to h. Returning Effect{Kind: Default}
	// leaves it to the engine: flow through phis, conversions and cells;
	// escape on returns, stores, sends and unknown calls; same-package
	// callees by their summaries.
	Classify(instr ssa.Instruction, h Holder) Effect

	// LeakyExit reports whether a normal exit by ret leaks a resource
	// still held there. Rules use it to exempt exits (a resource owned
	// elsewhere leaks only on an error return). Most return true.
	LeakyExit(acq *Acquisition, ret *ssa.Return) bool
}

// GatedExitRule is a Rule whose exit filter asks what the returned error
// is: where the acquire's error is kept in a variable (a named result, an
// err a closure captures), only the path reaching ret knows whether the
// variable still holds it. The engine calls LeakyGatedExit instead of
// LeakyExit, with isGate true for the acquire's error on that path.
type GatedExitRule interface {
	LeakyGatedExit(acq *Acquisition, ret *ssa.Return, isGate func(ssa.Value) bool) bool
}

// EndingRule is a Rule whose resource can end by itself, and the program
// can tell: a watch whose channel a receive finds closed (its ok is
// false), or whose response says it was cancelled. EndedBranch returns the
// successor of an if on cond (0 the true one, 1 the false one) where the
// resource has ended, or -1. The path search drops that branch, as it
// drops the one where the acquire failed. held reports whether a value
// holds the resource on the path being walked.
type EndingRule interface {
	EndedBranch(acq *Acquisition, cond ssa.Value, held func(ssa.Value) bool) int
}

// ReleaseBy is the effect of a call that releases the resource: a release
// when it runs now or is deferred, a hand-off when it runs in another
// goroutine (go s.Close()), which may not have run by the exit.
func ReleaseBy(instr ssa.Instruction) Effect {
	if _, ok := instr.(*ssa.Go); ok {
		return Effect{Kind: Escape}
	}
	return Effect{Kind: Release}
}

// HasAlias reports whether the acquired resource is kept in a variable at
// all; SSA still extracts a result assigned to _, but nothing refers to it.
func HasAlias(acq Acquisition) bool {
	for _, h := range acq.Holders {
		if refs := h.Value.Referrers(); h.Role == Alias && refs != nil && len(*refs) > 0 {
			return true
		}
	}
	return false
}
