package sessionclose

import (
	_ "embed"
	"fmt"
	"go/ast"
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"

	"github.com/etcdlint/etcdlint/internal/analysisdoc"
	"github.com/etcdlint/etcdlint/internal/ctxflow"
	"github.com/etcdlint/etcdlint/internal/etcdapi"
	"github.com/etcdlint/etcdlint/internal/etcdssa"
	"github.com/etcdlint/etcdlint/internal/ownership"
	"github.com/etcdlint/etcdlint/internal/report"
)

//go:embed doc.go
var doc string

var Analyzer = &analysis.Analyzer{
	Name:     "sessionclose",
	Doc:      analysisdoc.MustExtract(doc, "sessionclose"),
	URL:      "https://github.com/etcdlint/etcdlint/blob/main/docs/sessionclose.md",
	Requires: []*analysis.Analyzer{etcdssa.Analyzer},
	// etcdssa yields nothing for a package with errors; running lets the
	// driver print the load error alone.
	RunDespiteErrors: true,
	Run:              run,
}

const consequence = "its keepalive goroutines refresh the lease for as long as the client lives and keys bound to it (locks) stay"

func run(pass *analysis.Pass) (any, error) {
	res := pass.ResultOf[etcdssa.Analyzer].(*etcdssa.Result)
	if res == nil {
		return nil, nil
	}
	eng := ownership.New(res.Pkg, rule{})
	unclosables := findUnclosable(pass, res.SrcFuncs)
	for _, f := range eng.Check(res.SrcFuncs) {
		reportFinding(pass, f, unclosables)
	}
	reportUnclosable(pass, unclosables)
	return nil, eng.Err()
}

func reportFinding(pass *analysis.Pass, f ownership.Finding, unclosables map[*ssa.Call]unclosable) {
	pos := f.Acq.Instr.Pos()
	if _, bounded := report.BoundedLoop(pass, f.Deferred); f.Kind == ownership.LostInLoop && f.Deferred.IsValid() && bounded {
		// for _, k := range keys { s := NewSession(..); defer s.Close();
		// lock k }: a loop that ends by itself may be taking one session
		// per lock to hold them all for the code after it.
		return
	}
	name := report.AssignedName(pass, pos, "s")
	consequence := consequenceOf(pass, f.Acq.Instr)
	var msg string
	switch {
	case !ownership.HasAlias(f.Acq):
		msg = fmt.Sprintf("session from concurrency.NewSession is discarded, so it is never closed and %s; assign it and defer its Close() after the error check", consequence)
	case f.Kind == ownership.LeaksAtExit:
		msg = fmt.Sprintf("session from concurrency.NewSession leaks: the function returns at %s without closing it, so %s; defer %s.Close() after the error check",
			report.Where(pass.Fset, f.Exit), consequence, name)
	case f.Kind == ownership.LostInLoop && f.Deferred.IsValid():
		msg = fmt.Sprintf("session from concurrency.NewSession leaks: its Close is deferred at %s, which waits for the function to return, and the loop creates the next session first, so every iteration's session stays open: %s; move the loop body into a function, or close the session at the end of the iteration",
			report.Where(pass.Fset, f.Deferred), consequence)
	case f.Kind == ownership.LostInLoop:
		msg = fmt.Sprintf("session from concurrency.NewSession leaks: the loop creates the next one without closing it, so %s; close it before the iteration ends", consequence)
	default:
		msg = fmt.Sprintf("session from concurrency.NewSession is never closed, so %s; defer %s.Close() after the error check", consequence, name)
	}
	if call, ok := f.Acq.Instr.(*ssa.Call); ok {
		if u, ok := unclosables[call]; ok {
			// One finding per session: the leak this path search found,
			// and the one on the path that hands it on, which closing it
			// on the first path would leave.
			msg += fmt.Sprintf("; and where it is handed on, %s, so every successful call also leaves one such session", u.via)
			delete(unclosables, call)
		}
	}
	d := analysis.Diagnostic{Pos: pos, Category: "SC1", Message: msg}
	if rng := report.Range(pass, pos); rng != nil {
		d.Pos, d.End = rng.Pos(), rng.End()
	}
	// Not for "never closed": in a function that never returns, a
	// deferred Close would never run. Not in a loop: it would wait for
	// the function.
	if f.Kind == ownership.LeaksAtExit && !f.Handled {
		d.SuggestedFixes = report.DeferClose(pass, pos)
	}
	pass.Report(d)
}

// consequenceOf says how long the session's keepalive runs: until the
// client closes, or until the ctx given by concurrency.WithContext ends
// (the session's keepalive is derived from it).
func consequenceOf(pass *analysis.Pass, instr ssa.Instruction) string {
	call, ok := instr.(*ssa.Call)
	if !ok {
		return consequence
	}
	opts := withContexts(call)
	if len(opts) == 0 {
		return consequence
	}
	opt := opts[len(opts)-1] // the last option wins
	if neverEnds(opt.Call.Args[0]) {
		return consequence
	}
	return fmt.Sprintf("its keepalive goroutines refresh the lease until %s ends and keys bound to it (locks) stay until the lease expires, a TTL after that", contextName(pass, opt))
}

// contextName is how the source spells the ctx given to WithContext, when
// that is short enough for a message.
func contextName(pass *analysis.Pass, opt *ssa.Call) string {
	if call, _ := report.CallAt(pass, opt.Pos()); call != nil && len(call.Args) == 1 {
		switch arg := ast.Unparen(call.Args[0]).(type) {
		case *ast.Ident, *ast.SelectorExpr:
			if name := types.ExprString(arg); len(name) <= 24 {
				return name
			}
		}
	}
	return "the context given to concurrency.WithContext"
}

// neverEnds reports whether ctx is one nothing can end: Background, TODO,
// WithoutCancel, or a WithValue child of one. The keepalive then runs for
// as long as the client does.
func neverEnds(ctx ssa.Value) bool {
	for range 32 {
		v := ctxflow.Value(ctx)
		if call, ok := v.(*ssa.Call); ok {
			if name := ctxflow.Func(call.Common()); name == "Background" || name == "TODO" {
				return true
			}
		}
		call, parent, name := ctxflow.Derive(v)
		switch {
		case call == nil:
			return false
		case name == "WithoutCancel":
			return true
		case name != "WithValue":
			return false
		}
		ctx = parent
	}
	return false
}

// Tags of the values related to a session whose release ends it.
const (
	tagSession = iota
	tagClient  // the client the session was made from
	tagCancel  // the cancel func of the ctx given by WithContext
	tagCtx     // the session's own Ctx()
	tagLocker  // the sync.Locker NewLocker made from the session
)

type rule struct{}

func (rule) Acquisitions(instr ssa.Instruction) []ownership.Acquisition {
	call, ok := instr.(*ssa.Call)
	if !ok || !etcdapi.Is(ownership.Callee(call.Common(), nil), etcdapi.NewSession) {
		return nil
	}
	acq := ownership.Acquisition{Instr: call}
	for _, r := range *call.Referrers() {
		if ex, ok := r.(*ssa.Extract); ok {
			switch ex.Index {
			case 0:
				acq.Holders = append(acq.Holders, ownership.Holder{Value: ex, Role: ownership.Alias})
			case 1:
				acq.Gate = ex
			}
		}
	}
	args := call.Call.Args
	if len(args) > 0 {
		for _, cli := range ownership.VariableValues(args[0]) {
			acq.Holders = append(acq.Holders, ownership.Holder{Value: cli, Role: ownership.Related, Tag: tagClient})
		}
	}
	for _, opt := range withContexts(call) {
		ctx := opt.Call.Args[0]
		for _, cancel := range contextCancels(ctx) {
			acq.Holders = append(acq.Holders, ownership.Holder{Value: cancel, Role: ownership.Related, Tag: tagCancel})
		}
		// Once that ctx is done, so is the session.
		acq.Holders = append(acq.Holders, ownership.Holder{Value: ctx, Role: ownership.Related, Tag: tagCtx})
	}
	return []ownership.Acquisition{acq}
}

// withContexts returns the concurrency.WithContext options of a NewSession
// call.
func withContexts(call *ssa.Call) []*ssa.Call {
	args := call.Call.Args
	if len(args) < 2 {
		return nil
	}
	var out []*ssa.Call
	for _, v := range ownership.VariadicArgs(args[1]) {
		if opt, ok := v.(*ssa.Call); ok && etcdapi.Is(ownership.Callee(opt.Common(), nil), etcdapi.WithContext) && len(opt.Call.Args) == 1 {
			out = append(out, opt)
		}
	}
	return out
}

// contextCancels returns the cancel funcs whose call ends ctx: that of the
// context.With* call ctx comes from and those of its ancestors, through
// WithValue (a value does not change a context's lifetime). WithoutCancel
// cuts the chain: cancelling its parent does not end it.
func contextCancels(ctx ssa.Value) []ssa.Value {
	var out []ssa.Value
	for range 32 { // chains in real code are short
		call, parent, name := ctxflow.Derive(ctxflow.Value(ctx))
		if call == nil || name == "WithoutCancel" {
			break
		}
		if ctxflow.IsWithCancel(name) {
			if cancel := ctxflow.Cancel(call); cancel != nil {
				out = append(out, cancel)
			}
		}
		ctx = parent
	}
	return out
}

func (rule) Classify(instr ssa.Instruction, h ownership.Holder) ownership.Effect {
	ci, ok := instr.(ssa.CallInstruction)
	if !ok {
		return ownership.Effect{Kind: ownership.Default}
	}
	call := ci.Common()
	if h.Tag == tagCancel && call.Value == h.Value && !call.IsInvoke() {
		return ownership.ReleaseBy(instr)
	}
	fn := ownership.Callee(call, sessionType(h))
	recv := ownership.Receiver(call)
	switch {
	case recv == h.Value && h.Role == ownership.Alias && etcdapi.IsAny(fn, etcdapi.SessionClose, etcdapi.SessionOrphan):
		return ownership.ReleaseBy(instr)
	case recv == h.Value && h.Tag == tagClient && etcdapi.Is(fn, etcdapi.ClientClose):
		return ownership.ReleaseBy(instr)
	case recv == h.Value && h.Role == ownership.Alias && etcdapi.Is(fn, etcdapi.SessionDone):
		return result(instr, ownership.Signal, tagSession)
	case recv == h.Value && h.Role == ownership.Alias && etcdapi.Is(fn, etcdapi.SessionCtx):
		return result(instr, ownership.Related, tagCtx)
	case recv == h.Value && h.Tag == tagCtx && call.IsInvoke() && call.Method.Name() == "Done":
		return result(instr, ownership.Signal, tagSession)
	case h.Role == ownership.Alias && etcdapi.Is(fn, etcdapi.NewLocker):
		return result(instr, ownership.Carrier, tagLocker)
	case recv == h.Value && h.Tag == tagLocker && call.IsInvoke() && isLockerMethod(call.Method):
		// Lock and Unlock of the Locker are the mutex's, which never
		// closes its session: uses, as the Mutex's methods are.
		return ownership.Effect{Kind: ownership.Use}
	case h.Role == ownership.Alias && etcdapi.IsAny(fn, etcdapi.NewMutex, etcdapi.NewElection, etcdapi.ResumeElection, etcdapi.NewRWMutex):
		// A mutex or election made from the session carries it: if
		// the mutex is handed on, so is the session.
		return result(instr, ownership.Carrier, tagSession)
	}
	return ownership.Effect{Kind: ownership.Default}
}

// isLockerMethod reports whether m is sync.Locker's Lock or Unlock.
func isLockerMethod(m *types.Func) bool {
	sig, ok := m.Type().(*types.Signature)
	return ok && (m.Name() == "Lock" || m.Name() == "Unlock") && sig.Params().Len() == 0 && sig.Results().Len() == 0
}

func (rule) LeakyExit(*ownership.Acquisition, *ssa.Return) bool { return true }

func result(instr ssa.Instruction, role ownership.Role, tag int) ownership.Effect {
	call, ok := instr.(*ssa.Call)
	if !ok {
		return ownership.Effect{Kind: ownership.Default}
	}
	return ownership.Effect{Kind: ownership.Use, New: []ownership.Holder{{Value: call, Role: role, Tag: tag}}}
}

// sessionType is the dynamic type behind a session held in an interface,
// so that io.Closer(s).Close() resolves to (*Session).Close.
func sessionType(h ownership.Holder) types.Type {
	if h.Role != ownership.Alias {
		return nil
	}
	return ownership.DynamicType(h.Value)
}
