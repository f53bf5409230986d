package unlockpair

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"

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
	ins, ok := insertDefer(pass, pos)
	if !ok {
		return nil
	}
	return []analysis.SuggestedFix{{
		Message:   fmt.Sprintf("defer %s.Unlock after the error check", ins.recv),
		TextEdits: []analysis.TextEdit{ins.edit},
	}}
}

// A deferral is the edit that defers the Unlock after the error check.
type deferral struct {
	recv  string
	check *ast.IfStmt
	edit  analysis.TextEdit
}

func insertDefer(pass *analysis.Pass, pos token.Pos) (deferral, bool) {
	call, path := report.CallAt(pass, pos)
	if call == nil || len(path) < 4 || report.InLoop(path) {
		return deferral{}, false
	}
	sel, ok := call.Fun.(*ast.SelectorExpr)
	if !ok || !isName(sel.X) {
		return deferral{}, false
	}
	check := errorCheck(path)
	if check == nil {
		return deferral{}, false
	}
	ctx := contextName(pass, check.Pos())
	if ctx == "" {
		return deferral{}, false
	}
	recv := types.ExprString(sel.X)
	text := fmt.Sprintf("\n%sdefer %s.Unlock(%s.Background())", report.Indent(pass, check.Pos()), recv, ctx)
	return deferral{recv, check, analysis.TextEdit{Pos: check.End(), End: check.End(), NewText: []byte(text)}}, true
}

// moveUnlock suggests the README's fix of its typical bug, an error return
// between Lock and the function's final Unlock: defer the Unlock after
// the error check and drop the final one. It is offered only where that
// is provably the same on every path that reached the final Unlock: the
// one unlock (the only release or hand-off, given as unlock) is the last
// statement of the function, `return m.Unlock(ctx)` (which becomes
// `return nil`) or `m.Unlock(ctx)` alone on its line; the error check is
// a statement of the same body, so every path to the end ran with the
// lock held; and no defer registered after the lock nor a goto changes
// the order in which things run.
func moveUnlock(pass *analysis.Pass, pos token.Pos, unlock ssa.Instruction) []analysis.SuggestedFix {
	ins, ok := insertDefer(pass, pos)
	if !ok {
		return nil
	}
	call, path := report.CallAt(pass, unlock.Pos())
	if _, isCall := unlock.(*ssa.Call); !isCall || call == nil || len(path) < 4 {
		return nil
	}
	if sel, ok := call.Fun.(*ast.SelectorExpr); !ok || sel.Sel.Name != "Unlock" || types.ExprString(sel.X) != ins.recv {
		return nil
	}
	body, ok := path[2].(*ast.BlockStmt)
	if !ok || !isFuncBody(body, path[3]) || body.List[len(body.List)-1] != path[1] ||
		!slices.Contains(body.List, ast.Stmt(ins.check)) || reorders(body, ins.check.End()) {
		return nil
	}
	var drop analysis.TextEdit
	switch stmt := path[1].(type) {
	case *ast.ReturnStmt:
		if len(stmt.Results) != 1 || stmt.Results[0] != call {
			return nil
		}
		drop = analysis.TextEdit{Pos: call.Pos(), End: call.End(), NewText: []byte("nil")}
	case *ast.ExprStmt:
		if drop, ok = deleteLine(pass, stmt); !ok {
			return nil
		}
	default:
		return nil
	}
	return []analysis.SuggestedFix{{
		Message:   fmt.Sprintf("defer %s.Unlock after the error check, in place of the final one", ins.recv),
		TextEdits: []analysis.TextEdit{ins.edit, drop},
	}}
}

func isFuncBody(body *ast.BlockStmt, fn ast.Node) bool {
	switch fn := fn.(type) {
	case *ast.FuncDecl:
		return fn.Body == body
	case *ast.FuncLit:
		return fn.Body == body
	}
	return false
}

// reorders reports whether body, past after, registers a defer (which
// would then run before the Unlock, not after it) or has a goto (which
// could reach the end without passing the error check).
func reorders(body *ast.BlockStmt, after token.Pos) bool {
	found := false
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.DeferStmt:
			found = found || n.Pos() >= after
		case *ast.BranchStmt:
			found = found || n.Tok == token.GOTO
		}
		return !found
	})
	return found
}

// deleteLine is the edit that deletes stmt and its line, when nothing
// else (not even a comment) shares the line.
func deleteLine(pass *analysis.Pass, stmt ast.Stmt) (analysis.TextEdit, bool) {
	file := pass.Fset.File(stmt.Pos())
	if file == nil {
		return analysis.TextEdit{}, false
	}
	src, err := pass.ReadFile(file.Name())
	if err != nil {
		return analysis.TextEdit{}, false
	}
	start := file.Offset(file.LineStart(file.Line(stmt.Pos())))
	end := file.Offset(stmt.End())
	if strings.TrimSpace(string(src[start:file.Offset(stmt.Pos())])) != "" {
		return analysis.TextEdit{}, false
	}
	nl := strings.IndexByte(string(src[end:]), '\n')
	if nl < 0 || strings.TrimSpace(string(src[end:end+nl])) != "" {
		return analysis.TextEdit{}, false
	}
	return analysis.TextEdit{Pos: file.Pos(start), End: file.Pos(end + nl + 1)}, true
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
