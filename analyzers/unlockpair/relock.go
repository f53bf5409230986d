package unlockpair

import (
	"fmt"
	"go/ast"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"

	"github.com/etcdlint/etcdlint/internal/ownership"
	"github.com/etcdlint/etcdlint/internal/report"
)

// A relock is `defer m.Lock(ctx)` after `m.Lock(ctx)`: a slip of the hand
// for Unlock. A Mutex locked again from the same session succeeds at once
// (the key is already this session's), so nothing fails and nothing
// unlocks.
type relock struct {
	deferral *ssa.Defer
	lock     *ssa.Call // the earlier acquire it repeats
	kind     int
	method   string
}

// findRelocks finds the deferred Lock and RLock calls whose mutex the
// function locked, in the same way, before the defer on every path.
func findRelocks(fns []*ssa.Function) []relock {
	var out []relock
	for _, fn := range fns {
		var locks []*ssa.Call
		var defers []*ssa.Defer
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				switch instr := instr.(type) {
				case *ssa.Call:
					locks = append(locks, instr)
				case *ssa.Defer:
					defers = append(defers, instr)
				}
			}
		}
		for _, d := range defers {
			a, ok := recognise(d.Common())
			if !ok || (a.method != "Lock" && a.method != "RLock") {
				continue
			}
			for _, c := range locks {
				if b, ok := recognise(c.Common()); ok && b.kind == a.kind && b.path.Same(a.path) && ownership.Before(c, d) {
					out = append(out, relock{deferral: d, lock: c, kind: a.kind, method: a.method})
					break
				}
			}
		}
	}
	return out
}

func reportRelock(pass *analysis.Pass, rl relock) {
	k := kinds[rl.kind]
	unlock := "Unlock"
	if rl.method == "RLock" {
		unlock = "RUnlock"
	}
	pos := rl.deferral.Pos()
	name := receiverText(pass, rl.lock.Pos())
	d := analysis.Diagnostic{
		Pos:      pos,
		Category: "UP5",
		Message: fmt.Sprintf("deferred %s.%s locks again where %s was meant: the lock taken at %s is never released, so %s; defer %s.%s instead",
			name, rl.method, unlock, report.Where(pass.Fset, rl.lock.Pos()), k.consequence, name, unlock),
	}
	for _, n := range report.Path(pass, pos) {
		stmt, ok := n.(*ast.DeferStmt)
		if !ok {
			continue
		}
		d.End = stmt.End()
		if sel, ok := stmt.Call.Fun.(*ast.SelectorExpr); ok && sel.Sel.Name == rl.method {
			d.SuggestedFixes = []analysis.SuggestedFix{{
				Message:   fmt.Sprintf("defer %s instead of %s", unlock, rl.method),
				TextEdits: []analysis.TextEdit{relockEdit(pass, stmt.Call, sel, unlock)},
			}}
		}
		break
	}
	pass.Report(d)
}

// relockEdit turns the deferred Lock into its Unlock. A Mutex's Unlock
// gets a fresh context, as UP1's fix gives it: the Lock's own may be past
// its deadline when the defer runs, and Unlock would then fail and leave
// the key (ctxtimeout's CT4 reports that). Where "context" is not in
// scope the Lock's context is kept: no With* call in this file can have
// given it a deadline, and an import would be a second edit to review.
func relockEdit(pass *analysis.Pass, call *ast.CallExpr, sel *ast.SelectorExpr, unlock string) analysis.TextEdit {
	rename := analysis.TextEdit{Pos: sel.Sel.Pos(), End: sel.Sel.End(), NewText: []byte(unlock)}
	if len(call.Args) != 1 {
		return rename // RWMutex and Locker methods take no context
	}
	ctx := contextName(pass, call.Pos())
	if ctx == "" {
		return rename
	}
	return analysis.TextEdit{Pos: sel.Sel.Pos(), End: call.End(), NewText: []byte(fmt.Sprintf("%s(%s.Background())", unlock, ctx))}
}
