package unlockpair

import (
	"fmt"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"

	"github.com/etcdlint/etcdlint/internal/etcdapi"
	"github.com/etcdlint/etcdlint/internal/ownership"
	"github.com/etcdlint/etcdlint/internal/report"
)

// An ignored acquire is a Lock, TryLock, RLock or Campaign whose error
// nothing reads: thrown away with `_ =`, called as a statement, or kept
// in a variable that is overwritten or never read. In SSA all three are
// a call whose value has no referrers (dead phis are removed when locals
// are lifted, so a value read on no path has none). The code after it
// runs whether the lock was taken or not.
type ignored struct {
	call   *ssa.Call
	kind   int
	method string
}

// mutexIsOwner is the comparison a Txn fences its writes with: code that
// checks ownership that way may ignore Lock's error on purpose.
var mutexIsOwner = etcdapi.Method{Pkg: etcdapi.Concurrency, Recv: "Mutex", Name: "IsOwner"}

// findIgnored finds the acquires of fns whose error nothing reads.
func findIgnored(fns []*ssa.Function) []ignored {
	var out []ignored
	for _, fn := range fns {
		var found []ignored
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				call, ok := instr.(*ssa.Call)
				if !ok {
					continue
				}
				if kind, method, ok := fallible(call.Common()); ok && len(*call.Referrers()) == 0 {
					found = append(found, ignored{call: call, kind: kind, method: method})
				}
			}
		}
		for _, ig := range found {
			if !fenced(fn, ig.call) && !(startedByGo(fn) && nothingAfter(ig.call)) {
				out = append(out, ig)
			}
		}
	}
	return out
}

// fallible reports whether call is an acquire that returns its failure:
// NewLocker's Lock has no error to ignore (it panics instead).
func fallible(call *ssa.CallCommon) (kind int, method string, ok bool) {
	recv := ownership.Receiver(call)
	if recv == nil {
		return 0, "", false
	}
	fn := ownership.Callee(call, ownership.DynamicType(recv))
	switch {
	case etcdapi.IsAny(fn, etcdapi.MutexLock, etcdapi.MutexTryLock):
		kind = kindMutex
	case etcdapi.Is(fn, etcdapi.RWLock):
		kind = kindWrite
	case etcdapi.Is(fn, etcdapi.RWRLock):
		kind = kindRead
	case etcdapi.Is(fn, etcdapi.Campaign):
		kind = kindElection
	default:
		return 0, "", false
	}
	return kind, fn.Name(), true
}

// fenced reports whether fn asks the mutex locked by call whether it owns
// the lock (m.IsOwner() in a Txn's If): the writes are then guarded by
// the comparison, not by the Lock's result.
func fenced(fn *ssa.Function, call *ssa.Call) bool {
	p := ownership.PathOf(ownership.Receiver(call.Common()))
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			c, ok := instr.(ssa.CallInstruction)
			if !ok {
				continue
			}
			cc := c.Common()
			recv := ownership.Receiver(cc)
			if recv != nil && etcdapi.Is(ownership.Callee(cc, ownership.DynamicType(recv)), mutexIsOwner) && ownership.PathOf(recv).Same(p) {
				return true
			}
		}
	}
	return false
}

// failure says, per kind, when the acquire fails and who else is inside.
var failure = [...]string{
	kindMutex:    "when Lock fails (its context's deadline passed while another process held the lock, or the session's lease is gone) the code after it runs without the lock, alongside the holder",
	kindWrite:    "when Lock fails (the session's lease is gone, or etcd could not be reached) the code after it writes without the lock, alongside the readers and the writer that hold it",
	kindRead:     "when RLock fails (the session's lease is gone, or etcd could not be reached) the code after it reads without the lock, while a writer may hold it",
	kindElection: "when Campaign fails (its context's deadline passed while another candidate led, or the session's lease is gone) the code after it acts as leader alongside the real one",
}

func reportIgnored(pass *analysis.Pass, ig ignored) {
	pos := ig.call.Pos()
	name := receiverText(pass, pos)
	why := failure[ig.kind]
	check := "check the error and skip the critical section when it is non-nil"
	switch {
	case ig.method == "TryLock":
		why = "ErrLocked is its normal outcome whenever another session holds the lock, and then the code after it runs without the lock, alongside the holder"
		check = "check the error (errors.Is(err, concurrency.ErrLocked) when another holder is expected) and skip the critical section when it is non-nil"
	case ig.kind == kindElection:
		check = "check the error and do not act as leader when it is non-nil"
	}
	d := analysis.Diagnostic{
		Pos:      pos,
		Category: "UP6",
		Message:  fmt.Sprintf("the error of %s.%s is ignored, so %s; %s", name, ig.method, why, check),
	}
	if rng := report.Range(pass, pos); rng != nil {
		d.Pos, d.End = rng.Pos(), rng.End()
	}
	pass.Report(d)
}

// startedByGo reports whether fn is a function literal whose only use is
// to be started by go: nobody calls it to rely on what it locked.
func startedByGo(fn *ssa.Function) bool {
	parent := fn.Parent()
	if parent == nil {
		return false
	}
	started := false
	for _, b := range parent.Blocks {
		for _, instr := range b.Instrs {
			switch instr := instr.(type) {
			case *ssa.MakeClosure:
				if instr.Fn != fn {
					continue
				}
				for _, r := range *instr.Referrers() {
					if g, ok := r.(*ssa.Go); !ok || g.Call.Value != instr {
						return false
					}
				}
				started = true
			case *ssa.Go:
				if instr.Call.Value == fn {
					started = true
				}
			}
		}
	}
	return started
}

// nothingAfter reports whether the function returns right after call,
// running only its defers: there is no critical section to run
// unprotected. Tests queue waiters so (go func() { m.Lock(ctx) }()).
func nothingAfter(call *ssa.Call) bool {
	b, start := call.Block(), index(call)+1
	for steps := 0; steps < 32; steps++ { // a chain of jumps is short
		var next *ssa.BasicBlock
		for _, instr := range b.Instrs[start:] {
			switch instr.(type) {
			case *ssa.Return:
				return true
			case *ssa.RunDefers, *ssa.DebugRef, *ssa.Phi:
			case *ssa.Jump:
				next = b.Succs[0]
			default:
				return false
			}
		}
		if next == nil {
			return false
		}
		b, start = next, 0
	}
	return false
}

func index(instr ssa.Instruction) int {
	return indexOf(instr.Block(), instr)
}
