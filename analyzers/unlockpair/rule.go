package unlockpair

import (
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ssa"

	"github.com/etcdlint/etcdlint/internal/etcdapi"
	"github.com/etcdlint/etcdlint/internal/ownership"
)

// The acquisition kinds, used as Acquisition.Kind.
const (
	kindMutex    = iota // UP1
	kindLocker          // UP2
	kindWrite           // UP3, Lock
	kindRead            // UP3, RLock
	kindElection        // UP4
)

// kindText is how the messages speak of one kind of lock.
type kindText struct {
	id          string
	what        string // of "m.Lock"
	fromHelper  string // of the helper's name
	defaultName string // for the fix hint when the value has no name
	release     string
	releasing   string
	consequence string
	fix         string // of the value's name
}

const waitLease = "until the session's lease ends"

var kinds = [...]kindText{
	kindMutex: {
		id: "UP1", what: "the lock taken by %s", fromHelper: "the lock held by the mutex from %s", defaultName: "m",
		release: "unlock", releasing: "unlocking",
		consequence: "its key stays under the prefix and every other locker waits " + waitLease,
		fix:         "defer %s.Unlock with a fresh context after the error check",
	},
	kindLocker: {
		id: "UP2", what: "the lock taken by %s on a concurrency.NewLocker", fromHelper: "the lock held by the locker from %s", defaultName: "l",
		release: "unlock", releasing: "unlocking",
		consequence: "its key stays under the prefix and every other locker waits " + waitLease,
		fix:         "defer %s.Unlock() after the Lock",
	},
	kindWrite: {
		id: "UP3", what: "the write lock taken by %s", fromHelper: "the write lock held by the RWMutex from %s", defaultName: "rw",
		release: "unlock", releasing: "unlocking",
		consequence: "its key stays under the prefix and every other reader and writer waits " + waitLease,
		fix:         "defer %s.Unlock() after the error check",
	},
	kindRead: {
		id: "UP3", what: "the read lock taken by %s", fromHelper: "the read lock held by the RWMutex from %s", defaultName: "rw",
		release: "unlock", releasing: "unlocking",
		consequence: "its key stays under the prefix and every writer waits " + waitLease,
		fix:         "defer %s.RUnlock() after the error check",
	},
	kindElection: {
		id: "UP4", what: "the leadership won by %s", fromHelper: "the leadership held by the election from %s", defaultName: "e",
		release: "resign", releasing: "resigning",
		consequence: "the leader key stays and no other candidate wins " + waitLease,
		fix:         "defer %s.Resign with a fresh context after the error check",
	},
}

// tagKey marks the lock's key (m.Key(), e.Key()) and the values it is
// converted to: handing them on hands the lock on.
const tagKey = 1

// tagSessionCtx marks the session's Ctx(): once it is done, the session's
// keepalive has stopped, as sessionclose reads it too.
const tagSessionCtx = 2

// tagLease marks the session's Lease(): revoking it deletes every key
// bound to it, the lock's among them.
const tagLease = 3

// tagOwnerField marks the address of a session field of the struct that
// holds a lock: which session the lock was made from is not known, so the
// end of any session of the same owner ends it.
const tagOwnerField = 4

// lockInfo is what the rule learnt about one acquire.
type lockInfo struct {
	method string // Lock, TryLock, RLock, Campaign
	// elsewhere: the mutex belongs to a struct, a parameter or an outer
	// function, so only an error return leaks it.
	elsewhere bool
}

// rule is the ownership rule for etcd locks. It keeps the per-pass state
// the engine's callbacks need: the access paths, and what each acquire is.
type rule struct {
	paths *ownership.Paths
	info  map[ssa.Instruction]*lockInfo
}

func newRule() *rule {
	return &rule{paths: ownership.NewPaths(), info: make(map[ssa.Instruction]*lockInfo)}
}

// acquire is a lock-taking call, recognised.
type acquire struct {
	kind   int
	recv   ssa.Value
	path   ownership.AccessPath
	origin []*ssa.Call // the constructors the lock was made by, if known
	method string
}

// recognise reports whether call takes an etcd lock or leadership, on
// what, and made where.
func recognise(call *ssa.CallCommon) (acquire, bool) {
	recv := ownership.Receiver(call)
	if recv == nil {
		return acquire{}, false
	}
	a := acquire{recv: recv, path: ownership.PathOf(recv)}
	fn := ownership.Callee(call, ownership.DynamicType(recv))
	var makers []etcdapi.Method
	switch {
	case etcdapi.IsAny(fn, etcdapi.MutexLock, etcdapi.MutexTryLock):
		a.kind, makers = kindMutex, []etcdapi.Method{etcdapi.NewMutex}
	case etcdapi.Is(fn, etcdapi.RWLock):
		a.kind, makers = kindWrite, []etcdapi.Method{etcdapi.NewRWMutex}
	case etcdapi.Is(fn, etcdapi.RWRLock):
		a.kind, makers = kindRead, []etcdapi.Method{etcdapi.NewRWMutex}
	case etcdapi.Is(fn, etcdapi.Campaign):
		a.kind, makers = kindElection, []etcdapi.Method{etcdapi.NewElection, etcdapi.ResumeElection}
	case call.IsInvoke() && isLockerMethod(call.Method, "Lock"):
		a.kind, makers = kindLocker, []etcdapi.Method{etcdapi.NewLocker}
	default:
		return acquire{}, false
	}
	a.method = fn.Name()
	if !traceable(a.path) {
		return acquire{}, false
	}
	a.origin = constructors(a.path, makers)
	// Any sync.Locker has Lock(); only NewLocker's takes an etcd lock.
	if a.kind == kindLocker && a.origin == nil {
		return acquire{}, false
	}
	return a, true
}

// isLockerMethod reports whether m is sync.Locker's Lock or Unlock, or the
// same method of another interface: func().
func isLockerMethod(m *types.Func, name string) bool {
	sig, ok := m.Type().(*types.Signature)
	return ok && m.Name() == name && sig.Params().Len() == 0 && sig.Results().Len() == 0
}

// traceable reports whether the engine can see the unlocks of a lock
// reached by path: every use of the same lock must start from the same
// base value. A package variable is loaded afresh in every function and
// closure, and a base computed once for this call alone (c.get().Lock)
// cannot be named again, so nothing visible could unlock either.
func traceable(p ownership.AccessPath) bool {
	switch b := p.Base.(type) {
	case *ssa.Global:
		return false
	case *ssa.Call, *ssa.Extract, *ssa.Lookup, *ssa.Index, *ssa.TypeAssert:
		if isConstructor(b) {
			return true
		}
		refs := b.Referrers()
		return refs != nil && len(*refs) > 1
	}
	return true
}

func isConstructor(v ssa.Value) bool {
	call, ok := v.(*ssa.Call)
	if !ok {
		return false
	}
	m, ok := etcdapi.Lookup(ownership.Callee(call.Common(), nil))
	return ok && (m == etcdapi.NewMutex || m == etcdapi.NewLocker || m == etcdapi.NewRWMutex ||
		m == etcdapi.NewElection || m == etcdapi.ResumeElection)
}

// constructors returns the calls that made the lock reached by p, when the
// function made it itself, directly or in a local variable; nil when it
// came from anywhere else.
func constructors(p ownership.AccessPath, makers []etcdapi.Method) []*ssa.Call {
	var vals []ssa.Value
	switch {
	case p.Direct():
		vals = []ssa.Value{p.Base}
	case p.IsVariable():
		for _, r := range *p.Base.Referrers() {
			if st, ok := r.(*ssa.Store); ok && st.Addr == p.Base {
				vals = append(vals, st.Val)
			}
		}
	}
	var out []*ssa.Call
	seen := make(map[ssa.Value]bool)
	var visit func(v ssa.Value) bool
	visit = func(v ssa.Value) bool {
		if seen[v] {
			return true
		}
		seen[v] = true
		switch v := v.(type) {
		case *ssa.Const:
			return v.IsNil() // var m *Mutex before it is made
		case *ssa.Phi:
			for _, e := range v.Edges {
				if !visit(e) {
					return false
				}
			}
			return true
		case *ssa.ChangeInterface:
			return visit(v.X)
		case *ssa.Call:
			if etcdapi.IsAny(ownership.Callee(v.Common(), nil), makers...) {
				out = append(out, v)
				return true
			}
		}
		return false
	}
	for _, v := range vals {
		if !visit(v) {
			return nil
		}
	}
	return out
}

// shared reports whether the function that made the lock also put it
// where others reach it (a field, a map, a channel): then it is theirs
// too, whether that happened before or after the acquire.
func shared(a acquire) bool {
	var vals []ssa.Value
	for _, c := range a.origin {
		vals = append(vals, c)
	}
	if a.path.IsVariable() {
		for _, r := range *a.path.Base.Referrers() {
			if ld, ok := r.(*ssa.UnOp); ok && ld.Op == token.MUL {
				vals = append(vals, ld)
			}
		}
	}
	for _, v := range vals {
		for _, r := range *v.Referrers() {
			switch r := r.(type) {
			case *ssa.Store:
				if _, local := r.Addr.(*ssa.Alloc); r.Val == v && !local {
					return true
				}
			case *ssa.MapUpdate:
				if r.Value == v {
					return true
				}
			case *ssa.Send:
				if r.X == v {
					return true
				}
			}
		}
	}
	return false
}

func (r *rule) Acquisitions(instr ssa.Instruction) []ownership.Acquisition {
	call, ok := instr.(*ssa.Call)
	if !ok {
		return nil
	}
	a, ok := recognise(call.Common())
	if !ok {
		return nil
	}
	acq := ownership.Acquisition{Instr: call, Kind: a.kind, Holders: r.paths.Holders(a.recv, ownership.Alias)}
	if a.kind != kindLocker { // NewLocker's Lock panics instead
		acq.Gate = call
	}
	for _, c := range a.origin {
		// Closing the session revokes the lease, and the lock key with it.
		acq.Holders = append(acq.Holders, r.paths.Holders(c.Call.Args[0], ownership.Related)...)
	}
	owned := a.origin != nil && !shared(a)
	r.info[call] = &lockInfo{method: a.method, elsewhere: !owned}
	return []ownership.Acquisition{acq}
}

func (r *rule) Classify(instr ssa.Instruction, h ownership.Holder) ownership.Effect {
	if eff, ok := ownerEffect(instr, h, r.paths.IsOwner(h)); ok {
		return eff
	}
	if eff, ok := r.paths.Follow(instr, h); ok && eff.Kind != ownership.Default {
		return eff
	}
	if conv, ok := instr.(*ssa.Convert); ok && h.Tag == tagKey {
		// []byte(m.Key()), as etcd's v3lock server returns it.
		return ownership.Effect{Kind: ownership.Use, New: []ownership.Holder{{Value: conv, Role: ownership.Carrier, Tag: tagKey}}}
	}
	ci, ok := instr.(ssa.CallInstruction)
	if !ok {
		return ownership.Effect{Kind: ownership.Default}
	}
	call := ci.Common()
	if h.Tag == tagKey {
		return keyEffect(instr, call, h)
	}
	if h.Tag == tagLease {
		if etcdapi.HasLeaseMethod(ownership.Callee(call, nil), "Revoke") && ownership.ArgIndex(call, h.Value) == 1 {
			return ownership.ReleaseBy(instr)
		}
		return ownership.Effect{Kind: ownership.Default}
	}
	if ownership.Receiver(call) != h.Value {
		return ownership.Effect{Kind: ownership.Default}
	}
	if h.Tag == tagSessionCtx {
		if v, ok := instr.(*ssa.Call); ok && call.IsInvoke() && call.Method.Name() == "Done" {
			return ownership.Effect{Kind: ownership.Use, New: []ownership.Holder{{Value: v, Role: ownership.Signal}}}
		}
		return ownership.Effect{Kind: ownership.Default}
	}
	fn := ownership.Callee(call, ownership.DynamicType(h.Value))
	switch {
	case h.Role == ownership.Related && etcdapi.Is(fn, etcdapi.SessionClose):
		return ownership.ReleaseBy(instr)
	case h.Role == ownership.Related && etcdapi.Is(fn, etcdapi.SessionDone):
		// A path that saw the session end has no lease left to hold
		// the key for long.
		if v, ok := instr.(*ssa.Call); ok {
			return ownership.Effect{Kind: ownership.Use, New: []ownership.Holder{{Value: v, Role: ownership.Signal}}}
		}
	case h.Role == ownership.Related && etcdapi.Is(fn, etcdapi.SessionLease):
		if v, ok := instr.(*ssa.Call); ok {
			return ownership.Effect{Kind: ownership.Use, New: []ownership.Holder{{Value: v, Role: ownership.Related, Tag: tagLease}}}
		}
	case h.Role == ownership.Related && etcdapi.Is(fn, etcdapi.SessionCtx):
		if v, ok := instr.(*ssa.Call); ok {
			return ownership.Effect{Kind: ownership.Use, New: []ownership.Holder{{Value: v, Role: ownership.Related, Tag: tagSessionCtx}}}
		}
	case h.Role != ownership.Alias:
	case etcdapi.IsAny(fn, etcdapi.MutexUnlock, etcdapi.RWUnlock, etcdapi.RWRUnlock, etcdapi.Resign):
		// RWMutex's Unlock and RUnlock both delete the key the last
		// Lock or RLock made: either one releases it.
		return ownership.ReleaseBy(instr)
	case call.IsInvoke() && isLockerMethod(call.Method, "Unlock"):
		return ownership.ReleaseBy(instr)
	case call.IsInvoke() && isLockerMethod(call.Method, "Lock"):
		// Locking again through the Locker (UP5's defer l.Lock()) is a
		// use, not a hand-off.
		return ownership.Effect{Kind: ownership.Use}
	case etcdapi.IsAny(fn, etcdapi.MutexKey, etcdapi.ElectionKey):
		// Whoever holds the key can delete it: handing the key on
		// hands the lock on (etcd's own v3lock server works so).
		if v, ok := instr.(*ssa.Call); ok {
			return ownership.Effect{Kind: ownership.Use, New: []ownership.Holder{{Value: v, Role: ownership.Carrier, Tag: tagKey}}}
		}
	}
	return ownership.Effect{Kind: ownership.Default}
}

// ownerEffect follows the struct that holds a lock of unknown origin
// (isOwner) to its session fields: c.s, loaded, is a session the lock may
// have been made from, read as the session itself is (its Done, Close,
// Lease).
func ownerEffect(instr ssa.Instruction, h ownership.Holder, isOwner bool) (ownership.Effect, bool) {
	session := func(v ssa.Value) (ownership.Effect, bool) {
		if !isSessionPtr(v.Type()) {
			return ownership.Effect{}, false
		}
		return ownership.Effect{Kind: ownership.Use, New: []ownership.Holder{{Value: v, Role: ownership.Related}}}, true
	}
	switch instr := instr.(type) {
	case *ssa.FieldAddr:
		if isOwner && instr.X == h.Value && isSessionPtr(instr.Type().(*types.Pointer).Elem()) {
			return ownership.Effect{Kind: ownership.Use, New: []ownership.Holder{{Value: instr, Role: ownership.Related, Tag: tagOwnerField}}}, true
		}
	case *ssa.Field:
		if isOwner && instr.X == h.Value {
			return session(instr)
		}
	case *ssa.UnOp:
		if h.Tag == tagOwnerField && instr.Op == token.MUL {
			return session(instr)
		}
	}
	if h.Tag == tagOwnerField {
		return ownership.Effect{Kind: ownership.Use}, true
	}
	return ownership.Effect{}, false
}

func isSessionPtr(t types.Type) bool {
	_, ptr := t.(*types.Pointer)
	return ptr && etcdapi.IsType(t, etcdapi.Concurrency, "Session")
}

// keyEffect is what a call given the lock's key does with the lock:
// deleting the key releases it; reading or writing at the key uses it; an
// Op or comparison built from it carries it on (into a Txn, which may
// delete it); the key written as a value, or given to an unknown callee,
// may be kept by whoever reads it.
func keyEffect(instr ssa.Instruction, call *ssa.CallCommon, h ownership.Holder) ownership.Effect {
	fn := ownership.Callee(call, nil)
	atKey := ownership.ArgIndex(call, h.Value) == 1 // kv.Op(ctx, key, ...)
	switch {
	case etcdapi.Is(fn, etcdapi.KVDelete) && atKey:
		return ownership.ReleaseBy(instr)
	case etcdapi.IsAny(fn, etcdapi.KVGet, etcdapi.KVPut) && atKey:
		return ownership.Effect{Kind: ownership.Use}
	}
	if m, ok := etcdapi.Lookup(fn); ok && m.Recv == "" {
		if v, ok := instr.(*ssa.Call); ok {
			return ownership.Effect{Kind: ownership.Use, New: []ownership.Holder{{Value: v, Role: ownership.Carrier, Tag: tagKey}}}
		}
	}
	return ownership.Effect{Kind: ownership.Default}
}

// LeakyExit: a lock the function made leaks at any exit; one it was given
// (through a parameter, a field, a captured variable) is the owner's to
// release, unless the function returns an error, which tells the caller
// that it holds nothing.
func (r *rule) LeakyExit(acq *ownership.Acquisition, ret *ssa.Return) bool {
	return r.LeakyGatedExit(acq, ret, func(v ssa.Value) bool { return v == acq.Gate })
}

// LeakyGatedExit is LeakyExit where the engine knows, on the path to ret,
// which values are the acquire's error: a load of an err that a closure
// captures is one where the variable still holds it.
func (r *rule) LeakyGatedExit(acq *ownership.Acquisition, ret *ssa.Return, isGate func(ssa.Value) bool) bool {
	info := r.info[acq.Instr]
	if info == nil || !info.elsewhere {
		return true
	}
	return ownership.ReturnsError(ret, isGate)
}

func indexOf(b *ssa.BasicBlock, instr ssa.Instruction) int {
	for i, x := range b.Instrs {
		if x == instr {
			return i
		}
	}
	return len(b.Instrs)
}
