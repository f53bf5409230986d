package suppress_test

import (
	"path/filepath"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/etcdlint/etcdlint/analyzers/sessionclose"
	"github.com/etcdlint/etcdlint/internal/suppress"
)

func TestSuppress(t *testing.T) {
	testdata, _ := filepath.Abs(filepath.Join("..", "..", "testdata"))
	other := &analysis.Analyzer{
		Name: "other",
		Doc:  "other: reports nothing",
		Run:  func(*analysis.Pass) (any, error) { return nil, nil },
	}
	wrapped := suppress.Wrap([]*analysis.Analyzer{sessionclose.Analyzer, other})
	analysistest.Run(t, testdata, wrapped[0], "suppress/...")
}

// The wrapper must leave the analyzer it wraps untouched: the analyzers'
// own tests run them raw.
func TestWrapCopies(t *testing.T) {
	before := *sessionclose.Analyzer
	w := suppress.Wrap([]*analysis.Analyzer{sessionclose.Analyzer})[0]
	if w == sessionclose.Analyzer {
		t.Fatal("Wrap returned the analyzer itself")
	}
	if len(sessionclose.Analyzer.Requires) != len(before.Requires) {
		t.Errorf("Wrap changed the analyzer's Requires")
	}
	if w.Name != before.Name || w.Doc != before.Doc || w.Flags.NFlag() != before.Flags.NFlag() {
		t.Errorf("the copy differs from the analyzer: %+v", w)
	}
}
