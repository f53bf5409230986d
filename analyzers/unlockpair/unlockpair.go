package unlockpair

import (
	_ "embed"
	"fmt"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"

	"github.com/etcdlint/etcdlint/internal/analysisdoc"
	"github.com/etcdlint/etcdlint/internal/etcdssa"
	"github.com/etcdlint/etcdlint/internal/ownership"
	"github.com/etcdlint/etcdlint/internal/report"
)

//go:embed doc.go
var doc string

var Analyzer = &analysis.Analyzer{
	Name:     "unlockpair",
	Doc:      analysisdoc.MustExtract(doc, "unlockpair"),
	URL:      "https://github.com/etcdlint/etcdlint/blob/main/docs/unlockpair.md",
	Requires: []*analysis.Analyzer{etcdssa.Analyzer},
	// etcdssa yields nothing for a package with errors; running lets the
	// driver print the load error alone.
	RunDespiteErrors: true,
	Run:              run,
}

func run(pass *analysis.Pass) (any, error) {
	res := pass.ResultOf[etcdssa.Analyzer].(*etcdssa.Result)
	if res == nil {
		return nil, nil
	}
	r := newRule()
	relocks := findRelocks(res.SrcFuncs)
	for _, rl := range relocks {
		reportRelock(pass, rl)
	}
	for _, ig := range findIgnored(res.SrcFuncs) {
		reportIgnored(pass, ig)
	}
	eng := ownership.New(res.Pkg, r)
	for _, f := range eng.Check(res.SrcFuncs) {
		reportFinding(pass, r, f, relocks)
	}
	return nil, eng.Err()
}

func reportFinding(pass *analysis.Pass, r *rule, f ownership.Finding, relocks []relock) {
	k := kinds[f.Acq.Kind]
	info := r.info[f.Acq.Instr]
	if info != nil && info.elsewhere && (f.Kind == ownership.NeverReleased || f.Kind == ownership.LostInLoop) {
		// Its owner releases it; the engine says "never" because every
		// exit here was the owner's business.
		return
	}
	if f.Kind == ownership.LostInLoop && f.Deferred.IsValid() && holdsOnPurpose(pass, f) {
		// for _, k := range keys { m := ...; m.Lock(ctx); defer m.Unlock(ctx) }
		// takes locks to hold them all for what follows the loop.
		return
	}
	pos := f.Acq.Instr.Pos()
	var what, name string
	if info != nil {
		name = receiverText(pass, pos)
		what = fmt.Sprintf(k.what, name+"."+info.method)
	} else {
		// A same-package helper that returns what it acquired.
		name = assignedName(pass, pos, k.defaultName)
		what = fmt.Sprintf(k.fromHelper, calleeName(f.Acq.Instr))
	}
	d := analysis.Diagnostic{Pos: pos, Category: k.id}
	if rng := report.Range(pass, pos); rng != nil {
		d.Pos, d.End = rng.Pos(), rng.End()
	}
	// A defer is the one right edit only where the function returns (not
	// in a loop, not before select {}), the lock is its own, and nothing
	// in it unlocks already but, at most, its last statement.
	if f.Acq.Kind == kindMutex && info != nil && !info.elsewhere &&
		f.Kind == ownership.LeaksAtExit && !relocked(relocks, f.Acq.Instr) {
		switch {
		case !f.Handled:
			d.SuggestedFixes = deferUnlock(pass, pos)
		case !f.GoroutineUse && len(f.Discharges) == 1:
			d.SuggestedFixes = moveUnlock(pass, pos, f.Discharges[0])
		}
	}
	// A relocked lock's fix is UP5's, at the defer.
	d.Message = message(pass, f, k, info, what, name, d.SuggestedFixes == nil && !relocked(relocks, f.Acq.Instr))
	pass.Report(d)
}

// message says what leaks, where, what follows, and what to do. Without
// a suggested fix, a Mutex's message names the return to fix, too.
func message(pass *analysis.Pass, f ownership.Finding, k kindText, info *lockInfo, what, name string, noFix bool) string {
	switch {
	case f.Kind == ownership.LostInLoop && f.Deferred.IsValid():
		return fmt.Sprintf("%s is released by the defer at %s, which waits for the function to return, and the loop takes the next lock first, so every iteration's key stays under its prefix until the function returns and every other locker of it waits that long; move the loop body into a function, or %s it at the end of the iteration",
			what, report.Where(pass.Fset, f.Deferred), k.release)
	case f.Kind == ownership.LostInLoop:
		return fmt.Sprintf("%s is not released before the loop takes it again, so %s; %s it before the iteration ends",
			what, k.consequence, k.release)
	case f.Kind == ownership.LeaksAtExit && info != nil && info.elsewhere:
		return fmt.Sprintf("%s is not released on an error path: the function returns an error at %s without %s it, and a caller that sees the error will not %s it, so %s; %s it before returning the error",
			what, report.Where(pass.Fset, f.Exit), k.releasing, k.release, k.consequence, k.release)
	case f.Kind == ownership.LeaksAtExit && f.Acq.Kind == kindMutex && noFix:
		return fmt.Sprintf("%s is not released: the function returns at %s without %s it, so %s; %s it before that return, or %s",
			what, report.Where(pass.Fset, f.Exit), k.releasing, k.consequence, k.release, fmt.Sprintf(k.fix, name))
	case f.Kind == ownership.LeaksAtExit:
		return fmt.Sprintf("%s is not released: the function returns at %s without %s it, so %s; %s",
			what, report.Where(pass.Fset, f.Exit), k.releasing, k.consequence, fmt.Sprintf(k.fix, name))
	}
	return fmt.Sprintf("%s is never released, so %s; %s", what, k.consequence, fmt.Sprintf(k.fix, name))
}

// calleeName names the function called by instr.
func calleeName(instr ssa.Instruction) string {
	if call, ok := instr.(*ssa.Call); ok {
		if fn := call.Call.StaticCallee(); fn != nil {
			return fn.Name()
		}
	}
	return "a helper"
}

func relocked(relocks []relock, acq ssa.Instruction) bool {
	for _, rl := range relocks {
		if rl.lock == acq {
			return true
		}
	}
	return false
}

// holdsOnPurpose reports whether a lock whose Unlock is deferred in a loop
// may be one of several taken to be held together after it: the loop ends
// by itself (over a slice of keys, say) and makes a new mutex each time.
// Re-locking one mutex, or a loop that runs as long as work comes, is a
// leak whatever the intent.
func holdsOnPurpose(pass *analysis.Pass, f ownership.Finding) bool {
	loop, bounded := report.BoundedLoop(pass, f.Deferred)
	if !bounded {
		return false
	}
	call, ok := f.Acq.Instr.(*ssa.Call)
	if !ok {
		return false
	}
	made, ok := ownership.Receiver(call.Common()).(*ssa.Call)
	return ok && loop.Pos() <= made.Pos() && made.Pos() < loop.End()
}
