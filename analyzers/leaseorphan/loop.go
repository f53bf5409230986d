package leaseorphan

import (
	"go/token"

	"golang.org/x/tools/go/ssa"

	"github.com/etcdlint/etcdlint/internal/etcdapi"
	"github.com/etcdlint/etcdlint/internal/loops"
	"github.com/etcdlint/etcdlint/internal/ownership"
)

// grantedIn returns the response of the Grant, in the loop, whose ID id is
// (resp.ID), or nil.
func grantedIn(lp *loops.Loop, id ssa.Value) ssa.Value {
	ld, ok := id.(*ssa.UnOp)
	if !ok || ld.Op != token.MUL {
		return nil
	}
	fa, ok := ld.X.(*ssa.FieldAddr)
	if !ok || fieldName(fa.X.Type(), fa.Field) != "ID" {
		return nil
	}
	ex, ok := fa.X.(*ssa.Extract)
	if !ok || ex.Index != 0 {
		return nil
	}
	call, ok := ex.Tuple.(*ssa.Call)
	if !ok || !lp.Blocks[call.Block()] || !etcdapi.HasLeaseMethod(ownership.Callee(call.Common(), nil), "Grant") {
		return nil
	}
	return ex
}
