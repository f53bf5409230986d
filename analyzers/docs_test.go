package analyzers_test

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/etcdlint/etcdlint/analyzers"
	"github.com/etcdlint/etcdlint/analyzers/clientclose"
	"github.com/etcdlint/etcdlint/analyzers/ctxtimeout"
	"github.com/etcdlint/etcdlint/analyzers/leaseorphan"
	"github.com/etcdlint/etcdlint/analyzers/sessionclose"
	"github.com/etcdlint/etcdlint/analyzers/unlockpair"
	"github.com/etcdlint/etcdlint/analyzers/watchleak"
)

// docsBase is where the docs pages are published; an analyzer's URL is
// its page, and a diagnostic's URL is that page plus "#" and its rule ID
// (the driver resolves the Category against the Analyzer's URL).
const docsBase = "https://github.com/etcdlint/etcdlint/blob/main/"

// ruleID is the shape of a rule ID: two capitals and a number.
var ruleID = regexp.MustCompile(`^[A-Z]{2}[0-9]+$`)

// ruleIDs returns the rule IDs an analyzer's source spells, read from the
// string literals of its non-test files, so a new rule cannot be added
// without its anchor.
func ruleIDs(t *testing.T, name string) []string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(name, "*.go"))
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	fset := token.NewFileSet()
	for _, file := range files {
		if strings.HasSuffix(file, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, file, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(f, func(n ast.Node) bool {
			if lit, ok := n.(*ast.BasicLit); ok && lit.Kind == token.STRING {
				if s, err := strconv.Unquote(lit.Value); err == nil && ruleID.MatchString(s) && !slices.Contains(ids, s) {
					ids = append(ids, s)
				}
			}
			return true
		})
	}
	slices.Sort(ids)
	return ids
}

// resolveURL is the driver's resolution of a diagnostic's URL
// (x/tools internal/analysis/driverutil.ResolveURL): the diagnostic's URL,
// or "#" and its Category, resolved against the Analyzer's URL.
func resolveURL(a *analysis.Analyzer, d analysis.Diagnostic) (string, error) {
	raw := d.URL
	if raw == "" && d.Category != "" {
		raw = "#" + d.Category
	}
	u, err := url.Parse(raw)
	if err != nil {
		return "", err
	}
	base, err := url.Parse(a.URL)
	if err != nil {
		return "", err
	}
	return base.ResolveReference(u).String(), nil
}

// localTarget maps a published docs URL to the file in this checkout and
// its fragment.
func localTarget(t *testing.T, u string) (file, fragment string) {
	t.Helper()
	rest, ok := strings.CutPrefix(u, docsBase)
	if !ok {
		t.Fatalf("URL %q is not under %s", u, docsBase)
	}
	file, fragment, _ = strings.Cut(rest, "#")
	return filepath.Join("..", filepath.FromSlash(file)), fragment
}

// Every rule ID in an analyzer's source has an anchor of its own on the
// page the analyzer's URL names, which is where a diagnostic of that rule
// links to.
func TestRuleAnchors(t *testing.T) {
	for _, a := range analyzers.All() {
		ids := ruleIDs(t, a.Name)
		if len(ids) == 0 {
			t.Errorf("%s: no rule IDs found in its source", a.Name)
		}
		for _, id := range ids {
			u, err := resolveURL(a, analysis.Diagnostic{Category: id})
			if err != nil {
				t.Fatal(err)
			}
			if want := docsBase + "docs/" + a.Name + ".md#" + id; u != want {
				t.Errorf("%s: rule %s links to %s, want %s", a.Name, id, u, want)
			}
			file, frag := localTarget(t, u)
			anchors, err := anchorsOf(file)
			if err != nil {
				t.Errorf("%s: %v", a.Name, err)
				continue
			}
			if !anchors[frag] {
				t.Errorf("%s: %s has no anchor %q for rule %s (want <a id=%q></a> before its heading)", a.Name, file, frag, id, id)
			}
		}
	}
}

// The diagnostics the analyzers actually report on their fixtures carry a
// rule ID that TestRuleAnchors knows, and so link to an anchor that exists.
func TestReportedRulesAreDocumented(t *testing.T) {
	testdata, err := filepath.Abs(filepath.Join("..", "testdata"))
	if err != nil {
		t.Fatal(err)
	}
	raw := []*analysis.Analyzer{sessionclose.Analyzer, unlockpair.Analyzer, ctxtimeout.Analyzer, leaseorphan.Analyzer, watchleak.Analyzer, clientclose.Analyzer}
	for _, a := range raw {
		known := ruleIDs(t, a.Name)
		seen := map[string]bool{}
		// The fixtures' own tests check the // want expectations; here only
		// the categories matter.
		for _, r := range analysistest.Run(quiet{}, testdata, a, a.Name+"/...") {
			for _, d := range r.Diagnostics {
				seen[d.Category] = true
			}
		}
		for cat := range seen {
			if !slices.Contains(known, cat) {
				t.Errorf("%s reports category %q, which is not a rule ID in its source", a.Name, cat)
			}
		}
		if len(seen) == 0 {
			t.Errorf("%s reported nothing on its fixtures", a.Name)
		}
	}
}

// quiet is an analysistest.Testing that ignores unmet expectations.
type quiet struct{}

func (quiet) Errorf(string, ...any) {}

// Every relative link in README.md and docs/*.md names a file that exists,
// and an anchor in it where the link gives one.
func TestDocLinks(t *testing.T) {
	pages, err := filepath.Glob(filepath.Join("..", "docs", "*.md"))
	if err != nil {
		t.Fatal(err)
	}
	pages = append(pages, filepath.Join("..", "README.md"))
	for _, page := range pages {
		text, err := os.ReadFile(page)
		if err != nil {
			t.Fatal(err)
		}
		for _, link := range links(string(text)) {
			if strings.Contains(link, "://") || strings.HasPrefix(link, "mailto:") {
				continue
			}
			if err := checkLink(page, link); err != nil {
				t.Errorf("%s: link %q: %v", page, link, err)
			}
		}
	}
}

func checkLink(page, link string) error {
	path, frag, _ := strings.Cut(link, "#")
	target := page
	if path != "" {
		target = filepath.Join(filepath.Dir(page), filepath.FromSlash(path))
	}
	rel, _ := filepath.Rel("..", target)
	if _, err := os.Stat(target); err != nil {
		return fmt.Errorf("no file %s", rel)
	}
	if frag == "" || !strings.HasSuffix(target, ".md") {
		return nil
	}
	anchors, err := anchorsOf(target)
	if err != nil {
		return err
	}
	if !anchors[frag] {
		return fmt.Errorf("%s has no anchor %q", rel, frag)
	}
	return nil
}

var (
	// inlineLink is [text](target) or ![alt](target); the target ends at
	// a space (a title follows) or the closing parenthesis.
	inlineLink = regexp.MustCompile(`\]\(([^)\s]+)(?:\s+"[^"]*")?\)`)
	// refLink is a reference definition: [name]: target
	refLink   = regexp.MustCompile(`(?m)^\s*\[[^\]]+\]:\s*(\S+)`)
	codeSpan  = regexp.MustCompile("`[^`]*`")
	explicitA = regexp.MustCompile(`<a\s+(?:id|name)="([^"]+)"`)
	heading   = regexp.MustCompile(`(?m)^#{1,6}\s+(.*?)\s*#*\s*$`)
)

// links returns the link targets of a markdown text outside code.
func links(md string) []string {
	var out []string
	for _, line := range strings.Split(prose(md), "\n") {
		line = codeSpan.ReplaceAllString(line, "")
		for _, m := range inlineLink.FindAllStringSubmatch(line, -1) {
			out = append(out, m[1])
		}
		for _, m := range refLink.FindAllStringSubmatch(line, -1) {
			out = append(out, m[1])
		}
	}
	return out
}

// prose returns md with its fenced code blocks blanked out.
func prose(md string) string {
	lines := strings.Split(md, "\n")
	in := false
	for i, l := range lines {
		if strings.HasPrefix(strings.TrimSpace(l), "```") {
			in = !in
			lines[i] = ""
			continue
		}
		if in {
			lines[i] = ""
		}
	}
	return strings.Join(lines, "\n")
}

// anchorsOf returns the anchors a markdown file defines: explicit
// <a id="..."> (GitHub also resolves #id to its user-content-id) and the
// slugs GitHub gives its headings.
func anchorsOf(file string) (map[string]bool, error) {
	text, err := os.ReadFile(file)
	if err != nil {
		return nil, err
	}
	md := prose(string(text))
	anchors := map[string]bool{}
	for _, m := range explicitA.FindAllStringSubmatch(md, -1) {
		anchors[m[1]] = true
	}
	count := map[string]int{}
	for _, m := range heading.FindAllStringSubmatch(md, -1) {
		s := slug(m[1])
		if n := count[s]; n > 0 {
			anchors[fmt.Sprintf("%s-%d", s, n)] = true
		} else {
			anchors[s] = true
		}
		count[s]++
	}
	return anchors, nil
}

// slug is GitHub's heading anchor: lower case, markup and punctuation
// dropped, spaces to hyphens.
func slug(h string) string {
	h = strings.NewReplacer("`", "", "*", "").Replace(h)
	h = regexp.MustCompile(`\[([^\]]*)\]\([^)]*\)`).ReplaceAllString(h, "$1")
	var b strings.Builder
	for _, r := range strings.ToLower(h) {
		switch {
		case r == ' ':
			b.WriteRune('-')
		case r == '-' || r == '_' || r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r > 127:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// The slugs match GitHub's for the shapes the docs use.
func TestSlug(t *testing.T) {
	for h, want := range map[string]string{
		"SC1: a session that is not closed":     "sc1-a-session-that-is-not-closed",
		"The `//etcdlint:ignore` directive":     "the-etcdlintignore-directive",
		"UP5: `defer m.Lock(ctx)` where Unlock": "up5-defer-mlockctx-where-unlock",
		"Bazel nogo":                            "bazel-nogo",
	} {
		if got := slug(h); got != want {
			t.Errorf("slug(%q) = %q, want %q", h, got, want)
		}
	}
}
