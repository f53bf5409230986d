package watchleak

import (
	"errors"
	"fmt"
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ssa"

	"github.com/etcdlint/etcdlint/internal/etcdapi"
	"github.com/etcdlint/etcdlint/internal/ownership"
	"github.com/etcdlint/etcdlint/internal/report"
)

// A recv is one single-value receive from a channel the client closes.
type recv struct {
	instr ssa.Instruction // the *ssa.UnOp, or the *ssa.Select
	state int             // the select state, or -1
	ch    ssa.Value
	val   ssa.Value // the received value, nil when nothing uses it
	pos   token.Pos // the arrow
	// next are where the path goes on after the receive.
	next []*ssa.BasicBlock
}

// checkReceives reports WL2: receives without ok from a closing etcd
// channel in a loop that comes back to them.
func (c *checker) checkReceives(fns []*ssa.Function) error {
	var errs []error
	for _, fn := range fns {
		errs = append(errs, ownership.Guard(fn, func() {
			for _, r := range receives(fn) {
				c.checkReceive(r)
			}
		}))
	}
	return errors.Join(errs...)
}

// receives lists fn's receives without ok from closing etcd channels.
func receives(fn *ssa.Function) []recv {
	var out []recv
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			switch instr := instr.(type) {
			case *ssa.UnOp:
				if instr.Op != token.ARROW || !etcdapi.ClosingChan(instr.X.Type()) {
					continue
				}
				r := recv{instr: instr, state: -1, ch: instr.X, val: instr, pos: instr.Pos(), next: b.Succs}
				if instr.CommaOk {
					if okUsed(instr) {
						continue
					}
					r.val = extract(instr, 0)
				}
				out = append(out, r)
			case *ssa.Select:
				n := 0 // receiving states so far: the tuple holds their values
				for i, st := range instr.States {
					if st.Dir != types.RecvOnly {
						continue
					}
					n++
					if !etcdapi.ClosingChan(st.Chan.Type()) {
						continue
					}
					body := caseBlock(instr, i)
					if body == nil {
						continue
					}
					out = append(out, recv{instr: instr, state: i, ch: st.Chan, val: extract(instr, 1+n), pos: st.Pos, next: []*ssa.BasicBlock{body}})
				}
			}
		}
	}
	return out
}

// okUsed reports whether the ok of a comma-ok receive is read.
func okUsed(v ssa.Value) bool {
	ok := extract(v, 1)
	if ok == nil {
		return false
	}
	for _, r := range *ok.Referrers() {
		if _, debug := r.(*ssa.DebugRef); !debug {
			return true
		}
	}
	return false
}

func extract(tuple ssa.Value, i int) ssa.Value {
	for _, r := range *tuple.Referrers() {
		if ex, ok := r.(*ssa.Extract); ok && ex.Index == i {
			return ex
		}
	}
	return nil
}

// caseBlock returns the first block of the select's case i: the SSA
// builder tests the chosen index against each case in turn.
func caseBlock(sel *ssa.Select, i int) *ssa.BasicBlock {
	idx := extract(sel, 0)
	b := sel.Block()
	for range len(sel.States) + 1 {
		ifInstr, ok := b.Instrs[len(b.Instrs)-1].(*ssa.If)
		if !ok {
			return nil
		}
		cmp, ok := ifInstr.Cond.(*ssa.BinOp)
		if !ok || cmp.Op != token.EQL || cmp.X != idx {
			return nil
		}
		k, ok := cmp.Y.(*ssa.Const)
		if !ok || k.Value == nil {
			return nil
		}
		if int(k.Int64()) == i {
			return b.Succs[0]
		}
		b = b.Succs[1]
	}
	return nil
}

// checkReceive reports r when the loop comes back to it on the same
// channel and nothing tests the received value for nil.
func (c *checker) checkReceive(r recv) {
	if r.val != nil && nilTested(r.val) {
		return
	}
	lp := loopFrom(r.instr.Block(), r.next)
	if lp == nil || !lp.same(r.ch, make(map[ssa.Value]bool)) {
		return
	}
	syn := c.recvSyntax(r)
	if syn == nil || syn.okNamed {
		return
	}
	kind, zero := chanKind(r.ch.Type())
	ch := "the channel"
	if syn.ch != "" {
		ch = syn.ch
	}
	val := "wresp"
	if syn.val != "" && syn.val != "_" {
		val = syn.val
	}
	msg := fmt.Sprintf("this receive from %s (%s) has no ok and the loop comes back to it, "+
		"so once the channel closes (its watch's ctx ends, the client closes or the server cancels it) "+
		"the receive returns %s without blocking and the loop spins (millions of iterations a second); "+
		"receive with %s, ok := <-%s and leave the loop when !ok",
		ch, kind, zero, val, ch)
	c.diag("WL2", syn.expr.Pos(), syn.expr.End(), msg, c.recvFix(syn))
}

// chanKind names the channel, and what a receive from it returns once it
// is closed.
func chanKind(t types.Type) (kind, zero string) {
	switch {
	case etcdapi.IsType(t, etcdapi.Client, "WatchChan"):
		return "a clientv3.WatchChan", "a zero WatchResponse (a nil Header)"
	case etcdapi.IsType(t, etcdapi.Endpoints, "WatchChannel"):
		return "an endpoints.WatchChannel", "a nil update list"
	}
	elem := t.Underlying().(*types.Chan).Elem()
	switch {
	case etcdapi.IsType(elem, etcdapi.Client, "LeaseKeepAliveResponse"):
		return "a KeepAlive channel", "a nil response"
	case etcdapi.IsType(elem, etcdapi.Client, "WatchResponse"):
		return "a watch channel", "a zero WatchResponse (a nil Header)"
	}
	if _, ptr := elem.(*types.Pointer); ptr {
		return "an Observe channel", "a nil response"
	}
	return "an Observe channel", "a zero GetResponse"
}

// nilTested reports whether the received value, or a pointer read from
// it (wresp.Header), is compared with nil: a closed channel yields nil
// there, and etcd never sends it, so the test tells the close.
func nilTested(v ssa.Value) bool {
	seen := make(map[ssa.Value]bool)
	work := []ssa.Value{v}
	for len(work) > 0 {
		x := work[len(work)-1]
		work = work[:len(work)-1]
		if seen[x] || x.Referrers() == nil {
			continue
		}
		seen[x] = true
		for _, r := range *x.Referrers() {
			switch r := r.(type) {
			case *ssa.BinOp:
				if (r.Op == token.EQL || r.Op == token.NEQ) && (isNil(r.X) || isNil(r.Y)) {
					return true
				}
			case *ssa.Field, *ssa.FieldAddr, *ssa.Phi, *ssa.ChangeType:
				work = append(work, r.(ssa.Value))
			case *ssa.UnOp:
				if r.Op == token.MUL {
					work = append(work, r)
				}
			case *ssa.Store:
				// wresp kept in a variable (its address taken for
				// wresp.Err()): what is loaded from it is the value.
				if r.Val == x {
					work = append(work, r.Addr)
				}
			}
		}
	}
	return false
}

func isNil(v ssa.Value) bool {
	c, ok := v.(*ssa.Const)
	return ok && c.IsNil()
}

// recvSyntax is the source of one receive.
type recvSyntax struct {
	expr    *ast.UnaryExpr
	ch, val string // the channel and the received variable, as written
	okNamed bool   // the receive names an ok (not _)
	// Where a fix can go: the statement or the select case.
	assign *ast.AssignStmt // val := <-ch, or nil
	clause *ast.CommClause // the select case, or nil
	path   []ast.Node
}

// recvSyntax finds the receive expression at r's arrow and what encloses
// it; nil when the syntax is not a receive (code SSA synthesised).
func (c *checker) recvSyntax(r recv) *recvSyntax {
	path := report.Path(c.pass, r.pos)
	var syn recvSyntax
	for i, n := range path {
		if u, ok := n.(*ast.UnaryExpr); ok && u.Op == token.ARROW && u.OpPos == r.pos {
			syn.expr, syn.path = u, path[i:]
			break
		}
	}
	if syn.expr == nil {
		return nil
	}
	syn.ch = types.ExprString(syn.expr.X)
	if len(syn.path) < 2 {
		return &syn
	}
	parent := syn.path[1]
	if as, ok := parent.(*ast.AssignStmt); ok && len(as.Rhs) == 1 && as.Rhs[0] == syn.expr {
		syn.assign = as
		syn.val = types.ExprString(as.Lhs[0])
		if len(as.Lhs) == 2 {
			if id, ok := as.Lhs[1].(*ast.Ident); !ok || id.Name != "_" {
				syn.okNamed = true
			}
		}
		parent = nil
		if len(syn.path) > 2 {
			parent = syn.path[2]
		}
	} else if es, ok := parent.(*ast.ExprStmt); ok && es.X == syn.expr && len(syn.path) > 2 {
		parent = syn.path[2]
	}
	if cc, ok := parent.(*ast.CommClause); ok {
		syn.clause = cc
	}
	return &syn
}
