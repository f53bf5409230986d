package watchleak

import (
	"errors"
	"fmt"
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ssa"

	"github.com/etcdlint/etcdlint/internal/ctxflow"
	"github.com/etcdlint/etcdlint/internal/etcdapi"
	"github.com/etcdlint/etcdlint/internal/loops"
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
	lp := loops.Through(r.instr.Block(), r.next)
	if lp == nil || !comesBack(r.instr.Block(), r.next) || !lp.Same(r.ch) || lenTested(lp, r.ch) {
		return
	}
	syn := c.recvSyntax(r)
	if syn == nil || syn.okNamed || c.counted(syn.path) || c.closesWithSibling(r, syn) {
		return
	}
	kind, zero, why := chanKind(r.ch.Type())
	ch := "the channel"
	if syn.ch != "" {
		ch = syn.ch
	}
	val := "_"
	if syn.val != "" {
		val = syn.val
	}
	msg := fmt.Sprintf("this receive from %s (%s) has no ok and the loop comes back to it, "+
		"so once the channel closes (%s) "+
		"the receive returns %s without blocking every time round, and the loop handles it again and again: "+
		"it spins (millions of iterations a second) unless something else paces it; "+
		"receive with %s, ok := <-%s and leave the loop when !ok",
		ch, kind, why, zero, val, ch)
	c.diag("WL2", syn.expr.Pos(), syn.expr.End(), msg, c.recvFix(syn))
}

// chanKind names the channel, what a receive from it returns once it is
// closed, and what closes it.
func chanKind(t types.Type) (kind, zero, why string) {
	const watchEnds = "the watch's ctx ends, the client closes or the server cancels the watch"
	switch {
	case etcdapi.IsType(t, etcdapi.Client, "WatchChan"):
		return "a clientv3.WatchChan", "a zero WatchResponse (a nil Header)", watchEnds
	case etcdapi.IsType(t, etcdapi.Endpoints, "WatchChannel"):
		return "an endpoints.WatchChannel", "a nil update list", watchEnds
	}
	elem := t.Underlying().(*types.Chan).Elem()
	switch {
	case etcdapi.IsType(elem, etcdapi.Client, "LeaseKeepAliveResponse"):
		return "a KeepAlive channel", "a nil response", "the keepalive's ctx ends, the lease expires or is revoked, or the client closes"
	case etcdapi.IsType(elem, etcdapi.Client, "WatchResponse"):
		return "a watch channel", "a zero WatchResponse (a nil Header)", watchEnds
	}
	const observeEnds = "the Observe ctx ends or the client closes"
	if _, ptr := elem.(*types.Pointer); ptr {
		return "an Observe channel", "a nil response", observeEnds
	}
	return "an Observe channel", "a zero GetResponse", observeEnds
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

// lenTested reports whether the loop compares len(ch) with 0: a closed
// channel is empty, so a loop that drains what is buffered and leaves
// when nothing is left (for { <-ch; if len(ch) == 0 { break } }) stops.
func lenTested(lp *loops.Loop, ch ssa.Value) bool {
	for b := range lp.Blocks {
		for _, instr := range b.Instrs {
			call, ok := instr.(*ssa.Call)
			if !ok || len(call.Call.Args) != 1 || !sameChan(call.Call.Args[0], ch) {
				continue
			}
			if bi, ok := call.Call.Value.(*ssa.Builtin); !ok || bi.Name() != "len" {
				continue
			}
			for _, ref := range *call.Referrers() {
				if cmp, ok := ref.(*ssa.BinOp); ok && (isZero(cmp.X) || isZero(cmp.Y)) {
					return true
				}
			}
		}
	}
	return false
}

// sameChan reports whether a and b are the same channel value, or loads
// of the same variable.
func sameChan(a, b ssa.Value) bool {
	if a == b {
		return true
	}
	la, ok1 := a.(*ssa.UnOp)
	lb, ok2 := b.(*ssa.UnOp)
	return ok1 && ok2 && la.Op == token.MUL && lb.Op == token.MUL && la.X == lb.X
}

func isZero(v ssa.Value) bool {
	c, ok := v.(*ssa.Const)
	return ok && c.Value != nil && c.Value.String() == "0"
}

// closesWithSibling reports whether the select of r has another case,
// which reads the ok, on a channel that closes whenever r's does: both
// come from the same client, each on that client's Ctx(), so the client
// closing is the only thing that ends either (go-zero's publisher). Once
// both are closed the select takes the sibling within a few iterations.
func (c *checker) closesWithSibling(r recv, syn *recvSyntax) bool {
	sel, ok := r.instr.(*ssa.Select)
	if !ok || syn.clause == nil {
		return false
	}
	cli := clientCtxOrigin(r.ch)
	if cli == nil {
		return false
	}
	for i, st := range sel.States {
		if i == r.state || st.Dir != types.RecvOnly || !etcdapi.ClosingChan(st.Chan.Type()) {
			continue
		}
		if other := clientCtxOrigin(st.Chan); other != nil && other == cli && c.caseReadsOK(st.Pos) {
			return true
		}
	}
	return false
}

// caseReadsOK reports whether the select case whose receive's arrow is at
// pos names an ok.
func (c *checker) caseReadsOK(pos token.Pos) bool {
	syn := c.recvSyntax(recv{pos: pos})
	return syn != nil && syn.okNamed
}

// clientCtxOrigin returns the client whose Watch or KeepAlive, given that
// client's own Ctx(), made ch; nil when ch comes from anything else.
func clientCtxOrigin(ch ssa.Value) ssa.Value {
	v := resolve(ch)
	if ex, ok := v.(*ssa.Extract); ok && ex.Index == 0 {
		v = ex.Tuple
	}
	call, ok := v.(*ssa.Call)
	if !ok {
		return nil
	}
	fn := ownership.Callee(call.Common(), nil)
	if !etcdapi.HasWatchMethod(fn) && !etcdapi.HasLeaseMethod(fn, "KeepAlive") {
		return nil
	}
	cli := clientOf(ownership.Receiver(call.Common()))
	ctx := ctxArg(call.Common())
	if cli == nil || ctx == nil {
		return nil
	}
	cc, ok := resolve(ctx).(*ssa.Call)
	if !ok || !isCtxMethod(ownership.Callee(cc.Common(), nil)) || clientOf(ownership.Receiver(cc.Common())) != cli {
		return nil
	}
	return cli
}

// clientOf is the client a receiver stands for: cli itself, or cli where
// the receiver is the Watcher or Lease embedded in it.
func clientOf(recv ssa.Value) ssa.Value {
	if recv == nil {
		return nil
	}
	v := resolve(recv)
	if ld, ok := v.(*ssa.UnOp); ok && ld.Op == token.MUL {
		if fa, ok := ld.X.(*ssa.FieldAddr); ok && etcdapi.IsType(fa.X.Type(), etcdapi.Client, "Client") {
			v = resolve(fa.X)
		}
	}
	return v
}

// resolve looks through conversions, single-valued phis, variables
// assigned once, and free variables to the value bound where the closure
// is made.
func resolve(v ssa.Value) ssa.Value {
	for range 16 {
		v = ctxflow.Value(v)
		switch x := v.(type) {
		case *ssa.ChangeType:
			v = x.X
			continue
		case *ssa.MakeInterface:
			v = x.X
			continue
		case *ssa.FreeVar:
			if b := boundTo(x); b != nil {
				v = b
				continue
			}
		}
		return v
	}
	return v
}

// boundTo is the value bound to fv where its one closure is made, or nil.
func boundTo(fv *ssa.FreeVar) ssa.Value {
	fn := fv.Parent()
	idx := -1
	for i, f := range fn.FreeVars {
		if f == fv {
			idx = i
		}
	}
	if idx < 0 || fn.Parent() == nil {
		return nil
	}
	var bound ssa.Value
	for _, b := range fn.Parent().Blocks {
		for _, instr := range b.Instrs {
			if mc, ok := instr.(*ssa.MakeClosure); ok && mc.Fn == fn {
				if bound != nil {
					return nil
				}
				bound = mc.Bindings[idx]
			}
		}
	}
	return bound
}

// isCtxMethod reports whether fn is the client's Ctx(), or a method
// with its signature on a project's wrapper of the client.
func isCtxMethod(fn *types.Func) bool {
	if etcdapi.Is(fn, etcdapi.ClientCtx) {
		return true
	}
	if fn == nil || fn.Name() != "Ctx" {
		return false
	}
	sig := fn.Type().(*types.Signature)
	return sig.Recv() != nil && sig.Params().Len() == 0 && sig.Results().Len() == 1 && ctxflow.IsContext(sig.Results().At(0).Type())
}

// counted reports whether every loop around the receive (path is its
// enclosing syntax) ends after a count fixed by the code, not by what the
// channel sends: a range over a slice, array, map, string or integer, or
// for i := ...; i < n; i++ with i advanced by the post statement. On a
// closed channel such a loop reads a few zero values and stops; it does
// not spin.
func (c *checker) counted(path []ast.Node) bool {
	loops := 0
	for _, n := range path {
		switch n := n.(type) {
		case *ast.FuncLit, *ast.FuncDecl:
			return loops > 0
		case *ast.RangeStmt:
			loops++
			t := c.pass.TypesInfo.TypeOf(n.X)
			if t == nil {
				return false
			}
			switch u := t.Underlying().(type) {
			case *types.Slice, *types.Array, *types.Map:
			case *types.Pointer:
				if _, ok := u.Elem().Underlying().(*types.Array); !ok {
					return false
				}
			case *types.Basic:
				if u.Info()&(types.IsString|types.IsInteger) == 0 {
					return false
				}
			default:
				return false
			}
		case *ast.ForStmt:
			loops++
			inc, ok := n.Post.(*ast.IncDecStmt)
			if !ok || n.Cond == nil {
				return false
			}
			id, ok := inc.X.(*ast.Ident)
			if !ok || !mentions(n.Cond, id.Name) {
				return false
			}
		}
	}
	return false
}
