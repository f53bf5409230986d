package main

import (
	"flag"
	"fmt"
	"io"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/etcdlint/etcdlint/analyzers"
	"github.com/etcdlint/etcdlint/internal/checks"
)

const usageText = `etcdlint finds misuse of the etcd Go client's sessions, locks and leases.

Usage:

	etcdlint [flags] packages...      lint packages (patterns as for go build)
	etcdlint help [rule|analyzer]     this text, or a rule's or analyzer's doc
	go vet -vettool=$(command -v etcdlint) packages...

Flags (before the packages):

	-format text|json|sarif|github
	         output format (default text, on stderr; the others on stdout)
	-json    same as -format=json: x/tools' JSON
	-checks list
	         rules to run, staticcheck's syntax: all,-CT3 or SC1,UP*
	         (rule IDs, analyzer names, globs; later entries win)
	-tags list
	         comma-separated build tags, as for go build
	-test    lint test files too (default true; -test=false to skip them)
	-fix     apply the suggested fixes
	-diff    with -fix, print the fixes as a diff (git apply takes it)
	-version print etcdlint's version (also -V)
	-<analyzer>
	         run only this analyzer; -<analyzer>=false runs all but it
%s
Exit status: 0 no findings, 3 findings, 1 a package failed to load or
type-check or a pattern matched nothing (even with findings), 2 a bad
command line or config file. The same in every -format.

Silence a finding with a reason:

	//etcdlint:ignore SC1 the supervisor revokes the lease
	//etcdlint:file-ignore CT3 main's helpers

An etcdlint.conf at the module root sets defaults:

	checks = ["all", "-CT3"]
	ctxtimeout.max = "5s"

Rules:

%s
Run 'etcdlint help <rule>' for a rule's doc. More: docs/usage.md.
`

// help prints the general help, or the doc of the rule or analyzer named.
func help(stdout, stderr io.Writer, args []string) int {
	all := analyzers.All()
	switch len(args) {
	case 0:
		fmt.Fprintf(stdout, usageText, analyzerFlags(all), ruleList())
		return exitClean
	case 1:
	default:
		fmt.Fprintln(stderr, "usage: etcdlint help [rule|analyzer]")
		return exitUsage
	}
	name := args[0]
	if r, ok := checks.Lookup(name); ok {
		a := all[slices.IndexFunc(all, func(a *analysis.Analyzer) bool { return a.Name == r.Analyzer })]
		fmt.Fprintf(stdout, "%s (%s): %s\n\n%s\n\n%s\n", r.ID, r.Analyzer, r.Short, checks.Doc(r, a.Doc), ruleURL(a, r.ID))
		return exitClean
	}
	if i := slices.IndexFunc(all, func(a *analysis.Analyzer) bool { return a.Name == name }); i >= 0 {
		a := all[i]
		fmt.Fprintf(stdout, "%s (rules %s): %s\n", a.Name, strings.Join(checks.Of(a.Name), ", "), a.Doc)
		if flags := analyzerFlags([]*analysis.Analyzer{a}); flags != "" {
			fmt.Fprintf(stdout, "\nFlags:\n%s", flags)
		}
		fmt.Fprintf(stdout, "\n%s\n", a.URL)
		return exitClean
	}
	fmt.Fprintf(stderr, "etcdlint help: no rule or analyzer %q (rules: %s)\n", name, strings.Join(ruleIDs(), ", "))
	return exitUsage
}

func analyzerFlags(as []*analysis.Analyzer) string {
	var b strings.Builder
	for _, a := range as {
		a.Flags.VisitAll(func(f *flag.Flag) {
			fmt.Fprintf(&b, "\t-%s.%s %s\n\t         %s\n", a.Name, f.Name, f.Value, f.Usage)
		})
	}
	return b.String()
}

func ruleList() string {
	var b strings.Builder
	for _, r := range checks.Rules {
		fmt.Fprintf(&b, "\t%s  %-12s %s\n", r.ID, r.Analyzer, r.Short)
	}
	return b.String()
}

func ruleIDs() []string {
	var ids []string
	for _, r := range checks.Rules {
		ids = append(ids, r.ID)
	}
	return ids
}
