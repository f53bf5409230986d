package plugin

import (
	"flag"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/golangci/plugin-module-register/register"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/etcdlint/etcdlint/analyzers"
	"github.com/etcdlint/etcdlint/internal/suppress"
)

// fakes returns analyzers shaped like etcdlint's: one with flags, read the
// way etcdlint's analyzers read them, and one without. Each call makes new
// ones, as analyzers.All does.
func fakes() []*analysis.Analyzer {
	alpha := &analysis.Analyzer{Name: "alpha", Doc: "alpha: reports its flags", Run: reportFlags}
	alpha.Flags.Duration("max", 0, "longest timeout allowed")
	alpha.Flags.Bool("strict", false, "report more")
	beta := &analysis.Analyzer{Name: "beta", Doc: "beta: reports its flags", Run: reportFlags}
	return suppress.Wrap([]*analysis.Analyzer{alpha, beta})
}

func reportFlags(pass *analysis.Pass) (any, error) {
	var flags []string
	pass.Analyzer.Flags.VisitAll(func(f *flag.Flag) { flags = append(flags, f.Name+"="+f.Value.String()) })
	pass.Reportf(pass.Files[0].Package, "%s", strings.Join(flags, " "))
	return nil, nil
}

func TestSettings(t *testing.T) {
	for _, tc := range []struct {
		name     string
		settings any // as golangci-lint's config loader hands them over
		want     string
	}{
		{"none", nil, "alpha(max=0s strict=false) beta()"},
		{"empty", map[string]any{}, "alpha(max=0s strict=false) beta()"},
		{"disable", map[string]any{"disable": []any{"alpha"}}, "beta()"},
		{"enable", map[string]any{"enable": []any{"alpha"}}, "alpha(max=0s strict=false)"},
		{"flags", map[string]any{"alpha": map[string]any{"max": "5s", "strict": true}}, "alpha(max=5s strict=true) beta()"},
		{"number", map[string]any{"alpha": map[string]any{"max": 0}}, "alpha(max=0s strict=false) beta()"},
		{"flags of a disabled analyzer", map[string]any{"disable": []any{"alpha"}, "alpha": map[string]any{"max": "1s"}}, "beta()"},

		{"unknown key", map[string]any{"alhpa": map[string]any{"max": "5s"}}, `unknown setting "alhpa": want enable, disable, checks or an analyzer name (alpha, beta)`},
		{"unknown flag", map[string]any{"alpha": map[string]any{"maxx": "5s"}}, `alpha has no setting "maxx" (its settings: max, strict)`},
		{"no flags", map[string]any{"beta": map[string]any{"max": "5s"}}, `beta has no setting "max" (it has none)`},
		{"bad value", map[string]any{"alpha": map[string]any{"max": "five"}}, `alpha.max: invalid value "five": parse error`},
		{"list value", map[string]any{"alpha": map[string]any{"max": []any{"5s"}}}, `alpha: max must be a string, number or boolean`},
		{"not a map", map[string]any{"alpha": "5s"}, `alpha: must be a map of the analyzer's settings`},
		{"enable not a list", map[string]any{"enable": "alpha"}, `enable must be a list of analyzer names`},
		{"enable unknown", map[string]any{"enable": []any{"gamma"}}, `no analyzer "gamma" (known: alpha, beta)`},
		{"enable nothing", map[string]any{"enable": []any{}}, `enable lists no analyzer: to run them all, leave it out`},
		{"both", map[string]any{"enable": []any{"alpha"}, "disable": []any{"beta"}}, `set enable or disable, not both`},
		{"everything disabled", map[string]any{"disable": []any{"alpha", "beta"}}, ""},
		{"settings not a map", []any{"alpha"}, `settings must be a map`},
		// alpha and beta have no rule IDs, so checks keep them.
		{"checks", map[string]any{"checks": []any{"all", "-CT3"}}, "alpha(max=0s strict=false) beta()"},
		{"checks unknown", map[string]any{"checks": []any{"all", "-CT9"}}, `checks: check "-CT9" names no rule or analyzer`},
		{"checks nothing", map[string]any{"checks": []any{"-CT3"}}, `checks: checks "-CT3" select no rule`},
		{"checks not a list", map[string]any{"checks": "all,-CT3"}, `checks must be a list of rule IDs or analyzer names`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := build(t, tc.settings)
			if err != nil {
				got = err.Error()
			}
			if tc.want == "" && got != "" || !strings.Contains(got, tc.want) {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}

// build decodes settings the way New does and runs the analyzers it
// selects, each describing the flags it sees.
func build(t *testing.T, settings any) (string, error) {
	s, err := register.DecodeSettings[Settings](settings)
	if err != nil {
		return "", err
	}
	as, err := s.build(fakes())
	if err != nil {
		return "", err
	}
	var out []string
	for _, a := range as {
		out = append(out, fmt.Sprintf("%s(%s)", a.Name, run(t, a)))
	}
	return strings.Join(out, " "), nil
}

func run(t *testing.T, a *analysis.Analyzer) string {
	testdata, _ := filepath.Abs(filepath.Join("..", "testdata"))
	res := analysistest.Run(discard{t}, testdata, a, "plugin/p")
	if len(res) != 1 || len(res[0].Diagnostics) != 1 {
		t.Fatalf("%s: want one diagnostic, got %+v", a.Name, res)
	}
	return res[0].Diagnostics[0].Message
}

// discard ignores analysistest's complaints about diagnostics without a
// // want: the tests read the diagnostics themselves.
type discard struct{ *testing.T }

func (discard) Errorf(string, ...any) {}

// Two instances with different settings must not see each other's, nor
// change the analyzers everyone else uses.
func TestInstancesIndependent(t *testing.T) {
	all := fakes()
	one, err := Settings{Flags: map[string]map[string]string{"alpha": {"max": "1s"}}}.build(all)
	if err != nil {
		t.Fatal(err)
	}
	two, err := Settings{Flags: map[string]map[string]string{"alpha": {"max": "2s", "strict": "true"}}}.build(all)
	if err != nil {
		t.Fatal(err)
	}
	if got := run(t, one[0]); got != "max=1s strict=false" {
		t.Errorf("first instance sees %q", got)
	}
	if got := run(t, two[0]); got != "max=2s strict=true" {
		t.Errorf("second instance sees %q", got)
	}
	if got := run(t, all[0]); got != "max=0s strict=false" {
		t.Errorf("the analyzer the instances were built from sees %q", got)
	}
	if slices.Contains(one, all[0]) || slices.Contains(two, all[1]) {
		t.Errorf("an instance shares an analyzer with analyzers.All")
	}
}

// Every real analyzer's flags must be settable from golangci-lint's config:
// copyable per instance, and named in lower case, because golangci-lint's
// config loader lower-cases every key.
func TestFlagsCopy(t *testing.T) {
	for _, a := range analyzers.All() {
		if _, err := copyAnalyzer(a); err != nil {
			t.Error(err)
		}
		a.Flags.VisitAll(func(f *flag.Flag) {
			if f.Name != strings.ToLower(f.Name) {
				t.Errorf("%s.%s: golangci-lint would look it up as %q", a.Name, f.Name, strings.ToLower(f.Name))
			}
		})
	}
}

func TestCopyValueRefusesShared(t *testing.T) {
	var fs flag.FlagSet
	fs.Func("f", "a func flag", func(string) error { return nil })
	fs.TextVar(new(time.Time), "t", time.Time{}, "a text flag")
	fs.VisitAll(func(f *flag.Flag) {
		if _, err := copyValue(f.Value); err == nil {
			t.Errorf("flag %s (%T) copied, but its state would be shared", f.Name, f.Value)
		}
	})
}

// What golangci-lint calls: the registered constructor, with the real
// analyzers.
func TestNew(t *testing.T) {
	newPlugin, err := register.GetPlugin("etcdlint")
	if err != nil {
		t.Fatal(err)
	}
	p, err := newPlugin(map[string]any{"enable": []any{"sessionclose"}})
	if err != nil {
		t.Fatal(err)
	}
	if got := p.GetLoadMode(); got != register.LoadModeTypesInfo {
		t.Errorf("load mode %q", got)
	}
	as, err := p.BuildAnalyzers()
	if err != nil || len(as) != 1 || as[0].Name != "sessionclose" {
		t.Errorf("BuildAnalyzers() = %v, %v", as, err)
	}
	_, err = newPlugin(map[string]any{"sesionclose": map[string]any{}})
	if want := `settings: unknown setting "sesionclose": want enable, disable, checks or an analyzer name (sessionclose`; err == nil || !strings.HasPrefix(err.Error(), want) {
		t.Errorf("unknown key: got %v", err)
	}
}

// checks selects rules of the real analyzers: a rule turned off is not
// reported, an analyzer with no rule left does not run.
func TestChecks(t *testing.T) {
	newPlugin, err := register.GetPlugin("etcdlint")
	if err != nil {
		t.Fatal(err)
	}
	testdata, _ := filepath.Abs(filepath.Join("..", "testdata"))
	for _, tc := range []struct {
		checks []any
		want   string // analyzers run and the rules each reports
	}{
		{[]any{"all"}, "sessionclose[] unlockpair[] ctxtimeout[CT2 CT3] leaseorphan[] watchleak[] clientclose[CL1]"},
		{[]any{"all", "-CT3"}, "sessionclose[] unlockpair[] ctxtimeout[CT2] leaseorphan[] watchleak[] clientclose[CL1]"},
		{[]any{"CL1"}, "clientclose[CL1]"},
		{[]any{"ct3"}, "ctxtimeout[CT3]"}, // golangci-lint may lower-case it
		{[]any{"SC1", "UP*"}, "sessionclose[] unlockpair[]"},
	} {
		p, err := newPlugin(map[string]any{"checks": tc.checks})
		if err != nil {
			t.Fatal(err)
		}
		as, _ := p.BuildAnalyzers()
		var got []string
		for _, a := range as {
			var ids []string
			for _, r := range analysistest.Run(discard{t}, testdata, a, "plugin/checks") {
				for _, d := range r.Diagnostics {
					ids = append(ids, d.Category)
				}
			}
			got = append(got, a.Name+"["+strings.Join(ids, " ")+"]")
		}
		if g := strings.Join(got, " "); g != tc.want {
			t.Errorf("checks %v: got %s, want %s", tc.checks, g, tc.want)
		}
	}
}
