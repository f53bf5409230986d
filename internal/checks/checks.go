// Package checks names etcdlint's rules and selects among them, with
// staticcheck's -checks syntax, for the command, its config file and the
// golangci-lint plugin:
//
//	all,-CT3      every rule but CT3
//	SC1,UP*       SC1 and the unlockpair rules
//	sessionclose  an analyzer's name stands for all its rules
//
// Entries apply left to right, so a later one overrides an earlier one.
// An entry naming no rule is an error, and so is a selection of nothing:
// a misspelt rule would otherwise silently lint nothing.
package checks

import (
	"fmt"
	"path"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"
)

// A Rule is one kind of finding: its ID is the diagnostics' Category.
type Rule struct {
	ID       string
	Analyzer string
	Short    string // one line, for rule lists and SARIF
}

// Rules lists every rule, in the order of the analyzers' docs.
var Rules = []Rule{
	{"SC1", "sessionclose", "a concurrency session is not closed on every path"},
	{"UP1", "unlockpair", "a Mutex lock is not unlocked on every path"},
	{"UP2", "unlockpair", "a concurrency.NewLocker lock is not unlocked on every path"},
	{"UP3", "unlockpair", "a recipe.RWMutex lock is not unlocked on every path"},
	{"UP4", "unlockpair", "an election won by Campaign is not resigned on every path"},
	{"UP5", "unlockpair", "defer Lock after Lock, where Unlock was meant"},
	{"UP6", "unlockpair", "the error of Lock, TryLock, RLock or Campaign is ignored"},
	{"CT1", "ctxtimeout", "the cancel func of a context given to etcd is lost"},
	{"CT2", "ctxtimeout", "Lock or Campaign waits on a context nothing can end"},
	{"CT3", "ctxtimeout", "concurrency.NewLocker outside main.main"},
	{"CT4", "ctxtimeout", "Unlock or Resign given the Lock's deadline context"},
	{"CT5", "ctxtimeout", "a Lock or Campaign timeout above -ctxtimeout.max"},
	{"CT6", "ctxtimeout", "a keepalive or session bound to a context that ends before it"},
	{"LO1", "leaseorphan", "the channel from KeepAlive is not drained"},
	{"LO2", "leaseorphan", "KeepAlive runs again on the same lease in a loop"},
	{"LO3", "leaseorphan", "a lease from Grant is never used"},
	{"LO4", "leaseorphan", "a lease kept alive by KeepAlive is leaked on an error return"},
	{"WL1", "watchleak", "a watch on a context nothing can cancel is abandoned"},
	{"WL2", "watchleak", "a receive without ok from a closing watch channel in a loop"},
	{"CL1", "clientclose", "an etcd client is not closed on every path"},
}

// Lookup returns the rule with the given ID (case-insensitive).
func Lookup(id string) (Rule, bool) {
	i := slices.IndexFunc(Rules, func(r Rule) bool { return strings.EqualFold(r.ID, id) })
	if i < 0 {
		return Rule{}, false
	}
	return Rules[i], true
}

// Of returns the IDs of an analyzer's rules.
func Of(analyzer string) []string {
	var ids []string
	for _, r := range Rules {
		if r.Analyzer == analyzer {
			ids = append(ids, r.ID)
		}
	}
	return ids
}

// A Selection tells which rules are enabled. The nil Selection enables
// every rule.
type Selection map[string]bool

// Split turns a -checks value into its entries.
func Split(s string) []string {
	var out []string
	for _, e := range strings.Split(s, ",") {
		if e = strings.TrimSpace(e); e != "" {
			out = append(out, e)
		}
	}
	return out
}

// Parse evaluates the entries of a -checks list, left to right.
func Parse(entries []string) (Selection, error) {
	if len(entries) == 0 {
		return nil, fmt.Errorf("empty checks list: want e.g. all,-CT3")
	}
	sel := make(Selection)
	for _, e := range entries {
		name, off := strings.CutPrefix(e, "-")
		ids := match(name)
		if len(ids) == 0 {
			return nil, fmt.Errorf("check %q names no rule or analyzer (rules: %s; or all, an analyzer name, a glob like UP*)", e, allIDs())
		}
		for _, id := range ids {
			sel[id] = !off
		}
	}
	if !slices.ContainsFunc(Rules, func(r Rule) bool { return sel[r.ID] }) {
		return nil, fmt.Errorf("checks %q select no rule: to turn some off, start with all (all,%s)", strings.Join(entries, ","), strings.Join(entries, ","))
	}
	return sel, nil
}

// match returns the rule IDs an entry (without its "-") stands for.
func match(name string) []string {
	var ids []string
	for _, r := range Rules {
		ok, _ := path.Match(strings.ToUpper(name), r.ID)
		if name == "all" || name == "*" || ok || name == r.Analyzer {
			ids = append(ids, r.ID)
		}
	}
	return ids
}

func allIDs() string {
	ids := make([]string, len(Rules))
	for i, r := range Rules {
		ids[i] = r.ID
	}
	return strings.Join(ids, ", ")
}

// Enabled reports whether the rule id is selected. A diagnostic without a
// rule (a malformed //etcdlint:ignore) is always shown.
func (s Selection) Enabled(id string) bool {
	if s == nil {
		return true
	}
	if _, known := Lookup(id); !known {
		return true
	}
	return s[id]
}

// Apply returns the analyzers that have a selected rule; those with some
// rules off are copies whose diagnostics of those rules are dropped.
func (s Selection) Apply(as []*analysis.Analyzer) []*analysis.Analyzer {
	var out []*analysis.Analyzer
	for _, a := range as {
		ids := Of(a.Name)
		on := slices.DeleteFunc(slices.Clone(ids), func(id string) bool { return !s.Enabled(id) })
		switch {
		case len(ids) > 0 && len(on) == 0:
			continue // nothing to report: do not run it
		case len(on) == len(ids):
			out = append(out, a)
		default:
			out = append(out, s.filter(a))
		}
	}
	return out
}

// filter copies a so that its diagnostics of rules not selected are
// dropped. The copy shares a's flags: the analyzer reads them through
// pass.Analyzer, which stays the copy.
func (s Selection) filter(a *analysis.Analyzer) *analysis.Analyzer {
	w := *a
	w.Run = func(pass *analysis.Pass) (any, error) {
		inner := *pass
		inner.Report = func(d analysis.Diagnostic) {
			if s.Enabled(d.Category) {
				pass.Report(d)
			}
		}
		return a.Run(&inner)
	}
	return &w
}

// Doc returns the paragraph of an analyzer's doc that describes the rule:
// the one beginning "ID:" or "ID (", or, for an analyzer with one rule,
// the whole doc.
func Doc(r Rule, analyzerDoc string) string {
	if len(Of(r.Analyzer)) == 1 {
		return analyzerDoc
	}
	paras := strings.Split(analyzerDoc, "\n\n")
	for _, p := range paras {
		// A bullet list holds several rules: "  - UP1: ...;\n  - UP2: ...".
		for _, item := range strings.Split(p, "\n  - ") {
			item = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(item), "- "))
			if strings.HasPrefix(item, r.ID+":") || strings.HasPrefix(item, r.ID+" (") {
				return dedent(item)
			}
		}
	}
	return r.Short
}

// dedent joins the continuation lines of a bullet.
func dedent(s string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimSpace(l)
	}
	return strings.TrimSuffix(strings.Join(lines, "\n"), ";")
}
