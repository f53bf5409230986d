package main

import (
	"bytes"
	"cmp"
	"fmt"
	"github.com/etcdlint/etcdlint/internal/etcdssa"
	"go/token"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"
)

// A finding is one diagnostic of a root package, with its position
// resolved.
type finding struct {
	analyzer *analysis.Analyzer
	fset     *token.FileSet
	diag     analysis.Diagnostic
	pos      token.Position
}

// rule is the finding's rule ID, or the analyzer's name for a diagnostic
// that has none (a malformed //etcdlint:ignore).
func (f finding) rule() string { return cmp.Or(f.diag.Category, f.analyzer.Name) }

// lint loads the packages, runs the analyzers on those that type-check,
// prints the load errors and the findings, and returns the exit code:
// 1 when anything failed, whatever the findings, else 3 when there are
// findings.
func lint(opts *options, as []*analysis.Analyzer, stdout, stderr io.Writer) int {
	cfg := &packages.Config{
		Mode:  packages.LoadSyntax | packages.NeedModule,
		Tests: opts.tests,
	}
	if opts.tags != "" {
		cfg.BuildFlags = []string{"-tags=" + opts.tags}
	}
	pkgs, err := packages.Load(cfg, opts.patterns...)
	if err != nil {
		fmt.Fprintf(stderr, "etcdlint: %v\n", err)
		return exitError
	}
	failed := printLoadErrors(pkgs, stderr)
	for _, p := range unmatched(opts.patterns, pkgs) {
		fmt.Fprintf(stderr, "etcdlint: %s matched no packages\n", p)
		failed = true
	}
	var good []*packages.Package
	for _, p := range pkgs {
		// A package whose own files type-check is analysed even when a
		// dependency does not: etcdssa reports it as not analysed where
		// it uses what failed, and the rest of it is checked.
		if len(p.Errors) == 0 && len(p.TypeErrors) == 0 {
			p.IllTyped = false
			good = append(good, p)
		}
	}
	var findings []finding
	if len(good) == 0 && opts.format == "json" {
		fmt.Fprintln(stdout, "{}")
	}
	if len(good) > 0 {
		graph, err := checker.Analyze(as, good, nil)
		if err != nil {
			fmt.Fprintf(stderr, "etcdlint: %v\n", err)
			return exitError
		}
		if opts.format == "json" {
			// x/tools' JSON, as -json always printed it.
			if err := graph.PrintJSON(stdout); err != nil {
				fmt.Fprintf(stderr, "etcdlint: %v\n", err)
				failed = true
			}
		}
		var analysisFailed bool
		findings, analysisFailed = collect(graph, stderr)
		failed = failed || analysisFailed
	}
	if opts.fix {
		if err := applyFixes(findings, opts.diff, stdout, stderr); err != nil {
			fmt.Fprintf(stderr, "etcdlint: %v\n", err)
			failed = true
		}
	}
	if err := printFindings(opts.format, findings, as, stdout, stderr); err != nil {
		fmt.Fprintf(stderr, "etcdlint: %v\n", err)
		failed = true
	}
	switch {
	case failed:
		return exitError
	case len(findings) > 0:
		return exitFindings
	}
	return exitClean
}

// collect returns the root actions' diagnostics, each once (a package and
// its test variant report the same one), sorted by position. It prints
// the analyzers' own failures, which are errors.
func collect(graph *checker.Graph, stderr io.Writer) ([]finding, bool) {
	var out []finding
	failed := false
	seen := make(map[string]bool)
	for act := range graph.All() {
		if act.Err != nil {
			// An action whose prerequisite failed says so; the
			// prerequisite's own action prints the failure.
			switch {
			case strings.HasPrefix(act.Err.Error(), "failed prerequisites"):
			case act.Analyzer == etcdssa.Analyzer:
				// "pkg not analysed: ...": the command's word, not
				// that of an internal pass.
				fmt.Fprintf(stderr, "etcdlint: %s\n", act.Err)
			default:
				fmt.Fprintf(stderr, "etcdlint: %s: %s\n", act, act.Err)
			}
			failed = true
			continue
		}
		if !act.IsRoot {
			continue
		}
		for _, d := range act.Diagnostics {
			f := finding{analyzer: act.Analyzer, fset: act.Package.Fset, diag: d, pos: act.Package.Fset.Position(d.Pos)}
			key := fmt.Sprint(f.pos, "\x00", f.rule(), "\x00", d.Message)
			if !seen[key] {
				seen[key] = true
				out = append(out, f)
			}
		}
	}
	slices.SortFunc(out, func(a, b finding) int {
		return cmp.Or(
			cmp.Compare(a.pos.Filename, b.pos.Filename),
			cmp.Compare(a.pos.Line, b.pos.Line),
			cmp.Compare(a.pos.Column, b.pos.Column),
			cmp.Compare(a.rule(), b.rule()),
			cmp.Compare(a.diag.Message, b.diag.Message))
	})
	return out, failed
}

// printLoadErrors prints the errors of the packages and their
// dependencies, as the go command would, and reports whether there were
// any. The go command's build output that only repeats the type
// checker's errors is left out.
func printLoadErrors(pkgs []*packages.Package, stderr io.Writer) bool {
	var buf bytes.Buffer
	packages.Visit(pkgs, nil, func(p *packages.Package) {
		for _, e := range p.Errors {
			fmt.Fprintln(&buf, e)
		}
	})
	if buf.Len() == 0 {
		return false
	}
	out := cleanErrors(buf.Bytes())
	for _, line := range strings.SplitAfter(string(out), "\n") {
		io.WriteString(stderr, relativeLine(line))
	}
	return true
}

// relativeLine makes the absolute path that begins an error line relative
// to the working directory, as the go command prints them.
func relativeLine(line string) string {
	if !filepath.IsAbs(line) {
		return line
	}
	file, rest, ok := strings.Cut(line, ":")
	if !ok {
		return line
	}
	return relPath(file) + ":" + rest
}

var wd, _ = os.Getwd()

// relPath returns path relative to the working directory when it is
// inside it, else path as it is: "../../x.go" says less than "/src/x.go".
func relPath(path string) string {
	if wd == "" || !filepath.IsAbs(path) {
		return path
	}
	rel, err := filepath.Rel(wd, path)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return path
	}
	return rel
}

// unmatched returns the wildcard patterns ("./x/...", "example.com/...")
// that match none of the loaded packages: the go command only warns about
// them, so a misspelt pattern among good ones would lint less, silently.
// Patterns without a wildcard that match nothing are load errors already.
func unmatched(patterns []string, pkgs []*packages.Package) []string {
	var out []string
	for _, pat := range patterns {
		if !strings.Contains(pat, "...") || pat == "all" || pat == "std" || pat == "cmd" {
			continue
		}
		re := patternRegexp(pat)
		if !slices.ContainsFunc(pkgs, func(p *packages.Package) bool { return matches(re, pat, p) }) {
			out = append(out, pat)
		}
	}
	return out
}

// patternRegexp turns a package pattern into a regexp over import paths,
// or, for a relative or absolute pattern, over directories: "..." matches
// any string, and "x/..." matches x itself too.
func patternRegexp(pat string) *regexp.Regexp {
	if build := isFilePattern(pat); build {
		abs, err := filepath.Abs(pat)
		if err == nil {
			pat = filepath.ToSlash(abs)
			if strings.HasSuffix(pat, "...") && !strings.HasSuffix(pat, "/...") {
				// filepath.Abs("./...") is "/wd/...".
				pat = strings.TrimSuffix(pat, "...") + "..."
			}
		}
	}
	re := regexp.QuoteMeta(pat)
	re = strings.ReplaceAll(re, `/\.\.\.`, `(/.*)?`)
	re = strings.ReplaceAll(re, `\.\.\.`, `.*`)
	return regexp.MustCompile("^" + re + "$")
}

func isFilePattern(pat string) bool {
	return pat == "." || pat == ".." || strings.HasPrefix(pat, "./") || strings.HasPrefix(pat, "../") || filepath.IsAbs(pat)
}

func matches(re *regexp.Regexp, pat string, p *packages.Package) bool {
	if !isFilePattern(pat) {
		return re.MatchString(p.PkgPath)
	}
	files := append(slices.Clone(p.GoFiles), p.OtherFiles...)
	return slices.ContainsFunc(files, func(f string) bool { return re.MatchString(filepath.ToSlash(filepath.Dir(f))) })
}
