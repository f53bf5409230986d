package unlockpair

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/analysis"

	"github.com/etcdlint/etcdlint/internal/report"
)

// receiverText is the source of the receiver of the method call at pos
// ("m", "c.mu"), or "m".
func receiverText(pass *analysis.Pass, pos token.Pos) string {
	if call, _ := report.CallAt(pass, pos); call != nil {
		if sel, ok := call.Fun.(*ast.SelectorExpr); ok {
			return types.ExprString(sel.X)
		}
	}
	return "m"
}

// assignedName is the variable the call at pos assigns its first result
// to, or def.
func assignedName(pass *analysis.Pass, pos token.Pos, def string) string {
	if _, path := report.CallAt(pass, pos); len(path) > 1 {
		if assign, ok := path[1].(*ast.AssignStmt); ok && len(assign.Lhs) > 0 {
			if id, ok := assign.Lhs[0].(*ast.Ident); ok && id.Name != "_" {
				return id.Name
			}
		}
	}
	return def
}

// deferUnlock suggests `defer m.Unlock(context.Background())` after the
// error check of the Lock at pos, when that is the one right edit: the
// receiver is a plain name or field, the next statement (or the if that
// holds the call) checks the error and leaves, and the call is not in a
// loop, where a defer would wait for the function. The context is a fresh
// one: the Lock's own may be past its deadline by the time Unlock runs
// (ctxtimeout's CT4). No fix is offered where "context" is not in scope
// under its own name: adding an import is a second edit to review.
func deferUnlock(pass *analysis.Pass, pos token.Pos) []analysis.SuggestedFix {
	call, path := report.CallAt(pass, pos)
	if call == nil || len(path) < 4 || report.InLoop(path) {
		return nil
	}
	sel, ok := call.Fun.(*ast.SelectorExpr)
	if !ok || !isName(sel.X) {
		return nil
	}
	check := errorCheck(path)
	if check == nil {
		return nil
	}
	ctx := contextName(pass, check.Pos())
	if ctx == "" {
		return nil
	}
	recv := types.ExprString(sel.X)
	text := fmt.Sprintf("\n%sdefer %s.Unlock(%s.Background())", report.Indent(pass, check.Pos()), recv, ctx)
	return []analysis.SuggestedFix{{
		Message:   fmt.Sprintf("defer %s.Unlock after the error check", recv),
		TextEdits: []analysis.TextEdit{{Pos: check.End(), End: check.End(), NewText: []byte(text)}},
	}}
}

// isName reports whether x is an identifier or a chain of field
// selections, which can be evaluated again at the deferred call.
func isName(x ast.Expr) bool {
	switch x := x.(type) {
	case *ast.Ident:
		return true
	case *ast.SelectorExpr:
		return isName(x.X)
	case *ast.ParenExpr:
		return isName(x.X)
	}
	return false
}

// errorCheck returns the if statement that checks the error of the call
// at path[0] and leaves when it is non-nil:
//
//	if err := m.Lock(ctx); err != nil { return err }
//	err := m.Lock(ctx); if err != nil { return err }
func errorCheck(path []ast.Node) *ast.IfStmt {
	assign, ok := path[1].(*ast.AssignStmt)
	if !ok || len(assign.Lhs) != 1 || len(assign.Rhs) != 1 || assign.Rhs[0] != path[0] {
		return nil
	}
	errID, ok := assign.Lhs[0].(*ast.Ident)
	if !ok || errID.Name == "_" {
		return nil
	}
	return report.ErrorCheck(path[1:], errID.Name, true)
}

// contextName is the name under which package context is in scope at
// pos, or "".
func contextName(pass *analysis.Pass, pos token.Pos) string {
	scope := pass.Pkg.Scope().Innermost(pos)
	if scope == nil {
		return ""
	}
	for _, f := range pass.Files {
		if pos < f.FileStart || pos >= f.FileEnd {
			continue
		}
		for _, imp := range f.Imports {
			if imp.Path.Value != `"context"` {
				continue
			}
			name := "context"
			if imp.Name != nil {
				name = imp.Name.Name
			}
			if _, obj := scope.LookupParent(name, pos); obj != nil {
				if pn, ok := obj.(*types.PkgName); ok && pn.Imported().Path() == "context" {
					return name
				}
			}
		}
	}
	return ""
}
