package ctxtimeout

import (
	"go/ast"
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/cfg"
	"golang.org/x/tools/go/ssa"
	"golang.org/x/tools/go/types/typeutil"

	"github.com/etcdlint/etcdlint/internal/ownership"
)

// vetReportsPath reports whether go vet's lostcancel, run on fn, reports
// the cancel func that the context.With* call `call` assigns as "not used
// on all paths". CT1 stays silent on those: golangci-lint runs govet by
// default, and the same finding twice is noise. What lostcancel cannot see
// (a cancel func referred to on every path but called on only some, one
// reached through a same-package helper that returns it, a loop with no
// return) is left to CT1.
//
// The check below is lostcancel's own (x/tools v0.52.0,
// go/analysis/passes/lostcancel): which assignments it tracks, and its
// search of the syntax CFG for a path to a return that never mentions the
// variable. Where this copy's CFG differs from vet's (vet knows more
// functions that never return), it finds more such paths than vet does,
// so the error is towards silence.
func vetReportsPath(pass *analysis.Pass, fn *ssa.Function, call *ast.CallExpr, path []ast.Node) bool {
	if !isContextWithCancel(pass.TypesInfo, call.Fun) || len(path) < 2 {
		return false
	}
	id := cancelIdent(path[1], call)
	if id == nil || id.Name == "_" {
		return false
	}
	var body *ast.BlockStmt
	var ftype *ast.FuncType
	switch syn := fn.Syntax().(type) {
	case *ast.FuncDecl:
		if isMainMain(fn) {
			return false // lostcancel: returning from main.main ends the process
		}
		body, ftype = syn.Body, syn.Type
	case *ast.FuncLit:
		body, ftype = syn.Body, syn.Type
	}
	if body == nil {
		return false
	}
	scope := pass.TypesInfo.Scopes[ftype]
	v := cancelVar(pass.TypesInfo, id, scope)
	if v == nil || lastCancelStmt(pass.TypesInfo, body, v, scope) != path[1] {
		return false
	}
	g := cfg.New(body, func(c *ast.CallExpr) bool { return mayReturn(pass.TypesInfo, c) })
	return lostCancelPath(pass.TypesInfo, g, v, path[1], fn.Signature)
}

// cancelIdent returns the identifier that stmt assigns call's cancel func
// to, in the shapes lostcancel tracks: `ctx, cancel := call` and
// `var ctx, cancel = call`.
func cancelIdent(stmt ast.Node, call *ast.CallExpr) *ast.Ident {
	switch stmt := stmt.(type) {
	case *ast.AssignStmt:
		if len(stmt.Lhs) > 1 && len(stmt.Rhs) == 1 && stmt.Rhs[0] == call {
			id, _ := stmt.Lhs[1].(*ast.Ident)
			return id
		}
	case *ast.ValueSpec:
		if len(stmt.Names) > 1 && len(stmt.Values) == 1 && stmt.Values[0] == call {
			return stmt.Names[1]
		}
	}
	return nil
}

// cancelVar is the variable id denotes, when lostcancel analyses it: one
// declared by the assignment, or assigned there and declared in the same
// function.
func cancelVar(info *types.Info, id *ast.Ident, scope *types.Scope) *types.Var {
	if v, ok := info.Uses[id].(*types.Var); ok {
		if scope != nil && scope.Contains(v.Pos()) {
			return v
		}
		return nil
	}
	v, _ := info.Defs[id].(*types.Var)
	return v
}

// lastCancelStmt is the statement lostcancel checks for v: it records one
// statement per variable, the last With* assignment in the function outside
// nested function literals.
func lastCancelStmt(info *types.Info, body *ast.BlockStmt, v *types.Var, scope *types.Scope) ast.Node {
	var last ast.Node
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.AssignStmt:
			if len(n.Rhs) == 1 {
				if c, ok := n.Rhs[0].(*ast.CallExpr); ok && isContextWithCancel(info, c.Fun) {
					if id := cancelIdent(n, c); id != nil && cancelVar(info, id, scope) == v {
						last = n
					}
				}
			}
		case *ast.ValueSpec:
			if len(n.Values) == 1 {
				if c, ok := n.Values[0].(*ast.CallExpr); ok && isContextWithCancel(info, c.Fun) {
					if id := cancelIdent(n, c); id != nil && cancelVar(info, id, scope) == v {
						last = n
					}
				}
			}
		}
		return true
	})
	return last
}

// isContextWithCancel reports whether fun is written context.WithX for one
// of the context functions returning a cancel func: lostcancel matches
// the selector syntax, so a dot-import or a wrapper escapes it.
func isContextWithCancel(info *types.Info, fun ast.Expr) bool {
	sel, ok := fun.(*ast.SelectorExpr)
	if !ok {
		return false
	}
	switch sel.Sel.Name {
	case "WithCancel", "WithCancelCause", "WithTimeout", "WithTimeoutCause", "WithDeadline", "WithDeadlineCause":
	default:
		return false
	}
	x, ok := sel.X.(*ast.Ident)
	if !ok {
		return false
	}
	if pkg, ok := info.Uses[x].(*types.PkgName); ok {
		return pkg.Imported().Path() == "context"
	}
	return x.Name == "context"
}

var panicBuiltin = types.Universe.Lookup("panic")

func mayReturn(info *types.Info, call *ast.CallExpr) bool {
	if id, ok := call.Fun.(*ast.Ident); ok && info.Uses[id] == panicBuiltin {
		return false
	}
	fn := typeutil.StaticCallee(info, call)
	return fn == nil || !ownership.IsNoReturn(fn)
}

// lostCancelPath reports whether some path of g from stmt, which assigns
// v, reaches a return without mentioning v. Any mention counts, as in
// lostcancel: passing v on, storing it, naming it in a closure.
func lostCancelPath(info *types.Info, g *cfg.CFG, v *types.Var, stmt ast.Node, sig *types.Signature) bool {
	namedResult := false
	for r := range sig.Results().Variables() {
		if r == v {
			namedResult = true
		}
	}
	uses := func(nodes []ast.Node) bool {
		found := false
		for _, n := range nodes {
			ast.Inspect(n, func(n ast.Node) bool {
				switch n := n.(type) {
				case *ast.Ident:
					if info.Uses[n] == v {
						found = true
					}
				case *ast.ReturnStmt:
					if n.Results == nil && namedResult {
						found = true
					}
				}
				return !found
			})
		}
		return found
	}
	var def *cfg.Block
	var rest []ast.Node
outer:
	for _, b := range g.Blocks {
		for i, n := range b.Nodes {
			if n == stmt {
				def, rest = b, b.Nodes[i+1:]
				break outer
			}
		}
	}
	if def == nil || uses(rest) {
		return false
	}
	if def.Return() != nil {
		return true
	}
	seen := make(map[*cfg.Block]bool)
	var search func([]*cfg.Block) bool
	search = func(blocks []*cfg.Block) bool {
		for _, b := range blocks {
			if seen[b] {
				continue
			}
			seen[b] = true
			if uses(b.Nodes) {
				continue
			}
			if b.Return() != nil || search(b.Succs) {
				return true
			}
		}
		return false
	}
	return search(def.Succs)
}
