package etcdssa

import (
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"
)

// check type-checks src as package path, ignoring its errors as the driver
// does for a dependency, with imports from deps or the standard library.
func check(t *testing.T, fset *token.FileSet, path, src string, deps ...*types.Package) (*types.Package, *ast.File, *types.Info) {
	t.Helper()
	f, err := parser.ParseFile(fset, path+".go", src, 0)
	if err != nil {
		t.Fatal(err)
	}
	info := &types.Info{
		Types:      make(map[ast.Expr]types.TypeAndValue),
		Defs:       make(map[*ast.Ident]types.Object),
		Uses:       make(map[*ast.Ident]types.Object),
		Implicits:  make(map[ast.Node]types.Object),
		Selections: make(map[*ast.SelectorExpr]*types.Selection),
		Scopes:     make(map[ast.Node]*types.Scope),
		Instances:  make(map[*ast.Ident]types.Instance),
	}
	conf := types.Config{
		Importer: importerFunc(func(p string) (*types.Package, error) {
			for _, d := range deps {
				if d.Path() == p {
					return d, nil
				}
			}
			return importer.Default().Import(p)
		}),
		Error: func(error) {},
	}
	pkg, _ := conf.Check(path, fset, []*ast.File{f}, info)
	return pkg, f, info
}

type importerFunc func(path string) (*types.Package, error)

func (f importerFunc) Import(path string) (*types.Package, error) { return f(path) }

func pass(fset *token.FileSet, pkg *types.Package, f *ast.File, info *types.Info) *analysis.Pass {
	return &analysis.Pass{Fset: fset, Files: []*ast.File{f}, Pkg: pkg, TypesInfo: info}
}

const brokenDep = `package dep

type T struct{ F Missing }

func Good() int { return 1 }
`

// A root that uses a field of a type its dependency could not type is
// not built: it names the dependency and where the root uses it.
func TestBrokenDependency(t *testing.T) {
	fset := token.NewFileSet()
	dep, _, _ := check(t, fset, "dep", brokenDep)
	pkg, f, info := check(t, fset, "root", `package root

import "dep"

func F(t dep.T) bool {
	if t.F.Ok {
		return true
	}
	return false
}
`, dep)
	err := brokenDependency(pass(fset, pkg, f, info))
	want := "root not analysed: its dependency dep does not type-check (root.go:6: F has an invalid type)"
	if err == nil || err.Error() != want {
		t.Errorf("got %v, want %q", err, want)
	}
}

// A root that uses only what its broken dependency typed is analysed.
func TestBrokenDependencyUnused(t *testing.T) {
	fset := token.NewFileSet()
	dep, _, _ := check(t, fset, "dep", brokenDep)
	pkg, f, info := check(t, fset, "root", `package root

import "dep"

func F(t dep.T) int { return dep.Good() }
`, dep)
	if err := brokenDependency(pass(fset, pkg, f, info)); err != nil {
		t.Errorf("got %v, want nil", err)
	}
	if _, _, err := build(pass(fset, pkg, f, info)); err != nil {
		t.Errorf("build: %v", err)
	}
}

// The last guard: whatever else makes the SSA builder panic becomes an
// error that names the package, not a crash of the whole run.
func TestBuildRecovers(t *testing.T) {
	fset := token.NewFileSet()
	pkg, f, info := check(t, fset, "p", `package p

type T struct{ F struct{ Ok bool } }

func F(t T) bool {
	if t.F.Ok {
		return true
	}
	return false
}
`)
	// Forget the selectors' types and selections, as go/types does for an
	// operand of invalid type.
	for e := range info.Types {
		if sel, ok := e.(*ast.SelectorExpr); ok {
			delete(info.Types, e)
			delete(info.Selections, sel)
		}
	}
	_, _, err := build(pass(fset, pkg, f, info))
	if err == nil || !strings.HasPrefix(err.Error(), "p not analysed: building its SSA failed: ") {
		t.Errorf("got %v, want the package not analysed", err)
	}
}
