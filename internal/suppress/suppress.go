// Package suppress implements the //etcdlint:ignore and
// //etcdlint:file-ignore directives, which silence findings in the
// standalone command and the vet tool, where golangci-lint's //nolint does
// not exist:
//
//	//etcdlint:ignore sessionclose,UP1 the caller closes it in Stop
//	//etcdlint:file-ignore CT3 this file is a main package's helper
//
// A directive names analyzers or rule IDs (the diagnostics' category, as
// printed after each finding). //etcdlint:ignore covers its own line and,
// when it stands alone on its line, the next one; //etcdlint:file-ignore
// covers its whole file. The reason is required, as in staticcheck's //lint:ignore:
// a suppression nobody can explain is a finding nobody checked. A directive
// that silences nothing is reported too, so stale ones do not pile up.
package suppress

import (
	"go/ast"
	"go/token"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/etcdlint/etcdlint/internal/checks"
	"github.com/etcdlint/etcdlint/internal/etcdssa"
)

const (
	linePrefix = "//etcdlint:ignore"
	filePrefix = "//etcdlint:file-ignore"
)

// Wrap returns a copy of each analyzer whose diagnostics obey
// //etcdlint:ignore directives. The analyzers themselves are not modified:
// their unit tests run them raw.
//
// Problems with a directive as a whole (no reason, an unknown analyzer
// name) are reported once, by the first analyzer it names, or by the first
// analyzer in as when it names none that exists.
func Wrap(as []*analysis.Analyzer) []*analysis.Analyzer {
	var names []string // the analyzers' names, then their rules' IDs
	for _, a := range as {
		names = append(names, a.Name)
	}
	for _, a := range as {
		names = append(names, checks.Of(a.Name)...)
	}
	out := make([]*analysis.Analyzer, len(as))
	for i, a := range as {
		out[i] = wrap(a, names, i == 0)
	}
	return out
}

func wrap(a *analysis.Analyzer, known []string, first bool) *analysis.Analyzer {
	w := *a
	// The etcdssa result tells whether the package uses etcd at all; it is
	// built once per package and shared, so requiring it costs nothing.
	if !slices.Contains(w.Requires, etcdssa.Analyzer) {
		w.Requires = append(slices.Clip(w.Requires), etcdssa.Analyzer)
	}
	w.Run = func(pass *analysis.Pass) (any, error) {
		// Fast path: a package without etcd has no findings, and a stray
		// directive there is not worth a scan of every comment.
		if res, _ := pass.ResultOf[etcdssa.Analyzer].(*etcdssa.Result); res == nil {
			return a.Run(pass)
		}
		c := &checker{pass: pass, name: a.Name, known: known, first: first}
		c.parse()
		if len(c.dirs) == 0 {
			return a.Run(pass)
		}
		inner := *pass
		inner.Report = c.filter
		res, err := a.Run(&inner)
		if err == nil {
			c.reportDirectives()
		}
		return res, err
	}
	return &w
}

// A directive is one //etcdlint:ignore or //etcdlint:file-ignore comment.
type directive struct {
	c      *ast.Comment
	kind   string // "ignore" or "file-ignore"
	file   string
	line   int
	alone  bool // nothing precedes it on its line, so it covers the next line too
	names  []string
	reason string
	used   map[string]bool // the names that silenced a diagnostic of the checker's analyzer
}

func (d *directive) covers(p token.Position) bool {
	if p.Filename != d.file {
		return false
	}
	return d.kind == "file-ignore" || p.Line == d.line || d.alone && p.Line == d.line+1
}

// silences returns the names in d that silence diag of the analyzer
// called analyzer: the analyzer's own name and the diagnostic's rule, both
// used when a directive names both.
func (d *directive) silences(analyzer string, diag analysis.Diagnostic) []string {
	if d.reason == "" {
		return nil
	}
	var out []string
	for _, n := range d.names {
		if n == analyzer || diag.Category != "" && n == diag.Category {
			out = append(out, n)
		}
	}
	return out
}

// mine returns the names in d that stand for the analyzer or its rules.
func (d *directive) mine(analyzer string) []string {
	var out []string
	for _, n := range d.names {
		if n == analyzer || slices.Contains(checks.Of(analyzer), n) {
			out = append(out, n)
		}
	}
	return out
}

// checker applies the directives of one package to one analyzer.
type checker struct {
	pass  *analysis.Pass
	name  string   // the analyzer's name
	known []string // every etcdlint analyzer's name and rule ID
	first bool     // reports directives that name no known analyzer or rule
	dirs  []*directive
}

func (c *checker) parse() {
	for _, f := range c.pass.Files {
		for _, g := range f.Comments {
			for _, cm := range g.List {
				kind, rest, ok := cutDirective(cm.Text)
				if !ok {
					continue
				}
				names, reason := cutSpace(strings.TrimSpace(rest))
				p := c.pass.Fset.PositionFor(cm.Slash, false)
				d := &directive{c: cm, kind: kind, file: p.Filename, line: p.Line, alone: c.alone(p), reason: strings.TrimSpace(reason), used: make(map[string]bool)}
				if names != "" {
					d.names = strings.Split(names, ",")
				}
				c.dirs = append(c.dirs, d)
			}
		}
	}
}

// cutDirective splits a comment into the directive's kind and the rest.
func cutDirective(text string) (kind, rest string, ok bool) {
	for _, k := range []struct{ prefix, kind string }{{linePrefix, "ignore"}, {filePrefix, "file-ignore"}} {
		rest, ok := strings.CutPrefix(text, k.prefix)
		if ok && (rest == "" || rest[0] == ' ' || rest[0] == '\t') {
			return k.kind, rest, true
		}
	}
	return "", "", false
}

// alone reports whether only blanks precede the comment at p on its line.
// When the source cannot be read, the directive is taken to stand alone:
// silencing one line too many beats reporting a directive as unused.
func (c *checker) alone(p token.Position) bool {
	if c.pass.ReadFile == nil {
		return true
	}
	src, err := c.pass.ReadFile(p.Filename)
	if err != nil || p.Offset > len(src) {
		return true
	}
	start := p.Offset - (p.Column - 1)
	return start >= 0 && strings.TrimLeft(string(src[start:p.Offset]), " \t") == ""
}

// filter drops a diagnostic covered by a valid directive naming the
// analyzer or the diagnostic's rule.
func (c *checker) filter(diag analysis.Diagnostic) {
	p := c.pass.Fset.PositionFor(diag.Pos, false)
	suppressed := false
	for _, d := range c.dirs {
		if ns := d.silences(c.name, diag); len(ns) > 0 && d.covers(p) {
			for _, n := range ns {
				d.used[n] = true
			}
			suppressed = true
		}
	}
	if !suppressed {
		c.pass.Report(diag)
	}
}

func (c *checker) reportDirectives() {
	for _, d := range c.dirs {
		if c.owns(d) {
			c.reportMalformed(d)
		}
		if d.reason == "" {
			continue
		}
		for _, n := range d.mine(c.name) {
			if !d.used[n] {
				c.pass.ReportRangef(d.c, "unused etcdlint:%s directive: %s reports nothing %s", d.kind, n, d.where())
			}
		}
	}
}

func (d *directive) where() string {
	switch {
	case d.kind == "file-ignore":
		return "in this file"
	case d.alone:
		return "on this line or the next"
	}
	return "on this line"
}

// owns reports whether the checker's analyzer reports problems with d as a
// whole, so that a directive naming several analyzers is reported once:
// the analyzer of the first known name it names.
func (c *checker) owns(d *directive) bool {
	for _, n := range d.names {
		if slices.Contains(c.known, n) {
			return len(d.mine(c.name)) > 0 && d.mine(c.name)[0] == n
		}
	}
	return c.first
}

func (c *checker) reportMalformed(d *directive) {
	usage := "//etcdlint:" + d.kind + " <analyzer>[,<analyzer>] <reason>, where a rule ID may stand for an analyzer"
	if len(d.names) == 0 {
		c.pass.ReportRangef(d.c, "malformed etcdlint:%s directive: want %s", d.kind, usage)
		return
	}
	var analyzers, rules []string
	for _, n := range c.known {
		if _, ok := checks.Lookup(n); ok {
			rules = append(rules, n)
		} else {
			analyzers = append(analyzers, n)
		}
	}
	for _, n := range d.names {
		if !slices.Contains(c.known, n) {
			c.pass.ReportRangef(d.c, "etcdlint:%s directive names unknown analyzer %q (known: %s), nor is it a rule ID (%s)", d.kind, n, strings.Join(analyzers, ", "), strings.Join(rules, ", "))
		}
	}
	if d.reason == "" {
		c.pass.ReportRangef(d.c, "etcdlint:%s directive has no reason, so it silences nothing: want %s", d.kind, usage)
	}
}

// cutSpace splits s around its first blank.
func cutSpace(s string) (before, after string) {
	if i := strings.IndexAny(s, " \t"); i >= 0 {
		return s[:i], s[i+1:]
	}
	return s, ""
}
