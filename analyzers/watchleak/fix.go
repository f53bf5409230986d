package watchleak

import (
	"go/ast"
	"go/token"

	"golang.org/x/tools/go/analysis"

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
func mentionsOK(n ast.Node) bool {
	found := false
	ast.Inspect(n, func(x ast.Node) bool {
		if id, ok := x.(*ast.Ident); ok && id.Name == "ok" {
			found = true
		}
		return !found
	})
	return found
}
