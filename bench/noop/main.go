// Command noop is the floor etcdlint is measured against: the same driver
// (multichecker, same x/tools version) with one analyzer that does nothing.
// What it costs is what loading, parsing and type-checking the packages
// costs; anything etcdlint takes beyond that is its own.
package main

import (
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/multichecker"
)

var analyzer = &analysis.Analyzer{
	Name: "noop",
	Doc:  "noop: report nothing (the benchmark floor)",
	Run:  func(*analysis.Pass) (any, error) { return nil, nil },
}

func main() {
	multichecker.Main(analyzer)
}
