package clientv3

import "context"

// Txn is the interface that wraps mini-transactions.
type Txn interface {
	// If takes a list of comparison.
	If(cs ...Cmp) Txn

	// Then takes a list of operations, executed if the comparisons succeed.
	Then(ops ...Op) Txn

	// Else takes a list of operations, executed if the comparisons fail.
	Else(ops ...Op) Txn

	// Commit tries to commit the transaction.
	Commit() (*TxnResponse, error)
}

type txn struct {
	ctx context.Context

	cmps []Cmp
	sus  []Op
	fas  []Op
}

func (txn *txn) If(cs ...Cmp) Txn {
	txn.cmps = append(txn.cmps, cs...)
	return txn
}

func (txn *txn) Then(ops ...Op) Txn {
	txn.sus = append(txn.sus, ops...)
	return txn
}

func (txn *txn) Else(ops ...Op) Txn {
	txn.fas = append(txn.fas, ops...)
	return txn
}

func (txn *txn) Commit() (*TxnResponse, error) { return nil, nil }
