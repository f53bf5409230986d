package watchleak

import "golang.org/x/tools/go/ssa"

// checkWatches reports WL1.
func (c *checker) checkWatches(fns []*ssa.Function) error { return nil }
