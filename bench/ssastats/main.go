// Command ssastats is etcdlint instrumented for the benchmark: for every
// package it prints one line saying whether the etcdssa fast path rejected
// it, how big its SSA is, and how long etcdssa and the analyzers took.
// bench/run.sh sums the lines; they back the claims that SSA is built once
// per relevant package and that an irrelevant package costs next to nothing.
//
// It runs each analyzer's Run itself, inside one pass, so that it can time
// them without the driver's scheduling noise; diagnostics are counted, not
// printed.
package main

import (
	"fmt"
	"os"
	"sync/atomic"
	"time"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/multichecker"

	"github.com/etcdlint/etcdlint/analyzers"
	"github.com/etcdlint/etcdlint/internal/etcdssa"
)

var stats = &analysis.Analyzer{
	Name: "ssastats",
	Doc:  "ssastats: report per-package cost of etcdlint's SSA fast path and analyzers",
	Run:  run,
}

func main() {
	multichecker.Main(stats)
}

// A line is tab-separated so that awk can sum it:
// ssastats pkg built funcs blocks instrs etcdssa_ns analyzers_ns diagnostics
func run(pass *analysis.Pass) (any, error) {
	memo := make(map[*analysis.Analyzer]any)
	var diags atomic.Int64
	start := time.Now()
	res, err := runOne(pass, etcdssa.Analyzer, memo, &diags)
	if err != nil {
		return nil, err
	}
	ssaTime := time.Since(start)
	start = time.Now()
	for _, a := range analyzers.All() {
		if _, err := runOne(pass, a, memo, &diags); err != nil {
			return nil, err
		}
	}
	anaTime := time.Since(start)

	r := res.(*etcdssa.Result)
	var funcs, blocks, instrs int
	if r != nil {
		funcs = len(r.SrcFuncs)
		for _, fn := range r.SrcFuncs {
			blocks += len(fn.Blocks)
			for _, b := range fn.Blocks {
				instrs += len(b.Instrs)
			}
		}
	}
	fmt.Fprintf(os.Stderr, "ssastats\t%s\t%t\t%d\t%d\t%d\t%d\t%d\t%d\n",
		pass.Pkg.Path(), r != nil, funcs, blocks, instrs, ssaTime.Nanoseconds(), anaTime.Nanoseconds(), diags.Load())
	return nil, nil
}

// runOne runs a and, first, what it requires, each once per package, the
// way the driver would. Analyzers that use facts cannot be run this way;
// etcdlint has none.
func runOne(pass *analysis.Pass, a *analysis.Analyzer, memo map[*analysis.Analyzer]any, diags *atomic.Int64) (any, error) {
	if r, ok := memo[a]; ok {
		return r, nil
	}
	if len(a.FactTypes) > 0 {
		return nil, fmt.Errorf("ssastats: %s uses facts, which ssastats cannot provide", a.Name)
	}
	inputs := make(map[*analysis.Analyzer]any)
	for _, req := range a.Requires {
		r, err := runOne(pass, req, memo, diags)
		if err != nil {
			return nil, err
		}
		inputs[req] = r
	}
	p := *pass
	p.Analyzer = a
	p.ResultOf = inputs
	p.Report = func(analysis.Diagnostic) { diags.Add(1) }
	r, err := a.Run(&p)
	if err != nil {
		return nil, err
	}
	memo[a] = r
	return r, nil
}
