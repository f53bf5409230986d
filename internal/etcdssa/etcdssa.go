// Package etcdssa builds SSA once per package, shared by every etcdlint
// analyzer, and only for packages that can hold a finding.
//
// It does not use x/tools' buildssa: that depends on ctrlflow, whose facts
// make the standalone driver load and analyse every dependency from source,
// and it builds SSA for every package whether or not it touches etcd.
package etcdssa

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"reflect"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/buildssa"
	"golang.org/x/tools/go/ssa"

	"github.com/etcdlint/etcdlint/internal/etcdapi"
	"github.com/etcdlint/etcdlint/internal/report"
)

// Analyzer builds the SSA of a package that uses etcd. Its result is a
// *Result, nil when the package uses no etcd API.
var Analyzer = &analysis.Analyzer{
	Name:       "etcdssa",
	Doc:        "etcdssa: build SSA for packages that use the etcd client (internal to etcdlint)",
	Run:        run,
	ResultType: reflect.TypeFor[*Result](),
	// Run on packages with errors too, to produce a nil result: otherwise
	// each analyzer would add a "failed prerequisites" line after the
	// load error the driver already printed.
	RunDespiteErrors: true,
}

// Result is the SSA form of one package.
type Result struct {
	Pkg *ssa.Package
	// SrcFuncs are the package's source functions, including function
	// literals, in source order.
	SrcFuncs []*ssa.Function
}

// shared is set by ShareBuildSSA.
var shared bool

// ShareBuildSSA makes Analyzer take each package's SSA from x/tools'
// buildssa instead of building its own, for a driver that runs buildssa
// anyway: gopls does, for nilness and others, so gopls-etcdlint builds a
// package's SSA once instead of twice. The fast path still decides which
// packages are analysed. Call it before any analysis starts.
func ShareBuildSSA() {
	Analyzer.Requires = []*analysis.Analyzer{buildssa.Analyzer}
	shared = true
}

func run(pass *analysis.Pass) (any, error) {
	// SSA needs well-typed code; the driver reports the errors.
	if len(pass.TypeErrors) > 0 || pass.Pkg == nil || pass.TypesInfo == nil {
		return (*Result)(nil), nil
	}
	// Fast path: a package that calls nothing of etcd cannot hold a finding.
	if !usesEtcd(pass) {
		return (*Result)(nil), nil
	}
	// A dependency that does not type-check leaves this package with
	// operands of invalid type and no error of its own (go/types stays
	// quiet about them), and SSA cannot be built from those.
	if err := brokenDependency(pass); err != nil {
		return (*Result)(nil), err
	}
	if shared {
		return fromBuildSSA(pass.ResultOf[buildssa.Analyzer].(*buildssa.SSA)), nil
	}
	prog, pkg, err := build(pass)
	if err != nil {
		return (*Result)(nil), err
	}

	var funcs []*ssa.Function
	var addAnons func(f *ssa.Function)
	addAnons = func(f *ssa.Function) {
		funcs = append(funcs, f)
		for _, anon := range f.AnonFuncs {
			addAnons(anon)
		}
	}
	// Function literals in package-level variable initializers belong to
	// the package initializer.
	if init := pkg.Func("init"); init != nil {
		for _, anon := range init.AnonFuncs {
			addAnons(anon)
		}
	}
	for _, file := range pass.Files {
		for _, decl := range file.Decls {
			decl, ok := decl.(*ast.FuncDecl)
			if !ok {
				continue
			}
			obj, ok := pass.TypesInfo.Defs[decl.Name].(*types.Func)
			if !ok {
				continue
			}
			if f := prog.FuncValue(obj); f != nil {
				addAnons(f)
			}
		}
	}
	return &Result{Pkg: pkg, SrcFuncs: funcs}, nil
}

// fromBuildSSA is buildssa's result with the function literals of
// package-level initializers added, as run lists them.
func fromBuildSSA(s *buildssa.SSA) *Result {
	var funcs []*ssa.Function
	var addAnons func(f *ssa.Function)
	addAnons = func(f *ssa.Function) {
		funcs = append(funcs, f)
		for _, anon := range f.AnonFuncs {
			addAnons(anon)
		}
	}
	if init := s.Pkg.Func("init"); init != nil {
		for _, anon := range init.AnonFuncs {
			addAnons(anon)
		}
	}
	return &Result{Pkg: s.Pkg, SrcFuncs: append(funcs, s.SrcFuncs...)}
}

// build builds the package's SSA. The SSA builder panics on syntax it has
// no type for; brokenDependency rejects the cases known to cause it, and
// the recover turns any other into an error that names the package, so
// one odd package is reported as not analysed instead of ending the run
// (with exit 2 and a goroutine trace) for every package.
func build(pass *analysis.Pass) (prog *ssa.Program, pkg *ssa.Package, err error) {
	defer func() {
		if r := recover(); r != nil {
			prog, pkg = nil, nil
			err = fmt.Errorf("%s not analysed: building its SSA failed: %v", pass.Pkg.Path(), r)
		}
	}()
	// BareInits: the package initializer does not call the imports' own,
	// so only the imports the code refers to need creating (importsUsed).
	prog = ssa.NewProgram(pass.Fset, ssa.InstantiateGenerics|ssa.BareInits)
	for _, p := range importsUsed(pass) {
		prog.CreatePackage(p, nil, nil, true)
	}
	pkg = prog.CreatePackage(pass.Pkg, pass.Files, pass.TypesInfo, false)
	pkg.Build()
	return prog, pkg, nil
}

// brokenDependency returns an error naming the package and the dependency
// that does not type-check when the package refers to an object whose
// type is invalid; the driver has printed that dependency's errors.
func brokenDependency(pass *analysis.Pass) error {
	// The first such use, preferring an object of another package: it
	// names the dependency.
	var first *ast.Ident
	var firstObj types.Object
	rank := func(id *ast.Ident, obj types.Object) (bool, token.Pos) {
		return obj.Pkg() == pass.Pkg, id.Pos()
	}
	for id, obj := range pass.TypesInfo.Uses {
		switch obj.(type) {
		case *types.Var, *types.Func, *types.Const, *types.TypeName:
		default:
			continue // a package name, builtin or nil has no type to speak of
		}
		if !invalid(obj.Type()) {
			continue
		}
		if first == nil {
			first, firstObj = id, obj
			continue
		}
		own, pos := rank(id, obj)
		firstOwn, firstPos := rank(first, firstObj)
		if own != firstOwn && !own || own == firstOwn && pos < firstPos {
			first, firstObj = id, obj
		}
	}
	if first == nil {
		return nil
	}
	dep := "a dependency"
	if p := firstObj.Pkg(); p != nil && p != pass.Pkg {
		dep = "its dependency " + p.Path()
	}
	return fmt.Errorf("%s not analysed: %s does not type-check (%s: %s has an invalid type)",
		pass.Pkg.Path(), dep, report.Where(pass.Fset, first.Pos()), first.Name)
}

// invalid reports whether t is, or is built directly from, the invalid
// type go/types gives what it could not type. Named types are not
// entered: their own declaration is what refers to the invalid type.
func invalid(t types.Type) bool {
	switch t := t.(type) {
	case nil:
		return false
	case *types.Basic:
		return t.Kind() == types.Invalid
	case *types.Named, *types.Alias:
		return invalid(t.Underlying())
	case *types.Pointer:
		return invalid(t.Elem())
	case *types.Slice:
		return invalid(t.Elem())
	case *types.Array:
		return invalid(t.Elem())
	case *types.Map:
		return invalid(t.Key()) || invalid(t.Elem())
	case *types.Chan:
		return invalid(t.Elem())
	case *types.Signature:
		return invalidTuple(t.Params()) || invalidTuple(t.Results())
	}
	return false
}

func invalidTuple(t *types.Tuple) bool {
	for v := range t.Variables() {
		if invalid(v.Type()) {
			return true
		}
	}
	return false
}

// usesEtcd reports whether the package refers to an etcd function or
// method, or to one whose signature mentions an etcd type, or to a
// variable holding a channel the etcd client closes. Every finding
// starts at a call or at a receive from such a channel, so a package that
// only names etcd constants, types or fields (etcd's mvcc uses clientv3.InvalidWatchID) is rejected: on etcd
// v3.7.3 that spares SSA for 7 of 40 packages, a third of the SSA
// instructions (bench/run.sh). A package that neither imports etcd nor
// depends on a package that does is rejected without looking at its
// identifiers.
func usesEtcd(pass *analysis.Pass) bool {
	if !reachesEtcd(pass.Pkg, make(map[*types.Package]bool)) {
		return false
	}
	for _, obj := range pass.TypesInfo.Uses {
		switch obj.(type) {
		case *types.Func:
			if etcdapi.Mentions(obj) {
				return true
			}
		case *types.Var:
			// A loop over a watch channel handed in as a parameter or
			// field calls nothing of etcd, and spins all the same (WL2).
			if etcdapi.ClosingChan(obj.Type()) {
				return true
			}
		}
	}
	return false
}

// importsUsed returns the direct imports whose package-level functions or
// variables the package refers to: the SSA builder looks those up in their
// package, so it must be created. Creating an import makes a function for
// each of its functions and methods, and the driver keeps every SSA
// program until it exits; creating only these cuts the memory that SSA
// keeps by a quarter on etcd v3.7.3 (76 MB to 59 MB). Methods of the other
// imports' types are created on demand, with a nil Pkg, as those of
// indirect imports always are: match callees by fn.Object(), not fn.Pkg.
func importsUsed(pass *analysis.Pass) []*types.Package {
	used := make(map[*types.Package]bool)
	for _, obj := range pass.TypesInfo.Uses {
		switch obj.(type) {
		case *types.Func, *types.Var:
			if p := obj.Pkg(); p != nil && p != pass.Pkg && obj.Parent() == p.Scope() {
				used[p] = true
			}
		}
	}
	var out []*types.Package
	for _, p := range pass.Pkg.Imports() {
		if used[p] {
			out = append(out, p)
		}
	}
	return out
}

func reachesEtcd(pkg *types.Package, seen map[*types.Package]bool) bool {
	if seen[pkg] {
		return false
	}
	seen[pkg] = true
	if etcdapi.IsEtcdPath(pkg.Path()) {
		return true
	}
	for _, imp := range pkg.Imports() {
		if reachesEtcd(imp, seen) {
			return true
		}
	}
	return false
}
