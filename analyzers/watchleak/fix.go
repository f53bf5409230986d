package watchleak

import (
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"

	"github.com/etcdlint/etcdlint/internal/ctxflow"
	"github.com/etcdlint/etcdlint/internal/ownership"
	"github.com/etcdlint/etcdlint/internal/report"
)

// recvFix is the WL2 fix: receive the ok and return when it is false. It
// is offered only where that one edit is right: the function returns
// nothing, the loop is its last statement (so returning skips no work
// the loop would have reached by ending), and no ok the edit would
// shadow or rewrite is in sight.
func (c *checker) recvFix(syn *recvSyntax) []analysis.SuggestedFix {
	if !returnsAfterLoop(syn.path) {
		return nil
	}
	ind := report.Indent(c.pass, syn.expr.Pos())
	var edits []analysis.TextEdit
	switch {
	case syn.clause != nil:
		if mentionsOK(syn.clause) {
			return nil
		}
		switch {
		case syn.assign != nil && syn.assign.Tok == token.DEFINE && len(syn.assign.Lhs) == 1:
			edits = append(edits, insert(syn.assign.Lhs[0].End(), ", ok"))
		case syn.assign == nil:
			edits = append(edits, insert(syn.expr.Pos(), "_, ok := "))
		default:
			return nil
		}
		edits = append(edits, insert(c.lineEnd(syn.clause.Colon), "\n"+ind+"\tif !ok {\n"+ind+"\t\treturn\n"+ind+"\t}"))
	case syn.assign != nil:
		block, ok := syn.path[2].(*ast.BlockStmt)
		if !ok || syn.assign.Tok != token.DEFINE || len(syn.assign.Lhs) != 1 || mentionsOK(block) {
			return nil
		}
		edits = append(edits,
			insert(syn.assign.Lhs[0].End(), ", ok"),
			insert(c.lineEnd(syn.assign.End()), "\n"+ind+"if !ok {\n"+ind+"\treturn\n"+ind+"}"))
	default:
		stmt, ok := syn.path[1].(*ast.ExprStmt)
		if !ok {
			return nil
		}
		edits = append(edits,
			analysis.TextEdit{Pos: stmt.Pos(), End: stmt.End(), NewText: []byte("if _, ok := <-" + syn.ch + "; !ok {")},
			insert(c.lineEnd(stmt.End()), "\n"+ind+"\treturn\n"+ind+"}"))
	}
	return []analysis.SuggestedFix{{Message: "receive the ok and return when the channel is closed", TextEdits: edits}}
}

// lineEnd is the end of the line holding pos, after any comment on it:
// a // want or an explanation stays with the code it was written for.
func (c *checker) lineEnd(pos token.Pos) token.Pos {
	f := c.pass.Fset.File(pos)
	if l := f.Line(pos); l < f.LineCount() {
		return f.LineStart(l+1) - 1
	}
	return token.Pos(f.Base() + f.Size())
}

func insert(pos token.Pos, text string) analysis.TextEdit {
	return analysis.TextEdit{Pos: pos, End: pos, NewText: []byte(text)}
}

// returnsAfterLoop reports whether the innermost loop around the receive
// (path is its enclosing syntax) is the last statement of a function that
// returns nothing: a bare return there leaves the loop and nothing else.
func returnsAfterLoop(path []ast.Node) bool {
	var lp ast.Stmt
	for _, n := range path {
		switch n := n.(type) {
		case *ast.ForStmt, *ast.RangeStmt:
			if lp == nil {
				lp = n.(ast.Stmt)
			}
		case *ast.FuncLit:
			return lp != nil && n.Type.Results.NumFields() == 0 && lastStmt(n.Body, lp)
		case *ast.FuncDecl:
			return lp != nil && n.Type.Results.NumFields() == 0 && lastStmt(n.Body, lp)
		}
	}
	return false
}

func lastStmt(body *ast.BlockStmt, s ast.Stmt) bool {
	return body != nil && len(body.List) > 0 && body.List[len(body.List)-1] == s
}

// mentionsOK reports whether n refers to anything called ok.
func mentionsOK(n ast.Node) bool { return mentions(n, "ok") }

// watchFix is the WL1 fix: watch on a context the function cancels when
// it returns. It is offered only where that one edit is right: the watch
// leaks at an exit and is handed on on no path (a deferred cancel would
// end it under whoever took it), it runs once per call (not in a loop),
// and wctx, cancel and the context package's name are free to use.
func (c *checker) watchFix(f ownership.Finding, call *ssa.Call) []analysis.SuggestedFix {
	if f.Kind != ownership.LeaksAtExit || f.Handled {
		return nil
	}
	expr, path := report.CallAt(c.pass, call.Pos())
	if expr == nil {
		return nil
	}
	ctxExpr := ctxArgExpr(c.pass, expr)
	stmt := onceStmt(path)
	if ctxExpr == nil || stmt == nil || report.InLoop(above(path, stmt)) || !importsContext(c.pass, expr.Pos()) {
		return nil
	}
	body := enclosingBody(path)
	if body == nil || c.fixed[body] || mentions(body, "wctx") || mentions(body, "cancel") {
		return nil
	}
	// A second fix in the function would declare wctx and cancel again.
	c.fixed[body] = true
	ind := report.Indent(c.pass, stmt.Pos())
	src := types.ExprString(ctxExpr)
	return []analysis.SuggestedFix{{
		Message: "watch on a context cancelled when the function returns",
		TextEdits: []analysis.TextEdit{
			insert(stmt.Pos(), "wctx, cancel := context.WithCancel("+src+")\n"+ind+"defer cancel()\n"+ind),
			{Pos: ctxExpr.Pos(), End: ctxExpr.End(), NewText: []byte("wctx")},
		},
	}}
}

// above is the part of path that encloses n.
func above(path []ast.Node, n ast.Node) []ast.Node {
	for i, x := range path {
		if x == n {
			return path[i+1:]
		}
	}
	return path
}

// enclosingBody is the body of the innermost function in path.
func enclosingBody(path []ast.Node) *ast.BlockStmt {
	for _, n := range path {
		switch n := n.(type) {
		case *ast.FuncDecl:
			return n.Body
		case *ast.FuncLit:
			return n.Body
		}
	}
	return nil
}

// ctxArgExpr is the syntax of the call's context argument.
func ctxArgExpr(pass *analysis.Pass, call *ast.CallExpr) ast.Expr {
	for _, a := range call.Args {
		if tv, ok := pass.TypesInfo.Types[a]; ok && ctxflow.IsContext(tv.Type) {
			return a
		}
	}
	return nil
}

// onceStmt returns the statement, directly in a block, whose evaluation
// makes the call once (path is the call's enclosing syntax): an
// assignment, a declaration, an expression statement, the range
// expression of a range loop, the init or condition of an if, a return. Anything
// else (a for loop's condition, a function literal) runs it some other
// number of times, or elsewhere.
func onceStmt(path []ast.Node) ast.Stmt {
	for i := 1; i < len(path); i++ {
		switch n := path[i].(type) {
		case *ast.BlockStmt:
			s, _ := path[i-1].(ast.Stmt)
			return s
		case ast.Expr:
			if _, ok := n.(*ast.FuncLit); ok {
				return nil
			}
		case *ast.AssignStmt, *ast.ExprStmt, *ast.ValueSpec, *ast.GenDecl, *ast.DeclStmt, *ast.ReturnStmt:
		case *ast.RangeStmt:
			if path[i-1] != n.X {
				return nil
			}
		case *ast.IfStmt:
			if path[i-1] != n.Init && path[i-1] != n.Cond {
				return nil
			}
		default:
			return nil
		}
	}
	return nil
}

// importsContext reports whether the file holding pos imports the context
// package under its own name.
func importsContext(pass *analysis.Pass, pos token.Pos) bool {
	for _, f := range pass.Files {
		if f.FileStart > pos || pos >= f.FileEnd {
			continue
		}
		for _, imp := range f.Imports {
			if imp.Path.Value == `"context"` && (imp.Name == nil || imp.Name.Name == "context") {
				return true
			}
		}
	}
	return false
}

// mentions reports whether n refers to anything called name.
func mentions(n ast.Node, name string) bool {
	found := false
	ast.Inspect(n, func(x ast.Node) bool {
		if id, ok := x.(*ast.Ident); ok && id.Name == name {
			found = true
		}
		return !found
	})
	return found
}
