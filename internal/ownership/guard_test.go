package ownership_test

import (
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"strings"
	"testing"

	"golang.org/x/tools/go/ssa"
	"golang.org/x/tools/go/ssa/ssautil"

	"github.com/etcdlint/etcdlint/internal/ownership"
)

// panicRule is a rule with a bug: it panics on the second function's calls.
type panicRule struct{}

func (panicRule) Acquisitions(instr ssa.Instruction) []ownership.Acquisition {
	if call, ok := instr.(*ssa.Call); ok && instr.Parent().Name() == "bad" {
		panic("rule bug at " + call.String())
	}
	if call, ok := instr.(*ssa.Call); ok && instr.Parent().Name() == "good" {
		return []ownership.Acquisition{{Instr: call, Holders: []ownership.Holder{{Value: call, Role: ownership.Alias}}}}
	}
	return nil
}

func (panicRule) Classify(ssa.Instruction, ownership.Holder) ownership.Effect {
	return ownership.Effect{Kind: ownership.Default}
}

func (panicRule) LeakyExit(*ownership.Acquisition, *ssa.Return) bool { return true }

// A panic while analysing one function is reported as an error naming that
// function and its position; the other functions are still analysed.
func TestPanicIsContained(t *testing.T) {
	const src = `package p

func open() *int { return new(int) }

func bad() { _ = open() }

func good() { _ = open() }
`
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "p.go", src, 0)
	if err != nil {
		t.Fatal(err)
	}
	pkg, _, err := ssautil.BuildPackage(&types.Config{Importer: importer.Default()}, fset,
		types.NewPackage("p", "p"), []*ast.File{f}, ssa.SanityCheckFunctions)
	if err != nil {
		t.Fatal(err)
	}
	var fns []*ssa.Function
	for _, name := range []string{"bad", "good"} {
		fns = append(fns, pkg.Func(name))
	}
	eng := ownership.New(pkg, panicRule{})
	findings := eng.Check(fns)
	if len(findings) != 1 || findings[0].Fn.Name() != "good" {
		t.Errorf("findings = %v, want the one leak in good", findings)
	}
	err = eng.Err()
	if err == nil || !strings.Contains(err.Error(), "internal error analysing p.bad at p.go:5:6: rule bug") {
		t.Errorf("Err() = %v, want an error naming p.bad at p.go:5:6", err)
	}
}
