package sessionclose

import (
	"fmt"
	"go/token"
	"go/types"
	"sort"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"

	"github.com/etcdlint/etcdlint/internal/etcdapi"
	"github.com/etcdlint/etcdlint/internal/ownership"
	"github.com/etcdlint/etcdlint/internal/report"
)

// A session handed on only to holders that cannot close it. The engine
// reads a Mutex, Election, Locker or RWMutex made from a session as a
// carrier, and handing a carrier on as handing the session on: right for
// a struct that keeps the session too, wrong for these four, which have no
// method that reaches their session. A lock helper that returns
// (*concurrency.Mutex, error) then leaves, on every successful call, a
// session nobody can ever close. So does a session kept in an unexported
// field that no function of the package closes.
//
// This check is deliberately narrow, and separate from the engine's path
// search: the session itself may only be given to those constructors, to
// s.Ctx(), or compared; anything else it meets (Close on the way to the
// hand-off, a closure, a store, a call, a phi) may close it or let
// someone close it, and makes the check silent.

// unclosable is one session that no one can close on the paths that hand
// it on.
type unclosable struct {
	via string // "it is reachable only through the Mutex returned at lock.go:40, which cannot close it"
}

// holderKinds are the constructors whose result holds the session and
// cannot close it, by the type name the message uses.
var holderKinds = []struct {
	m    etcdapi.Method
	name string
}{
	{etcdapi.NewMutex, "Mutex"},
	{etcdapi.NewElection, "Election"},
	{etcdapi.ResumeElection, "Election"},
	{etcdapi.NewRWMutex, "RWMutex"},
	{etcdapi.NewLocker, "Locker"},
}

// findUnclosable returns the NewSession calls of fns whose session nobody
// can close where it is handed on.
func findUnclosable(pass *analysis.Pass, fns []*ssa.Function) map[*ssa.Call]unclosable {
	var fields map[*types.Var]string
	var clients map[*types.Var]bool
	out := make(map[*ssa.Call]unclosable)
	for _, fn := range fns {
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				call, ok := instr.(*ssa.Call)
				if !ok || !etcdapi.Is(ownership.Callee(call.Common(), nil), etcdapi.NewSession) {
					continue
				}
				if fields == nil {
					fields = deadFields(pass, fns) // once per package, and only where sessions are made
					clients = closedClientFields(fns)
				}
				if u, ok := unclosableSession(pass, call, fields, clients); ok {
					out[call] = u
				}
			}
		}
	}
	return out
}

// unclosableSession checks one NewSession call.
func unclosableSession(pass *analysis.Pass, call *ssa.Call, fields map[*types.Var]string, clients map[*types.Var]bool) (unclosable, bool) {
	// A session made WithContext ends with that ctx, which its owner may
	// cancel; one made from a client this function made or closes ends
	// with the client.
	if len(withContexts(call)) > 0 || !optionsKnown(call) || len(call.Call.Args) == 0 || !sharedClient(call.Call.Args[0]) {
		return unclosable{}, false
	}
	sess := sessionValue(call)
	if sess == nil {
		return unclosable{}, false
	}
	var holders []ssa.Value
	var kinds []string
	var field *ssa.FieldAddr
	var closes []ssa.Instruction
	for _, r := range *sess.Referrers() {
		switch r := r.(type) {
		case *ssa.Call:
			if name := holderKind(r.Common()); name != "" && r.Call.Args[0] == sess {
				holders, kinds = append(holders, r), append(kinds, name)
				continue
			}
			fn := ownership.Callee(r.Common(), nil)
			if ownership.Receiver(r.Common()) == sess && etcdapi.IsAny(fn, etcdapi.SessionClose, etcdapi.SessionOrphan) {
				closes = append(closes, r)
				continue
			}
			if ownership.Receiver(r.Common()) == sess && etcdapi.Is(fn, etcdapi.SessionCtx) {
				continue // a Context has no cancel
			}
			return unclosable{}, false
		case *ssa.Store:
			fa, ok := r.Addr.(*ssa.FieldAddr)
			if !ok || r.Val != sess || field != nil || fields[fieldVar(fa)] == "" {
				return unclosable{}, false
			}
			field = fa
		case *ssa.BinOp:
			// s == nil, s != nil
		case *ssa.DebugRef:
		default:
			return unclosable{}, false
		}
	}
	if field != nil {
		// A close on either side of the store may be on its path.
		if reachesAny(closes, field) || closedAfter(closes, field) || clientClosedWith(call.Call.Args[0], field, clients) {
			return unclosable{}, false
		}
		return unclosable{
			via: fmt.Sprintf("it is stored in %s, which nothing in this package closes, orphans or hands on", fields[fieldVar(field)]),
		}, true
	}
	var offs []handOff
	for i, h := range holders {
		hs, ok := handOffs(h, kinds[i], call.Call.Args[0])
		if !ok {
			return unclosable{}, false
		}
		offs = append(offs, hs...)
	}
	sort.Slice(offs, func(i, j int) bool { return offs[i].instr.Pos() < offs[j].instr.Pos() })
	for _, o := range offs {
		if !reachesAny(closes, o.instr) {
			return unclosable{via: o.text(pass)}, true
		}
	}
	return unclosable{}, false
}

// optionsKnown reports whether the session options of the NewSession call
// are all written out there as calls of etcd's own option functions: a
// slice of options given from elsewhere (a helper's opts ...
// concurrency.SessionOption, or one built with append) may hold a
// concurrency.WithContext whose owner cancels it.
func optionsKnown(call *ssa.Call) bool {
	if len(call.Call.Args) < 2 {
		return true
	}
	if c, ok := call.Call.Args[1].(*ssa.Const); ok && c.IsNil() {
		return true // no options
	}
	sl, ok := call.Call.Args[1].(*ssa.Slice)
	if !ok {
		return false
	}
	if _, ok := sl.X.(*ssa.Alloc); !ok {
		return false
	}
	for _, v := range ownership.VariadicArgs(sl) {
		opt, ok := v.(*ssa.Call)
		if !ok {
			return false
		}
		fn := ownership.Callee(opt.Common(), nil)
		if fn == nil || fn.Pkg() == nil || !etcdapi.IsEtcdPath(fn.Pkg().Path()) {
			return false
		}
	}
	return true
}

// closedClientFields finds the client fields that some function of the
// package closes (r.cli.Close(), deferred or not).
func closedClientFields(fns []*ssa.Function) map[*types.Var]bool {
	out := make(map[*types.Var]bool)
	for _, fn := range fns {
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				ci, ok := instr.(ssa.CallInstruction)
				if !ok || !etcdapi.Is(ownership.Callee(ci.Common(), nil), etcdapi.ClientClose) {
					continue
				}
				if fa := loadedField(ownership.Receiver(ci.Common())); fa != nil {
					out[fieldVar(fa)] = true
				}
			}
		}
	}
	return out
}

// loadedField is the field address v is loaded from, or nil.
func loadedField(v ssa.Value) *ssa.FieldAddr {
	ld, ok := v.(*ssa.UnOp)
	if !ok || ld.Op != token.MUL {
		return nil
	}
	fa, _ := ld.X.(*ssa.FieldAddr)
	return fa
}

// clientClosedWith reports whether the session stored in field was made
// from a client in a field of the same struct type (directly, or in a
// struct embedded in it) that the package closes: a registry that owns
// its client and closes it in Close ends the session with it, as a
// deferred cli.Close() does in a function.
func clientClosedWith(cli ssa.Value, field *ssa.FieldAddr, clients map[*types.Var]bool) bool {
	fa := loadedField(cli)
	if fa == nil || !clients[fieldVar(fa)] {
		return false
	}
	owner := fa.X
	for {
		outer, ok := owner.(*ssa.FieldAddr)
		if !ok || !fieldVar(outer).Embedded() {
			break
		}
		owner = outer.X // n.cli is n.conn.cli
	}
	return types.Identical(owner.Type(), field.X.Type())
}

// sessionValue is the session a NewSession call yields, if it is kept.
func sessionValue(call *ssa.Call) ssa.Value {
	for _, r := range *call.Referrers() {
		if ex, ok := r.(*ssa.Extract); ok && ex.Index == 0 {
			return ex
		}
	}
	return nil
}

// sharedClient reports whether cli is a client that outlives the call: a
// parameter, or a field or global loaded; and that this function does not
// close it.
func sharedClient(cli ssa.Value) bool {
	switch v := cli.(type) {
	case *ssa.Parameter, *ssa.Field:
	case *ssa.UnOp:
		// A field or a global; not a local variable (a closure
		// captures it), which may hold a client made here.
		switch v.X.(type) {
		case *ssa.FieldAddr, *ssa.Global:
		default:
			return false
		}
	default:
		return false
	}
	for _, r := range *cli.Referrers() {
		if c, ok := r.(ssa.CallInstruction); ok && ownership.Receiver(c.Common()) == cli &&
			etcdapi.Is(ownership.Callee(c.Common(), nil), etcdapi.ClientClose) {
			return false
		}
	}
	return true
}

func holderKind(call *ssa.CallCommon) string {
	fn := ownership.Callee(call, nil)
	for _, k := range holderKinds {
		if etcdapi.Is(fn, k.m) && len(call.Args) > 0 {
			return k.name
		}
	}
	return ""
}

// reachesAny reports whether one of the closes may run before to: a
// deferred one runs at every return after it; a call does when its block
// reaches to's (or precedes it in the same block).
func reachesAny(closes []ssa.Instruction, to ssa.Instruction) bool {
	for _, c := range closes {
		if _, ok := c.(*ssa.Defer); ok {
			return true
		}
		if c.Block() == to.Block() {
			if index(c) < index(to) {
				return true
			}
			continue
		}
		if reaches(c.Block(), to.Block()) {
			return true
		}
	}
	return false
}

// closedAfter reports whether one of the closes may run after from.
func closedAfter(closes []ssa.Instruction, from ssa.Instruction) bool {
	for _, c := range closes {
		if c.Block() == from.Block() && index(from) < index(c) || reaches(from.Block(), c.Block()) {
			return true
		}
	}
	return false
}

func index(instr ssa.Instruction) int {
	for i, x := range instr.Block().Instrs {
		if x == instr {
			return i
		}
	}
	return -1
}

func reaches(from, to *ssa.BasicBlock) bool {
	seen := map[*ssa.BasicBlock]bool{}
	work := []*ssa.BasicBlock{from}
	for len(work) > 0 {
		b := work[len(work)-1]
		work = work[:len(work)-1]
		for _, s := range b.Succs {
			if s == to {
				return true
			}
			if !seen[s] {
				seen[s] = true
				work = append(work, s)
			}
		}
	}
	return false
}

// A handOff is where a holder of the session leaves the function: a
// return, which hands it to the caller of a helper that runs once per
// lock. A holder stored in a field or a global, sent, or kept by a
// goroutine may be meant to live as long as the process (a leader that
// campaigns for good), and counts for nothing.
type handOff struct {
	instr ssa.Instruction
	kind  string // Mutex, Election, RWMutex, Locker
	outer string // "" for the holder itself, else "closure" or a type name
	how   string // "returned"
}

func (o handOff) text(pass *analysis.Pass) string {
	where := report.Where(pass.Fset, o.instr.Pos())
	if o.outer == "" {
		return fmt.Sprintf("it is reachable only through the %s %s at %s, which cannot close it", o.kind, o.how, where)
	}
	return fmt.Sprintf("it is reachable only through the %s %s at %s, which holds only the %s, and %s %s cannot close it", o.outer, o.how, where, o.kind, article(o.kind), o.kind)
}

// article is the indefinite article of a holder's type name, as read
// aloud ("an Election", "an RWMutex").
func article(kind string) string {
	if kind == "Election" || kind == "RWMutex" {
		return "an"
	}
	return "a"
}

// handOffs follows a holder through the values that carry it (phis,
// interfaces, closures that capture it, local structs and variables it is
// stored in) to the returns that hand it on. It fails when the holder
// goes where the check cannot follow (given to a function of another
// package), or into a closure that also captures the session's client,
// whose Close would end the session.
func handOffs(h ssa.Value, kind string, cli ssa.Value) ([]handOff, bool) {
	type carried struct {
		v     ssa.Value
		outer string
	}
	var out []handOff
	seen := map[ssa.Value]bool{}
	work := []carried{{h, ""}}
	follow := func(v ssa.Value, outer string) {
		if v != nil && !seen[v] {
			seen[v] = true
			work = append(work, carried{v, outer})
		}
	}
	seen[h] = true
	for len(work) > 0 {
		c := work[len(work)-1]
		work = work[:len(work)-1]
		refs := c.v.Referrers()
		if refs == nil {
			continue
		}
		for _, r := range *refs {
			switch r := r.(type) {
			case *ssa.Return:
				out = append(out, handOff{r, kind, c.outer, "returned"})
			case *ssa.Phi, *ssa.ChangeInterface, *ssa.MakeInterface, *ssa.ChangeType:
				follow(r.(ssa.Value), c.outer)
			case *ssa.MakeClosure:
				for _, b := range r.Bindings {
					if b == cli {
						return nil, false // the closure may close the client
					}
				}
				follow(r, "closure")
			case *ssa.UnOp:
				if r.Op == token.MUL { // a load of a local it was stored in
					follow(r, c.outer)
				}
			case *ssa.Store:
				if r.Val != c.v {
					continue
				}
				switch addr := r.Addr.(type) {
				case *ssa.Alloc: // a variable a closure captures
					follow(addr, c.outer)
				case *ssa.FieldAddr:
					if alloc, ok := addr.X.(*ssa.Alloc); ok { // &T{m: m}
						follow(alloc, typeName(alloc.Type()))
					}
				}
			case ssa.CallInstruction:
				if !ownCall(r.Common(), c.v) {
					return nil, false
				}
			}
		}
	}
	return out, true
}

// ownCall reports whether a call that uses v keeps v within reach of this
// package: v is the function called or the receiver, or the callee is an
// etcd function or one of this package.
func ownCall(call *ssa.CallCommon, v ssa.Value) bool {
	if call.Value == v || ownership.Receiver(call) == v {
		return true
	}
	if call.IsInvoke() {
		return false
	}
	fn := call.StaticCallee()
	if fn == nil {
		return false
	}
	if _, ok := etcdapi.Lookup(ownership.Callee(call, nil)); ok {
		return true
	}
	pkg := fn.Pkg
	if pkg == nil && fn.Origin() != nil {
		pkg = fn.Origin().Pkg
	}
	return pkg != nil && v.Parent() != nil && pkg == v.Parent().Pkg
}

func typeName(t types.Type) string {
	if p, ok := t.(*types.Pointer); ok {
		t = p.Elem()
	}
	if n, ok := types.Unalias(t).(*types.Named); ok {
		return n.Obj().Name()
	}
	return "struct"
}

func fieldVar(fa *ssa.FieldAddr) *types.Var {
	st, ok := fa.X.Type().(*types.Pointer).Elem().Underlying().(*types.Struct)
	if !ok {
		return nil
	}
	return st.Field(fa.Field)
}

// releaseMethods are the names of the methods that say a type gives back
// what it holds.
var releaseMethods = map[string]bool{"Close": true, "Unlock": true, "Release": true, "Stop": true, "Shutdown": true, "Resign": true}

// releaser reports whether the type has a method that claims to release
// what it holds: a type that keeps a session and has none may be a
// process-lifetime singleton, closed by the process's end on purpose.
func releaser(n *types.Named) bool {
	ms := types.NewMethodSet(types.NewPointer(n))
	for i := 0; i < ms.Len(); i++ {
		if releaseMethods[ms.At(i).Obj().Name()] {
			return true
		}
	}
	return false
}

// deadFields finds, once per package, the unexported session fields of
// the package's struct types that no function of the package closes,
// orphans or hands on: every load of one only makes holders that cannot
// close it (a Mutex, an Election...), gives it to s.Ctx() or compares
// it. Only types with a release method (Close, Unlock...) count: one
// that has them and still never closes its session forgot it. Each maps
// to "T.field" for the message. A type whose values go to
// another package's code, and any package that imports reflect or unsafe,
// have none: that code may reach the field.
func deadFields(pass *analysis.Pass, fns []*ssa.Function) map[*types.Var]string {
	out := make(map[*types.Var]string)
	owner := make(map[*types.Named][]*types.Var)
	for _, name := range pass.Pkg.Scope().Names() {
		tn, ok := pass.Pkg.Scope().Lookup(name).(*types.TypeName)
		if !ok || tn.IsAlias() {
			continue
		}
		n, ok := tn.Type().(*types.Named)
		if !ok || n.TypeParams().Len() > 0 {
			continue
		}
		st, ok := n.Underlying().(*types.Struct)
		if !ok || !releaser(n) {
			continue
		}
		for i := 0; i < st.NumFields(); i++ {
			if f := st.Field(i); !f.Exported() && !f.Embedded() && isSessionPtr(f.Type()) {
				out[f] = tn.Name() + "." + f.Name()
				owner[n] = append(owner[n], f)
			}
		}
	}
	if len(out) == 0 {
		return out
	}
	for _, imp := range pass.Pkg.Imports() {
		if imp.Path() == "reflect" || imp.Path() == "unsafe" {
			return map[*types.Var]string{}
		}
	}
	for _, fn := range fns {
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				switch instr := instr.(type) {
				case *ssa.FieldAddr:
					if f := fieldVar(instr); out[f] != "" && !fieldAddrDead(instr) {
						delete(out, f)
					}
				case *ssa.Field:
					if st, ok := instr.X.Type().Underlying().(*types.Struct); ok {
						if f := st.Field(instr.Field); out[f] != "" && !loadDead(instr) {
							delete(out, f)
						}
					}
				case ssa.CallInstruction:
					for _, a := range instr.Common().Args {
						if n := namedOf(a.Type()); owner[n] != nil && !ownCall(instr.Common(), a) {
							for _, f := range owner[n] {
								delete(out, f)
							}
						}
					}
				}
			}
		}
	}
	return out
}

func namedOf(t types.Type) *types.Named {
	if p, ok := t.(*types.Pointer); ok {
		t = p.Elem()
	}
	n, _ := types.Unalias(t).(*types.Named)
	return n
}

// fieldAddrDead reports whether the address of a session field is only
// stored to, and loaded for uses that cannot close the session.
func fieldAddrDead(fa *ssa.FieldAddr) bool {
	for _, r := range *fa.Referrers() {
		switch r := r.(type) {
		case *ssa.Store:
			if r.Addr != fa {
				return false
			}
		case *ssa.UnOp:
			if r.Op != token.MUL || !loadDead(r) {
				return false
			}
		case *ssa.DebugRef:
		default:
			return false
		}
	}
	return true
}

// loadDead reports whether a session loaded from a field only makes
// holders that cannot close it, gives it to s.Ctx(), or is compared.
func loadDead(v ssa.Value) bool {
	for _, r := range *v.Referrers() {
		switch r := r.(type) {
		case *ssa.Call:
			call := r.Common()
			if name := holderKind(call); name != "" && call.Args[0] == v {
				continue
			}
			if ownership.Receiver(call) == v && etcdapi.Is(ownership.Callee(call, nil), etcdapi.SessionCtx) {
				continue
			}
			return false
		case *ssa.BinOp, *ssa.DebugRef:
		default:
			return false
		}
	}
	return true
}

func isSessionPtr(t types.Type) bool {
	_, ptr := t.(*types.Pointer)
	return ptr && etcdapi.IsType(t, etcdapi.Concurrency, "Session")
}

// reportUnclosable reports the sessions the engine's path search had
// nothing to say about: handed on, on every path, only to holders that
// cannot close them.
func reportUnclosable(pass *analysis.Pass, unclosables map[*ssa.Call]unclosable) {
	calls := make([]*ssa.Call, 0, len(unclosables))
	for c := range unclosables {
		calls = append(calls, c)
	}
	sort.Slice(calls, func(i, j int) bool { return calls[i].Pos() < calls[j].Pos() })
	for _, c := range calls {
		u := unclosables[c]
		pos := c.Pos()
		d := analysis.Diagnostic{Pos: pos, Category: "SC1", Message: fmt.Sprintf(
			"session from concurrency.NewSession can never be closed: %s, so every successful call leaves a session whose keepalive goroutines refresh the lease for as long as the client lives and keys bound to it (locks) stay; hand the session on with it (return it, or keep it where the unlock can close it) and close it when the lock is released",
			u.via)}
		if rng := report.Range(pass, pos); rng != nil {
			d.Pos, d.End = rng.Pos(), rng.End()
		}
		pass.Report(d)
	}
}
