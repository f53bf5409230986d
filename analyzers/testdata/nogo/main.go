// Command nogo is shaped like the main that Bazel's rules_go generates for
// a nogo target whose deps are etcdlint's analyzer packages: each package
// imported for its Analyzer variable, all of them in one list. rules_go
// runs that list with its own driver; x/tools' unitchecker stands in for it
// here, so the build and a vet-protocol run need no Bazel.
// analyzers/nogo_test.go builds and runs it.
package main

import (
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/unitchecker"

	analyzer5 "github.com/etcdlint/etcdlint/analyzers/clientclose"
	analyzer0 "github.com/etcdlint/etcdlint/analyzers/ctxtimeout"
	analyzer1 "github.com/etcdlint/etcdlint/analyzers/leaseorphan"
	analyzer2 "github.com/etcdlint/etcdlint/analyzers/sessionclose"
	analyzer3 "github.com/etcdlint/etcdlint/analyzers/unlockpair"
	analyzer4 "github.com/etcdlint/etcdlint/analyzers/watchleak"
)

var analyzers = []*analysis.Analyzer{
	analyzer0.Analyzer,
	analyzer1.Analyzer,
	analyzer2.Analyzer,
	analyzer3.Analyzer,
	analyzer4.Analyzer,
	analyzer5.Analyzer,
}

func main() { unitchecker.Main(analyzers...) }
