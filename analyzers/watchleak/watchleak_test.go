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
