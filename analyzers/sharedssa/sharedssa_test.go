// Package sharedssa_test runs every analyzer's fixtures with the SSA taken
// from x/tools' buildssa (analyzers.ForGopls), as gopls-etcdlint runs
// them: the findings and fixes in an editor must be the command's. It is
// its own test binary because the switch is process-wide.
package sharedssa_test

import (
	"path/filepath"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"
	"golang.org/x/tools/go/analysis/passes/buildssa"

	"github.com/etcdlint/etcdlint/analyzers"
	"github.com/etcdlint/etcdlint/internal/etcdssa"
)

func TestFixturesOnBuildSSA(t *testing.T) {
	all := analyzers.ForGopls()
	if req := etcdssa.Analyzer.Requires; len(req) != 1 || req[0] != buildssa.Analyzer {
		t.Fatalf("etcdssa requires %v after ForGopls, want buildssa", req)
	}
	testdata, _ := filepath.Abs(filepath.Join("..", "..", "testdata"))
	for _, a := range all {
		t.Run(a.Name, func(t *testing.T) {
			if f := a.Flags.Lookup("max"); f != nil && a.Name == "ctxtimeout" {
				// ctxtimeout/max expects -ctxtimeout.max set, as its own test does.
				f.Value.Set("5s")
				defer f.Value.Set("0")
			}
			analysistest.RunWithSuggestedFixes(t, testdata, a, a.Name+"/...")
			analysistest.Run(t, testdata, a, "regress/...")
		})
	}
}
