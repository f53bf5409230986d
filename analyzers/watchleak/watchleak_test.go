package watchleak_test

import (
	"path/filepath"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/etcdlint/etcdlint/analyzers/watchleak"
	"github.com/etcdlint/etcdlint/internal/suppress"
)

func TestWatchLeak(t *testing.T) {
	testdata, _ := filepath.Abs(filepath.Join("..", "..", "testdata"))
	analysistest.RunWithSuggestedFixes(t, testdata, watchleak.Analyzer, "watchleak/...")
}

// //etcdlint:ignore silences watchleak's findings by rule ID.
func TestSuppressByRule(t *testing.T) {
	testdata, _ := filepath.Abs(filepath.Join("..", "..", "testdata"))
	wrapped := suppress.Wrap([]*analysis.Analyzer{watchleak.Analyzer})[0]
	analysistest.Run(t, testdata, wrapped, "watchleaksuppress/...")
}

// -watchleak.tests reports WL1 in _test.go files too; by default
// (watchleak/testfile) they are silent.
func TestTestsFlag(t *testing.T) {
	testdata, _ := filepath.Abs(filepath.Join("..", "..", "testdata"))
	a := watchleak.Analyzer
	if err := a.Flags.Set("tests", "true"); err != nil {
		t.Fatal(err)
	}
	defer a.Flags.Set("tests", "false")
	analysistest.Run(t, testdata, a, "watchleaktests/...")
}
