// Command etcdlint finds misuse of the etcd Go client's session, lock and
// lease API: sessions never closed, locks never unlocked, contexts whose
// cancel is lost or that can never end a wait, and leases nobody uses.
//
// Usage:
//
//	etcdlint [flags] packages...
//	etcdlint help [rule or analyzer]
//	go vet -vettool=$(command -v etcdlint) packages...
//
// Exit status: 0 when clean, 3 when there are findings, 1 when a package
// does not load or type-check or a pattern matches nothing (1 wins over
// 3), 2 on a bad command line or config file; the same in every -format.
// docs/usage.md describes the flags, the formats and the config file.
package main

import (
	"cmp"
	"flag"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/unitchecker"

	"github.com/etcdlint/etcdlint/analyzers"
	"github.com/etcdlint/etcdlint/internal/checks"
)

// Exit codes.
const (
	exitClean    = 0
	exitError    = 1 // a package or pattern failed
	exitUsage    = 2 // a bad command line or config file
	exitFindings = 3
)

func main() {
	args := os.Args[1:]
	switch {
	case slices.Contains(args, "-V=full"):
		// go vet asks every vet tool for its version, to key its cache.
		fmt.Println(versionFull())
		os.Exit(exitClean)
	case isVetTool(args):
		unitchecker.Main(withRuleIDs(analyzers.All())...)
	case len(args) > 0 && args[0] == "help":
		os.Exit(help(os.Stdout, os.Stderr, args[1:]))
	}
	os.Exit(run(args, os.Stdout, os.Stderr))
}

// isVetTool reports whether go vet runs etcdlint (-flags, or a unit's .cfg
// file), for the unit checker.
func isVetTool(args []string) bool {
	for _, a := range args {
		if a == "-flags" || strings.HasSuffix(a, ".cfg") {
			return true
		}
	}
	return false
}

// withRuleIDs returns copies of the analyzers whose messages end in the
// rule ID, as the standalone command prints them, since go vet prints the
// message alone: the ID is what //etcdlint:ignore and the docs use.
func withRuleIDs(as []*analysis.Analyzer) []*analysis.Analyzer {
	out := make([]*analysis.Analyzer, len(as))
	for i, a := range as {
		w := *a
		w.Run = func(pass *analysis.Pass) (any, error) {
			inner := *pass
			inner.Report = func(d analysis.Diagnostic) {
				d.Message += " (" + cmp.Or(d.Category, a.Name) + ")"
				pass.Report(d)
			}
			return a.Run(&inner)
		}
		out[i] = &w
	}
	return out
}

// options are the command line, after the config file.
type options struct {
	format   string
	checks   string
	tags     string
	fix      bool
	diff     bool
	tests    bool
	version  bool
	patterns []string
	enable   map[string]*triState // -<analyzer>, as x/tools' drivers have it
	sel      checks.Selection
}

// parse reads the command line into opts, the config file's values being
// the flags' defaults. A bad command line has been reported when it
// returns false.
func parse(args []string, cfg *config, stderr io.Writer) (*options, []*analysis.Analyzer, int, bool) {
	all := analyzers.All()
	opts := &options{format: "text", tests: true, enable: make(map[string]*triState)}
	fs := flag.NewFlagSet("etcdlint", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {}
	fs.StringVar(&opts.format, "format", opts.format, "output format: text, json, sarif or github")
	json := fs.Bool("json", false, "same as -format=json (x/tools' JSON)")
	fs.StringVar(&opts.checks, "checks", "", "rules to run, e.g. all,-CT3 (default: the config file's, else all)")
	fs.StringVar(&opts.tags, "tags", "", "comma-separated build tags, as for go build")
	fs.BoolVar(&opts.fix, "fix", false, "apply the suggested fixes")
	fs.BoolVar(&opts.diff, "diff", false, "with -fix, print the fixes as a unified diff instead of applying them")
	fs.BoolVar(&opts.tests, "test", true, "lint the packages' test files too")
	fs.BoolVar(&opts.version, "version", false, "print etcdlint's version and exit")
	fs.Var(versionFlag{&opts.version}, "V", "same as -version")
	for _, a := range all {
		ts := new(triState)
		opts.enable[a.Name] = ts
		fs.Var(ts, a.Name, "run only "+a.Name+" (or, =false, all but it)")
		a.Flags.VisitAll(func(f *flag.Flag) {
			fs.Var(f.Value, a.Name+"."+f.Name, f.Usage)
		})
	}
	if err := cfg.applyFlags(fs); err != nil {
		fmt.Fprintf(stderr, "etcdlint: %v\n", err)
		return nil, nil, exitUsage, false
	}
	if err := fs.Parse(args); err != nil {
		if err == flag.ErrHelp {
			fmt.Fprint(stderr, shortUsage)
			return nil, nil, exitClean, false
		}
		return nil, nil, exitUsage, false
	}
	opts.patterns = fs.Args()
	if i := slices.IndexFunc(opts.patterns, func(p string) bool { return strings.HasPrefix(p, "-") }); i >= 0 {
		fmt.Fprintf(stderr, "etcdlint: flag %s after the package patterns: flags go first, as in etcdlint [flags] packages...\n", opts.patterns[i])
		return nil, nil, exitUsage, false
	}
	if *json {
		if opts.format != "text" && opts.format != "json" {
			fmt.Fprintf(stderr, "etcdlint: -json and -format=%s conflict\n", opts.format)
			return nil, nil, exitUsage, false
		}
		opts.format = "json"
	}
	if !slices.Contains([]string{"text", "json", "sarif", "github"}, opts.format) {
		fmt.Fprintf(stderr, "etcdlint: unknown -format %q: want text, json, sarif or github\n", opts.format)
		return nil, nil, exitUsage, false
	}
	if opts.diff && !opts.fix {
		fmt.Fprintln(stderr, "etcdlint: -diff needs -fix")
		return nil, nil, exitUsage, false
	}
	entries := cfg.checks
	if opts.checks != "" {
		entries = checks.Split(opts.checks)
	}
	if entries != nil {
		sel, err := checks.Parse(entries)
		if err != nil {
			fmt.Fprintf(stderr, "etcdlint: -checks: %v\n", err)
			return nil, nil, exitUsage, false
		}
		opts.sel = sel
	}
	return opts, opts.sel.Apply(opts.selected(all)), exitClean, true
}

const shortUsage = "usage: etcdlint [flags] packages...\nrun 'etcdlint help' for the flags and the rules\n"

// selected applies the -<analyzer> flags: any set true runs only those,
// else any set false runs all but those.
func (o *options) selected(all []*analysis.Analyzer) []*analysis.Analyzer {
	only := slices.ContainsFunc(all, func(a *analysis.Analyzer) bool { return *o.enable[a.Name] == setTrue })
	var out []*analysis.Analyzer
	for _, a := range all {
		switch s := *o.enable[a.Name]; {
		case only && s != setTrue, s == setFalse:
			continue
		}
		out = append(out, a)
	}
	return out
}

func run(args []string, stdout, stderr io.Writer) int {
	cfg, err := findConfig()
	if err != nil {
		fmt.Fprintf(stderr, "etcdlint: %v\n", err)
		return exitUsage
	}
	opts, as, code, ok := parse(args, cfg, stderr)
	if !ok {
		return code
	}
	if opts.version {
		fmt.Fprintln(stdout, version())
		return exitClean
	}
	if len(opts.patterns) == 0 {
		fmt.Fprint(stderr, shortUsage)
		return exitUsage
	}
	if len(as) == 0 {
		fmt.Fprintln(stderr, "etcdlint: no analyzer selected")
		return exitUsage
	}
	return lint(opts, as, stdout, stderr)
}

// triState is an analyzer's -<analyzer> flag: unset, true or false.
type triState int

const (
	unset triState = iota
	setTrue
	setFalse
)

func (ts *triState) IsBoolFlag() bool { return true }
func (ts *triState) String() string {
	switch *ts {
	case setTrue:
		return "true"
	case setFalse:
		return "false"
	}
	return "unset"
}

func (ts *triState) Set(v string) error {
	switch v {
	case "true", "1", "t", "T", "TRUE", "True":
		*ts = setTrue
	case "false", "0", "f", "F", "FALSE", "False":
		*ts = setFalse
	default:
		return fmt.Errorf("want true or false")
	}
	return nil
}

// versionFlag is -V: -V and -V=full print the version.
type versionFlag struct{ set *bool }

func (v versionFlag) IsBoolFlag() bool { return true }
func (v versionFlag) String() string   { return "" }
func (v versionFlag) Set(s string) error {
	if s != "true" && s != "full" {
		return fmt.Errorf("want -V or -V=full")
	}
	*v.set = true
	return nil
}
