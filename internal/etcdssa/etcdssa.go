// Package etcdssa builds SSA once per package, shared by every etcdlint
// analyzer, and only for packages that can hold a finding.
//
// It does not use x/tools' buildssa: that depends on ctrlflow, whose facts
// make the standalone driver load and analyse every dependency from source,
// and it builds SSA for every package whether or not it touches etcd.
package etcdssa

import (
	"go/ast"
	"go/types"
	"reflect"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"

	"github.com/etcdlint/etcdlint/internal/etcdapi"
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

func run(pass *analysis.Pass) (any, error) {
	// SSA needs well-typed code; the driver reports the errors.
	if len(pass.TypeErrors) > 0 || pass.Pkg == nil || pass.TypesInfo == nil {
		return (*Result)(nil), nil
	}
	// Fast path: a package that calls nothing of etcd cannot hold a finding.
	if !usesEtcd(pass) {
		return (*Result)(nil), nil
	}
	// BareInits: the package initializer does not call the imports' own,
	// so only the imports the code refers to need creating (importsUsed).
	prog := ssa.NewProgram(pass.Fset, ssa.InstantiateGenerics|ssa.BareInits)
	for _, p := range importsUsed(pass) {
		prog.CreatePackage(p, nil, nil, true)
	}
	pkg := prog.CreatePackage(pass.Pkg, pass.Files, pass.TypesInfo, false)
	pkg.Build()

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

// usesEtcd reports whether the package refers to an etcd function or
// method, or to one whose signature mentions an etcd type. Every finding
// starts at a call, so a package that only names etcd constants, types or
// fields (etcd's mvcc uses clientv3.InvalidWatchID) is rejected: on etcd
// v3.7.3 that spares SSA for 7 of 40 packages, a third of the SSA
// instructions (bench/run.sh). A package that neither imports etcd nor
// depends on a package that does is rejected without looking at its
// identifiers.
func usesEtcd(pass *analysis.Pass) bool {
	if !reachesEtcd(pass.Pkg, make(map[*types.Package]bool)) {
		return false
	}
	for _, obj := range pass.TypesInfo.Uses {
		if _, ok := obj.(*types.Func); ok && etcdapi.Mentions(obj) {
			return true
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
