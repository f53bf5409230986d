package ownership

import (
	"go/types"
	"slices"
	"strings"

	"golang.org/x/tools/go/ssa"
)

// noReturnFuncs are functions after whose call a path ends: the process
// exits, the goroutine unwinds, or the test stops.
var noReturnFuncs = map[string]map[string]bool{
	"os":      {"Exit": true},
	"runtime": {"Goexit": true},
	"log": {"Fatal": true, "Fatalf": true, "Fatalln": true,
		"Panic": true, "Panicf": true, "Panicln": true},
	"testing": {"FailNow": true, "Fatal": true, "Fatalf": true,
		"SkipNow": true, "Skip": true, "Skipf": true},
	"go.uber.org/zap":                     {"Fatal": true, "Panic": true, "DPanic": false, "Fatalf": true, "Panicf": true, "Fatalw": true, "Panicw": true},
	"github.com/sirupsen/logrus":          {"Fatal": true, "Fatalf": true, "Fatalln": true, "Panic": true, "Panicf": true, "Panicln": true},
	"k8s.io/klog/v2":                      {"Fatal": true, "Fatalf": true, "Fatalln": true, "Exit": true, "Exitf": true, "Exitln": true},
	"github.com/stretchr/testify/require": {"FailNow": true},
}

// IsNoReturn reports whether fn is one of the known functions after whose
// call a path ends, for analyzers that walk syntax rather than SSA.
func IsNoReturn(fn *types.Func) bool {
	return fn != nil && fn.Pkg() != nil && noReturnFuncs[fn.Pkg().Path()][fn.Name()]
}

// neverReturns reports whether a call ends the path: a known exit, or a
// same-package function none of whose paths returns.
func (e *Engine) neverReturns(call *ssa.CallCommon) bool {
	var obj *types.Func
	if call.IsInvoke() {
		obj = call.Method // testing.TB.Fatal and friends
	} else if fn := call.StaticCallee(); fn != nil {
		if e.inPackage(fn) && fn.Pkg == e.pkg {
			return e.neverReturnsFn(fn)
		}
		obj, _ = fn.Object().(*types.Func)
	}
	if obj == nil || obj.Pkg() == nil {
		return false
	}
	return noReturnFuncs[obj.Pkg().Path()][obj.Name()]
}

// assertsFailure reports whether call is a testify require assertion that
// the acquire's error is non-nil (require.Error(t, err), ErrorIs,
// ErrorContains...): on success it stops the test, so past it the
// acquire failed and nothing is held.
func assertsFailure(call *ssa.CallCommon, tr *tracking) bool {
	var obj *types.Func
	if call.IsInvoke() {
		obj = call.Method
	} else if fn := call.StaticCallee(); fn != nil {
		obj, _ = fn.Object().(*types.Func)
	}
	// testify's assert goes on after a failed assertion, but the test has
	// failed: past assert.Error(t, err) the acquire failed, or the test
	// is already reported, and a leak on that path is no news.
	if obj == nil || obj.Pkg() == nil || !testifyPkgs[obj.Pkg().Path()] {
		return false
	}
	// The assertion's own arguments follow t (or the *Assertions receiver).
	if len(call.Args) < 2 {
		return false
	}
	args := call.Args[1:]
	isGate := func(v ssa.Value) bool { return tr.mayBeGate(uninterface(v)) }
	switch name := strings.TrimSuffix(obj.Name(), "f"); name {
	case "NotNil":
		// require.NotNil(t, err)
		return isGate(args[0])
	case "Equal", "EqualValues", "Exactly":
		// require.Equal(t, concurrency.ErrLocked, err)
		return len(args) > 1 && (isGate(args[0]) && isSentinel(uninterface(args[1])) ||
			isGate(args[1]) && isSentinel(uninterface(args[0])))
	case "True":
		// require.True(t, errors.Is(err, concurrency.ErrLocked))
		return isErrorsIsGate(tr, args[0])
	default:
		// require.Error, ErrorIs, ErrorAs, ErrorContains, EqualError...
		return (strings.HasPrefix(name, "Error") || strings.HasPrefix(name, "EqualError")) &&
			slices.ContainsFunc(args, isGate)
	}
}

var testifyPkgs = map[string]bool{"github.com/stretchr/testify/require": true, "github.com/stretchr/testify/assert": true}

// uninterface is v before its conversion to an interface: the argument of
// a func(any) call.
func uninterface(v ssa.Value) ssa.Value {
	switch conv := v.(type) {
	case *ssa.MakeInterface:
		return conv.X
	case *ssa.ChangeInterface:
		return conv.X
	}
	return v
}

// mayEnd returns the blocks of fn from which some path returns, panics or
// calls a function that never returns; from the others the function
// never ends (select {}, for {} without break).
func (e *Engine) mayEnd(fn *ssa.Function) map[*ssa.BasicBlock]bool {
	if m, ok := e.ends[fn]; ok {
		return m
	}
	m := make(map[*ssa.BasicBlock]bool)
	var work []*ssa.BasicBlock
	for _, b := range fn.Blocks {
		if e.endsHere(b) {
			m[b] = true
			work = append(work, b)
		}
	}
	for len(work) > 0 {
		b := work[len(work)-1]
		work = work[:len(work)-1]
		for _, p := range b.Preds {
			if !m[p] {
				m[p] = true
				work = append(work, p)
			}
		}
	}
	e.ends[fn] = m
	return m
}

// ends_ reports whether b itself ends the function.
func (e *Engine) endsHere(b *ssa.BasicBlock) bool {
	for _, instr := range b.Instrs {
		switch instr := instr.(type) {
		case *ssa.Select:
			// select {} blocks forever; SSA follows it with an
			// unreachable panic.
			if instr.Blocking && len(instr.States) == 0 {
				return false
			}
		case *ssa.Return, *ssa.Panic:
			return true
		case *ssa.Call:
			if e.neverReturns(instr.Common()) {
				return true
			}
		}
	}
	return false
}

func (e *Engine) neverReturnsFn(fn *ssa.Function) bool {
	if v, ok := e.noReturn[fn]; ok {
		return v
	}
	e.noReturn[fn] = false // recursion: assume it returns
	seen := make(map[*ssa.BasicBlock]bool)
	var returns func(b *ssa.BasicBlock) bool
	returns = func(b *ssa.BasicBlock) bool {
		if seen[b] {
			return false
		}
		seen[b] = true
		for _, instr := range b.Instrs {
			switch instr := instr.(type) {
			case *ssa.Return:
				return true
			case *ssa.Call:
				if e.neverReturns(instr.Common()) {
					return false
				}
			}
		}
		for _, s := range b.Succs {
			if returns(s) {
				return true
			}
		}
		return false
	}
	v := len(fn.Blocks) > 0 && !returns(fn.Blocks[0])
	e.noReturn[fn] = v
	return v
}
