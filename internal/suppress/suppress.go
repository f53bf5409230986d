// Package suppress implements the //etcdlint:ignore directive, which
// silences a finding in the standalone command and the vet tool, where
// golangci-lint's //nolint does not exist:
//
//	//etcdlint:ignore sessionclose,unlockpair the caller closes it in Stop
//
// A directive covers its own line and, when it stands alone on its line,
// the next one. The reason is required, as in staticcheck's //lint:ignore:
// a suppression nobody can explain is a finding nobody checked. A directive
// that silences nothing is reported too, so stale ones do not pile up.
package suppress

import (
	"go/ast"
	"go/token"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/etcdlint/etcdlint/internal/etcdssa"
)

const prefix = "//etcdlint:ignore"

// Wrap returns a copy of each analyzer whose diagnostics obey
// //etcdlint:ignore directives. The analyzers themselves are not modified:
// their unit tests run them raw.
//
// Problems with a directive as a whole (no reason, an unknown analyzer
// name) are reported once, by the first analyzer it names, or by the first
// analyzer in as when it names none that exists.
func Wrap(as []*analysis.Analyzer) []*analysis.Analyzer {
	names := make([]string, len(as))
	for i, a := range as {
		names[i] = a.Name
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

// A directive is one //etcdlint:ignore comment.
type directive struct {
	c      *ast.Comment
	file   string
	line   int
	alone  bool // nothing precedes it on its line, so it covers the next line too
	names  []string
	reason string
	used   bool // it silenced a diagnostic of the checker's analyzer
}

func (d *directive) covers(p token.Position) bool {
	return p.Filename == d.file && (p.Line == d.line || d.alone && p.Line == d.line+1)
}

// checker applies the directives of one package to one analyzer.
type checker struct {
	pass  *analysis.Pass
	name  string   // the analyzer's name
	known []string // every etcdlint analyzer's name
	first bool     // reports directives that name no known analyzer
	dirs  []*directive
}

func (c *checker) parse() {
	for _, f := range c.pass.Files {
		for _, g := range f.Comments {
			for _, cm := range g.List {
				rest, ok := strings.CutPrefix(cm.Text, prefix)
				if !ok || rest != "" && rest[0] != ' ' && rest[0] != '\t' {
					continue
				}
				names, reason := cutSpace(strings.TrimSpace(rest))
				p := c.pass.Fset.PositionFor(cm.Slash, false)
				d := &directive{c: cm, file: p.Filename, line: p.Line, alone: c.alone(p), reason: strings.TrimSpace(reason)}
				if names != "" {
					d.names = strings.Split(names, ",")
				}
				c.dirs = append(c.dirs, d)
			}
		}
	}
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

// filter drops a diagnostic covered by a valid directive naming the analyzer.
func (c *checker) filter(diag analysis.Diagnostic) {
	p := c.pass.Fset.PositionFor(diag.Pos, false)
	suppressed := false
	for _, d := range c.dirs {
		if d.reason != "" && slices.Contains(d.names, c.name) && d.covers(p) {
			d.used = true
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
		if d.reason != "" && slices.Contains(d.names, c.name) && !d.used {
			where := "on this line"
			if d.alone {
				where = "on this line or the next"
			}
			c.pass.ReportRangef(d.c, "unused etcdlint:ignore directive: %s reports nothing %s", c.name, where)
		}
	}
}

// owns reports whether the checker's analyzer reports problems with d as a
// whole, so that a directive naming several analyzers is reported once.
func (c *checker) owns(d *directive) bool {
	for _, n := range d.names {
		if slices.Contains(c.known, n) {
			return n == c.name
		}
	}
	return c.first
}

func (c *checker) reportMalformed(d *directive) {
	const usage = "//etcdlint:ignore <analyzer>[,<analyzer>] <reason>"
	if len(d.names) == 0 {
		c.pass.ReportRangef(d.c, "malformed etcdlint:ignore directive: want %s", usage)
		return
	}
	for _, n := range d.names {
		if !slices.Contains(c.known, n) {
			c.pass.ReportRangef(d.c, "etcdlint:ignore directive names unknown analyzer %q (known: %s)", n, strings.Join(c.known, ", "))
		}
	}
	if d.reason == "" {
		c.pass.ReportRangef(d.c, "etcdlint:ignore directive has no reason, so it silences nothing: want %s", usage)
	}
}

// cutSpace splits s around its first blank.
func cutSpace(s string) (before, after string) {
	if i := strings.IndexAny(s, " \t"); i >= 0 {
		return s[:i], s[i+1:]
	}
	return s, ""
}
