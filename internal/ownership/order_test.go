package ownership

import (
	"go/parser"
	"go/token"
	"testing"
)

// The driver parses a package's files concurrently, so a later file can get
// the lower token.Pos base. Findings must still come out in file order:
// TestDeterministic in cmd/etcdlint caught -json output flipping between
// handled.go and nofix.go from run to run.
func TestSourceBeforeIgnoresParseOrder(t *testing.T) {
	fset := token.NewFileSet()
	parse := func(name, src string) []token.Pos {
		f, err := parser.ParseFile(fset, name, src, 0)
		if err != nil {
			t.Fatal(err)
		}
		var decls []token.Pos
		for _, d := range f.Decls {
			decls = append(decls, d.Pos())
		}
		return decls
	}
	inB := parse("b.go", "package p\n\nfunc B() {}\n")[0]
	a := parse("a.go", "package p\n\nfunc A() {}\n\nfunc A2() {}\n")
	inA, laterInA := a[0], a[1]
	if inA < inB {
		t.Fatal("test setup: a.go was meant to get the higher base")
	}
	if !sourceBefore(fset, inA, inB) || sourceBefore(fset, inB, inA) {
		t.Errorf("a.go must sort before b.go whatever the parse order")
	}
	if !sourceBefore(fset, inA, laterInA) || sourceBefore(fset, laterInA, inA) {
		t.Errorf("within a file, positions must sort by offset")
	}
}
