package report

import (
	"fmt"
	"go/ast"
	"go/token"

	"golang.org/x/tools/go/analysis"
)

// AssignedName is the variable the call at pos is assigned to (the first
// of its left-hand side), or fallback.
func AssignedName(pass *analysis.Pass, pos token.Pos, fallback string) string {
	if _, path := CallAt(pass, pos); len(path) > 1 {
		if assign, ok := path[1].(*ast.AssignStmt); ok && len(assign.Lhs) > 0 {
			if id, ok := assign.Lhs[0].(*ast.Ident); ok && id.Name != "_" {
				return id.Name
			}
		}
	}
	return fallback
}

// DeferClose suggests `defer x.Close()` after the error check that follows
// `x, err := f(...)` at pos, when that is the one right edit: the result
// has a name, its error is checked by the very next statement, and the
// call is not in a loop (where a defer would wait for the function).
// Sessions (SC1) and clients (CL1) share it.
func DeferClose(pass *analysis.Pass, pos token.Pos) []analysis.SuggestedFix {
	call, path := CallAt(pass, pos)
	if call == nil || len(path) < 3 || InLoop(path) {
		return nil
	}
	assign, ok := path[1].(*ast.AssignStmt)
	if !ok || len(assign.Lhs) != 2 || len(assign.Rhs) != 1 {
		return nil
	}
	res, ok1 := assign.Lhs[0].(*ast.Ident)
	errID, ok2 := assign.Lhs[1].(*ast.Ident)
	if !ok1 || !ok2 || res.Name == "_" || errID.Name == "_" {
		return nil
	}
	// Not the if's own init: the result would be out of scope after it.
	ifStmt := ErrorCheck(path[1:], errID.Name, false)
	if ifStmt == nil {
		return nil
	}
	indent := Indent(pass, ifStmt.Pos())
	text := fmt.Sprintf("\n%sdefer %s.Close()", indent, res.Name)
	return []analysis.SuggestedFix{{
		Message:   fmt.Sprintf("defer %s.Close() after the error check", res.Name),
		TextEdits: []analysis.TextEdit{{Pos: ifStmt.End(), End: ifStmt.End(), NewText: []byte(text)}},
	}}
}
