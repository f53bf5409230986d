// Package gopls_test builds gopls-etcdlint (build-gopls.sh) and drives it
// over LSP as an editor does: it opens a buffer with a finding of each
// analyzer, applies a quick fix, types a new leak into the unsaved buffer
// and turns an analyzer off in the settings. The build takes a minute or
// two the first time, so it runs only when ETCDLINT_INTEGRATION is set:
//
//	ETCDLINT_INTEGRATION=1 go test ./gopls -count=1 -v
package gopls_test

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/etcdlint/etcdlint/analyzers"
	"github.com/etcdlint/etcdlint/gopls/internal/lsp"
	"github.com/etcdlint/etcdlint/internal/checks"
)

// docsBase is where the rule pages are published; a finding's
// codeDescription is its analyzer's page and the rule ID as the anchor.
const docsBase = "https://github.com/etcdlint/etcdlint/blob/main/docs/"

func TestGoplsEtcdlint(t *testing.T) {
	if os.Getenv("ETCDLINT_INTEGRATION") == "" {
		t.Skip("set ETCDLINT_INTEGRATION=1 to build gopls-etcdlint and drive it over LSP")
	}
	bin := buildGopls(t)

	t.Run("version", func(t *testing.T) {
		out, err := exec.Command(bin, "version").CombinedOutput()
		if err != nil {
			t.Fatalf("gopls version: %v\n%s", err, out)
		}
		if !regexp.MustCompile(`^golang.org/x/tools/gopls v\d+\.\d+\.\d+\+etcdlint\.\S+\n`).Match(out) {
			t.Errorf("gopls version does not say it carries etcdlint:\n%s", out)
		}
	})

	ws, _ := filepath.Abs("testdata")
	path := filepath.Join(ws, "leaks", "leaks.go")
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	marks := findingMarks(t, string(src))

	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	srv, err := lsp.Start(ctx, bin, nil, ws, ws, goplsEnv(t), map[string]any{})
	if err != nil {
		t.Fatal(err)
	}
	defer func() {
		if err := srv.Shutdown(ctx); err != nil {
			t.Errorf("shutdown: %v", err)
		}
	}()
	doc, err := srv.Open(path, string(src))
	if err != nil {
		t.Fatal(err)
	}

	// Every analyzer's finding, on its marked line, with the rule ID as
	// code and a link to the rule's own section of its page.
	diags := waitRules(ctx, t, srv, doc, "SC1", "UP1", "CT1", "LO1", "WL1", "CL1")
	for _, d := range etcdlintOnly(diags) {
		rule := d.Rule()
		if line := d.Range.Start.Line + 1; marks[rule] != line {
			t.Errorf("%s reported on line %d, marked on line %d", rule, line, marks[rule])
		}
		if d.Severity != 2 {
			t.Errorf("%s has severity %d, want 2 (warning)", rule, d.Severity)
		}
		want := docsBase + d.Source + ".md#" + rule
		if d.CodeDescription == nil || d.CodeDescription.Href != want {
			t.Errorf("%s links to %+v, want %s", rule, d.CodeDescription, want)
		}
		page, err := os.ReadFile(filepath.Join("..", "docs", d.Source+".md"))
		if err != nil {
			t.Errorf("%s links to a page this checkout lacks: %v", rule, err)
		} else if !strings.Contains(string(page), fmt.Sprintf(`<a id="%s"></a>`, rule)) {
			t.Errorf("docs/%s.md has no anchor %q for the link", d.Source, rule)
		}
	}
	// The //etcdlint:ignore line (the second NewSession) is silent: had it
	// been reported, waitRules would have seen two SC1.

	t.Run("quick fix", func(t *testing.T) {
		sc1 := find(etcdlintOnly(diags), "SC1")
		actions, err := doc.QuickFixes(ctx, sc1)
		if err != nil {
			t.Fatal(err)
		}
		var fix *lsp.CodeAction
		for i, a := range actions {
			if a.Edit != nil && len(a.Edit.EditsFor(doc.URI)) > 0 && strings.Contains(a.Title, "Close") {
				fix = &actions[i]
			}
		}
		if fix == nil {
			t.Fatalf("no quick fix with an edit for SC1; actions: %+v", actions)
		}
		if err := doc.Apply(fix.Edit.EditsFor(doc.URI)); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(doc.Text, "defer s.Close()") {
			t.Errorf("the fix %q did not add defer s.Close():\n%s", fix.Title, doc.Text)
		}
		waitRules(ctx, t, srv, doc, "UP1", "CT1", "LO1", "WL1", "CL1")
	})

	t.Run("as you type", func(t *testing.T) {
		typed := doc.Text + `
func Typed(cli *clientv3.Client) error {
	s, err := concurrency.NewSession(cli)
	if err != nil {
		return err
	}
	_, err = cli.Put(context.TODO(), "typed", "v", clientv3.WithLease(s.Lease()))
	return err
}
`
		if err := doc.SetText(typed); err != nil {
			t.Fatal(err)
		}
		diags := waitRules(ctx, t, srv, doc, "SC1", "UP1", "CT1", "LO1", "WL1", "CL1")
		wantLine := strings.Count(typed[:strings.Index(typed, "func Typed")], "\n") + 2
		if got := find(etcdlintOnly(diags), "SC1").Range.Start.Line + 1; got != wantLine {
			t.Errorf("the typed leak is reported on line %d, want %d", got, wantLine)
		}
		if saved, _ := os.ReadFile(path); string(saved) != string(src) {
			t.Errorf("the test wrote to %s; it must edit the buffer only", path)
		}
	})

	t.Run("settings turn an analyzer off", func(t *testing.T) {
		if err := srv.SetSettings(map[string]any{"analyses": map[string]any{"ctxtimeout": false}}); err != nil {
			t.Fatal(err)
		}
		// Asked for (pull diagnostics), the file's findings reflect the
		// new settings at once.
		pulled, err := doc.Diagnose(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if got := ruleList(etcdlintOnly(pulled)); !slices.Equal(got, []string{"CL1", "LO1", "SC1", "UP1", "WL1"}) {
			t.Errorf("pulled after ctxtimeout was turned off: %v, want [CL1 LO1 SC1 UP1 WL1]:\n%s", got, lsp.Format(pulled))
		}
		// Pushed, they arrive with the next edit: gopls v0.23.0 publishes
		// nothing for an open file after a configuration change, for its
		// own analyzers too (tried with lostcancel), until it changes.
		if err := doc.SetText(doc.Text + "\n// edited after the settings change\n"); err != nil {
			t.Fatal(err)
		}
		diags := waitRules(ctx, t, srv, doc, "SC1", "UP1", "LO1", "WL1", "CL1")
		// gopls's own analyzers are untouched: lostcancel still reports
		// the discarded cancel that CT1 no longer does.
		if !slices.ContainsFunc(diags, func(d lsp.Diagnostic) bool { return d.Source == "lostcancel" }) {
			t.Errorf("lostcancel's finding is gone too:\n%s", lsp.Format(diags))
		}
	})
}

// waitRules waits until the etcdlint findings published for doc are
// exactly rules (in any order), and returns all its diagnostics.
func waitRules(ctx context.Context, t *testing.T, srv *lsp.Server, doc *lsp.Document, rules ...string) []lsp.Diagnostic {
	t.Helper()
	slices.Sort(rules)
	ctx, cancel := context.WithTimeout(ctx, 2*time.Minute)
	defer cancel()
	diags, err := srv.WaitDiagnostics(ctx, doc.URI, func(diags []lsp.Diagnostic) bool {
		return slices.Equal(ruleList(etcdlintOnly(diags)), rules)
	})
	if err != nil {
		t.Fatalf("want etcdlint findings %v: %v\nserver log:\n%s", rules, err, srv.Stderr())
	}
	return diags
}

func etcdlintOnly(diags []lsp.Diagnostic) []lsp.Diagnostic {
	ours := make(map[string]bool)
	for _, a := range analyzers.All() {
		ours[a.Name] = true
	}
	var out []lsp.Diagnostic
	for _, d := range diags {
		if ours[d.Source] {
			out = append(out, d)
		}
	}
	return out
}

func ruleList(diags []lsp.Diagnostic) []string {
	var rules []string
	for _, d := range diags {
		rules = append(rules, d.Rule())
	}
	slices.Sort(rules)
	return rules
}

func find(diags []lsp.Diagnostic, rule string) lsp.Diagnostic {
	for _, d := range diags {
		if d.Rule() == rule {
			return d
		}
	}
	return lsp.Diagnostic{}
}

// findingMarks maps each rule to the line of its "// finding: RULE" mark.
func findingMarks(t *testing.T, src string) map[string]int {
	t.Helper()
	marks := make(map[string]int)
	mark := regexp.MustCompile(`// finding: ([A-Z]{2}[0-9]+)$`)
	for i, line := range strings.Split(src, "\n") {
		if m := mark.FindStringSubmatch(line); m != nil {
			marks[m[1]] = i + 1
		}
	}
	// One mark per analyzer, so that a new analyzer cannot skip this test.
	marked := make(map[string]bool)
	for rule := range marks {
		r, ok := checks.Lookup(rule)
		if !ok {
			t.Fatalf("mark %s names no rule", rule)
		}
		marked[r.Analyzer] = true
	}
	for _, a := range analyzers.All() {
		if !marked[a.Name] {
			t.Errorf("no finding of %s is marked in the test file", a.Name)
		}
	}
	return marks
}

// goplsEnv keeps gopls's cache and the workspace's module setup apart from
// the user's.
func goplsEnv(t *testing.T) []string {
	return []string{"GOPLSCACHE=" + t.TempDir(), "GOWORK=off"}
}

// buildGopls runs the build script the README gives and returns the
// binary it prints.
func buildGopls(t *testing.T) string {
	t.Helper()
	cmd := exec.Command("bash", "build-gopls.sh")
	cmd.Stderr = os.Stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("build-gopls.sh: %v", err)
	}
	var last string
	for sc := bufio.NewScanner(strings.NewReader(string(out))); sc.Scan(); {
		last = sc.Text()
	}
	if _, err := os.Stat(last); err != nil {
		t.Fatalf("build-gopls.sh printed %q, not a binary: %v", last, err)
	}
	return last
}
