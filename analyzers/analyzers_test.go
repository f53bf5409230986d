package analyzers_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/etcdlint/etcdlint/analyzers"
)

// Every analyzer links to its section of the README, and its summary reads
// like x/tools' own: lower-case, no trailing period.
func TestAnalyzerDocs(t *testing.T) {
	readme, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range analyzers.All() {
		if want := "https://github.com/etcdlint/etcdlint#" + a.Name; a.URL != want {
			t.Errorf("%s: URL %q, want %q", a.Name, a.URL, want)
		}
		if !strings.Contains(string(readme), "\n## "+a.Name+"\n") {
			t.Errorf("%s: README.md has no section %q for its URL", a.Name, "## "+a.Name)
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
