package analyzers_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/etcdlint/etcdlint/analyzers"
)

// Every analyzer links to its page under docs/, and its summary reads
// like x/tools' own: lower-case, no trailing period.
func TestAnalyzerDocs(t *testing.T) {
	for _, a := range analyzers.All() {
		if want := docsBase + "docs/" + a.Name + ".md"; a.URL != want {
			t.Errorf("%s: URL %q, want %q", a.Name, a.URL, want)
		}
		if _, err := os.Stat(filepath.Join("..", "docs", a.Name+".md")); err != nil {
			t.Errorf("%s: no page for its URL: %v", a.Name, err)
		}
		// help prints Doc, not URL: the doc names the page itself.
		if !strings.Contains(a.Doc, a.URL) {
			t.Errorf("%s: Doc does not name its page %s", a.Name, a.URL)
		}
		summary, _, _ := strings.Cut(a.Doc, "\n")
		if summary == "" || strings.ToLower(summary[:1]) != summary[:1] || strings.HasSuffix(summary, ".") {
			t.Errorf("%s: summary %q: want a lower-case phrase without a trailing period", a.Name, summary)
		}
		if strings.HasPrefix(summary, a.Name+":") {
			t.Errorf("%s: Doc repeats the name; drivers print it themselves", a.Name)
		}
	}
}

// testdata/src/regress holds correct code that an earlier etcdlint
// reported, or hung on: the reviewers' reproductions and shapes minimised
// from real modules. Every analyzer must stay silent on all of it.
func TestRegressionsStaySilent(t *testing.T) {
	testdata, err := filepath.Abs(filepath.Join("..", "testdata"))
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range analyzers.All() {
		t.Run(a.Name, func(t *testing.T) {
			analysistest.Run(t, testdata, a, "regress/...")
		})
	}
}
