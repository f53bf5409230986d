// Package report holds what the analyzers share when they turn an engine
// finding into a diagnostic: where things are, in words a user can follow,
// and the syntax around an SSA instruction for suggested fixes.
package report

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"path/filepath"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/astutil"
)

// Where formats pos as "file.go:42", short enough for a message.
func Where(fset *token.FileSet, pos token.Pos) string {
	p := fset.Position(pos)
	return fmt.Sprintf("%s:%d", filepath.Base(p.Filename), p.Line)
}

// Path returns the syntax enclosing pos, innermost first, or nil.
func Path(pass *analysis.Pass, pos token.Pos) []ast.Node {
	for _, f := range pass.Files {
		if f.FileStart <= pos && pos < f.FileEnd {
			path, _ := astutil.PathEnclosingInterval(f, pos, pos)
			return path
		}
	}
	return nil
}

// CallAt returns the call expression whose '(' or start is at pos (SSA call
// instructions are positioned at the '('), with its enclosing path.
func CallAt(pass *analysis.Pass, pos token.Pos) (*ast.CallExpr, []ast.Node) {
	path := Path(pass, pos)
	for i, n := range path {
		if call, ok := n.(*ast.CallExpr); ok && (call.Lparen == pos || call.Pos() == pos) {
			return call, path[i:]
		}
	}
	return nil, nil
}

// Range is the extent of a call found at pos, or just pos.
func Range(pass *analysis.Pass, pos token.Pos) analysis.Range {
	if call, _ := CallAt(pass, pos); call != nil {
		return call
	}
	return posRange(pos)
}

type posRange token.Pos

func (p posRange) Pos() token.Pos { return token.Pos(p) }
func (p posRange) End() token.Pos { return token.Pos(p) }

// InLoop reports whether the innermost function in path runs the node in
// a for or range loop.
func InLoop(path []ast.Node) bool {
	for _, n := range path {
		switch n.(type) {
		case *ast.ForStmt, *ast.RangeStmt:
			return true
		case *ast.FuncLit, *ast.FuncDecl:
			return false
		}
	}
	return false
}

// Indent returns the indentation of the line holding pos.
func Indent(pass *analysis.Pass, pos token.Pos) string {
	file := pass.Fset.File(pos)
	if file == nil {
		return "\t"
	}
	src, err := pass.ReadFile(file.Name())
	if err != nil {
		return "\t"
	}
	start := file.Offset(file.LineStart(file.Line(pos)))
	end := start
	for end < len(src) && (src[end] == ' ' || src[end] == '\t') {
		end++
	}
	return string(src[start:end])
}

// Terminates reports whether a block ends by leaving the function or the
// loop (return, panic, continue, break, goto, or a log.Fatal-like call):
// the error check after an acquire, when the body is the failure branch.
func Terminates(body *ast.BlockStmt) bool {
	if body == nil || len(body.List) == 0 {
		return false
	}
	switch s := body.List[len(body.List)-1].(type) {
	case *ast.ReturnStmt, *ast.BranchStmt:
		return true
	case *ast.ExprStmt:
		call, ok := s.X.(*ast.CallExpr)
		if !ok {
			return false
		}
		name := ""
		switch fn := call.Fun.(type) {
		case *ast.SelectorExpr:
			name = fn.Sel.Name
		case *ast.Ident:
			name = fn.Name
		}
		return name == "panic" || name == "Exit" || strings.HasPrefix(name, "Fatal") || name == "FailNow" || strings.HasPrefix(name, "Panic")
	}
	return false
}

// ErrorCheck returns the if statement that checks errName right after
// assign and leaves when it is non-nil: the next statement of the block
//
//	err := m.Lock(ctx); if err != nil { return err }
//
// or, with inInit, the if whose init assign is
//
//	if err := m.Lock(ctx); err != nil { return err }
//
// and in both cases the if is a statement of a block, so code can be
// inserted after it. path is the syntax enclosing assign, assign first.
func ErrorCheck(path []ast.Node, errName string, inInit bool) *ast.IfStmt {
	if len(path) < 3 {
		return nil
	}
	assign, ok := path[0].(*ast.AssignStmt)
	if !ok {
		return nil
	}
	var ifStmt *ast.IfStmt
	switch parent := path[1].(type) {
	case *ast.IfStmt:
		if _, inBlock := path[2].(*ast.BlockStmt); inInit && inBlock && parent.Init == assign {
			ifStmt = parent
		}
	case *ast.BlockStmt:
		ifStmt, _ = nextStmt(parent, assign).(*ast.IfStmt)
	}
	if ifStmt == nil || ifStmt.Else != nil || !checksNonNil(ifStmt.Cond, errName) || !Terminates(ifStmt.Body) {
		return nil
	}
	return ifStmt
}

func nextStmt(block *ast.BlockStmt, s ast.Stmt) ast.Stmt {
	for i, x := range block.List {
		if x == s && i+1 < len(block.List) {
			return block.List[i+1]
		}
	}
	return nil
}

// checksNonNil reports whether cond is `name != nil`.
func checksNonNil(cond ast.Expr, name string) bool {
	bin, ok := cond.(*ast.BinaryExpr)
	if !ok || bin.Op != token.NEQ {
		return false
	}
	id, ok := bin.X.(*ast.Ident)
	nilID, ok2 := bin.Y.(*ast.Ident)
	return ok && ok2 && id.Name == name && nilID.Name == "nil"
}

// BoundedLoop returns the innermost loop around pos in its function, and
// whether that loop ends by itself: a range over a slice, array, map,
// string or integer, or a for with a condition. A range over a channel or
// an iterator, and a for without a condition, run for as long as their
// producer or their body decides.
func BoundedLoop(pass *analysis.Pass, pos token.Pos) (ast.Node, bool) {
	for _, n := range Path(pass, pos) {
		switch n := n.(type) {
		case *ast.FuncLit, *ast.FuncDecl:
			return nil, false
		case *ast.ForStmt:
			return n, n.Cond != nil
		case *ast.RangeStmt:
			t := pass.TypesInfo.TypeOf(n.X)
			if t == nil {
				return n, false
			}
			if p, ok := t.Underlying().(*types.Pointer); ok {
				t = p.Elem()
			}
			switch u := t.Underlying().(type) {
			case *types.Slice, *types.Array, *types.Map:
				return n, true
			case *types.Basic:
				return n, u.Info()&(types.IsString|types.IsInteger) != 0
			}
			return n, false
		}
	}
	return nil, false
}
