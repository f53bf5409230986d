// Package plugin is etcdlint's golangci-lint v2 module plugin. Importing it
// into a golangci-lint build registers the linter "etcdlint":
//
//	linters:
//	  enable: [etcdlint]
//	  settings:
//	    custom:
//	      etcdlint:
//	        type: module
//	        settings:
//	          disable: [leaseorphan]
//	          checks: ["all", "-CT3"]
//	          ctxtimeout:
//	            max: 5s
//	          watchleak:
//	            tests: true
//
// Settings are "enable" (run only these analyzers) or "disable" (run all
// but these), "checks" (the rules to report, in the command's -checks
// syntax: rule IDs, analyzer names, globs, "-" to turn off), and one map
// per analyzer holding its flags by name, the same flags the command
// takes as -<analyzer>.<flag>. Anything else is an error: a misspelt key
// would otherwise silently change nothing.
package plugin

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"maps"
	"reflect"
	"slices"
	"strings"

	"github.com/golangci/plugin-module-register/register"
	"golang.org/x/tools/go/analysis"

	"github.com/etcdlint/etcdlint/analyzers"
	"github.com/etcdlint/etcdlint/internal/checks"
)

func init() {
	register.Plugin("etcdlint", New)
}

// Settings is the plugin's configuration, the value of
// linters.settings.custom.etcdlint.settings.
type Settings struct {
	// Enable, when set, lists the only analyzers to run.
	Enable []string
	// Disable lists analyzers not to run.
	Disable []string
	// Checks, when set, selects rules as the command's -checks does.
	Checks []string
	// Flags holds each analyzer's flag values by analyzer and flag name,
	// as written: "5s", 5, true.
	Flags map[string]map[string]string
}

// UnmarshalJSON decodes settings whose keys are partly analyzer names,
// which no struct can spell. Names are checked by New, against the
// analyzers this build has.
func (s *Settings) UnmarshalJSON(data []byte) error {
	if string(bytes.TrimSpace(data)) == "null" {
		return nil
	}
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(data, &raw); err != nil {
		return fmt.Errorf("settings must be a map: %w", err)
	}
	for _, key := range slices.Sorted(maps.Keys(raw)) {
		val := raw[key]
		switch key {
		case "enable", "disable":
			var names []string
			if err := json.Unmarshal(val, &names); err != nil {
				return fmt.Errorf("%s must be a list of analyzer names", key)
			}
			if key == "enable" {
				s.Enable = names
			} else {
				s.Disable = names
			}
		case "checks":
			if err := json.Unmarshal(val, &s.Checks); err != nil || s.Checks == nil {
				return errors.New(`checks must be a list of rule IDs or analyzer names, as in ["all", "-CT3"]`)
			}
		default:
			flags, err := decodeFlags(val)
			if err != nil {
				return fmt.Errorf("%s: %w", key, err)
			}
			if s.Flags == nil {
				s.Flags = make(map[string]map[string]string)
			}
			s.Flags[key] = flags
		}
	}
	return nil
}

// decodeFlags turns an analyzer's settings into the strings its flags
// parse; numbers keep their written form, so 0.5 stays "0.5".
func decodeFlags(data []byte) (map[string]string, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var m map[string]any
	if err := dec.Decode(&m); err != nil || m == nil {
		return nil, errors.New("must be a map of the analyzer's settings")
	}
	flags := make(map[string]string, len(m))
	for name, v := range m {
		switch v := v.(type) {
		case string:
			flags[name] = v
		case json.Number:
			flags[name] = v.String()
		case bool:
			flags[name] = fmt.Sprint(v)
		default:
			return nil, fmt.Errorf("%s must be a string, number or boolean", name)
		}
	}
	return flags, nil
}

type plugin struct {
	analyzers []*analysis.Analyzer
}

// New builds the plugin from golangci-lint's settings. Each call makes its
// own copies of the analyzers and their flags: settings never leak from one
// instance to another, nor into the analyzers' package variables.
func New(settings any) (register.LinterPlugin, error) {
	// golangci-lint prefixes errors with "plugin(etcdlint): newPlugin".
	s, err := register.DecodeSettings[Settings](settings)
	if err != nil {
		return nil, err
	}
	as, err := s.build(analyzers.All())
	if err != nil {
		return nil, fmt.Errorf("settings: %w", err)
	}
	return &plugin{analyzers: as}, nil
}

func (p *plugin) BuildAnalyzers() ([]*analysis.Analyzer, error) { return p.analyzers, nil }

func (p *plugin) GetLoadMode() string { return register.LoadModeTypesInfo }

// build copies the analyzers, sets the copies' flags, and returns the
// selected ones.
func (s Settings) build(all []*analysis.Analyzer) ([]*analysis.Analyzer, error) {
	var names []string
	copies := make(map[string]*analysis.Analyzer)
	for _, a := range all {
		c, err := copyAnalyzer(a)
		if err != nil {
			return nil, err
		}
		names = append(names, a.Name)
		copies[a.Name] = c
	}
	known := strings.Join(names, ", ")

	if s.Enable != nil && s.Disable != nil {
		return nil, errors.New("set enable or disable, not both")
	}
	if s.Enable != nil && len(s.Enable) == 0 {
		return nil, errors.New("enable lists no analyzer: to run them all, leave it out")
	}
	for _, n := range slices.Concat(s.Enable, s.Disable) {
		if copies[n] == nil {
			return nil, fmt.Errorf("no analyzer %q (known: %s)", n, known)
		}
	}
	for _, key := range slices.Sorted(maps.Keys(s.Flags)) {
		c := copies[key]
		if c == nil {
			return nil, fmt.Errorf("unknown setting %q: want enable, disable, checks or an analyzer name (%s)", key, known)
		}
		for _, name := range slices.Sorted(maps.Keys(s.Flags[key])) {
			f := c.Flags.Lookup(name)
			if f == nil {
				return nil, fmt.Errorf("%s has no setting %q (%s)", key, name, flagNames(c))
			}
			if err := f.Value.Set(s.Flags[key][name]); err != nil {
				return nil, fmt.Errorf("%s.%s: invalid value %q: %w", key, name, s.Flags[key][name], err)
			}
		}
	}

	var out []*analysis.Analyzer
	for _, n := range names {
		if s.Enable != nil && !slices.Contains(s.Enable, n) || slices.Contains(s.Disable, n) {
			continue
		}
		out = append(out, copies[n])
	}
	if s.Checks != nil {
		sel, err := checks.Parse(s.Checks)
		if err != nil {
			return nil, fmt.Errorf("checks: %w", err)
		}
		out = sel.Apply(out)
	}
	return out, nil
}

func flagNames(a *analysis.Analyzer) string {
	var names []string
	a.Flags.VisitAll(func(f *flag.Flag) { names = append(names, f.Name) })
	if len(names) == 0 {
		return "it has none"
	}
	return "its settings: " + strings.Join(names, ", ")
}

// copyAnalyzer returns a shallow copy of a with its own flag values, so
// that setting them changes nothing else. Analyzers read their flags
// through pass.Analyzer.Flags, which the driver points at the copy.
func copyAnalyzer(a *analysis.Analyzer) (*analysis.Analyzer, error) {
	c := *a
	c.Flags = flag.FlagSet{}
	c.Flags.Init(a.Name, flag.ContinueOnError)
	c.Flags.SetOutput(io.Discard)
	var err error
	a.Flags.VisitAll(func(f *flag.Flag) {
		v, e := copyValue(f.Value)
		if e != nil {
			err = errors.Join(err, fmt.Errorf("%s.%s: %w", a.Name, f.Name, e))
			return
		}
		c.Flags.Var(v, f.Name, f.Usage)
	})
	return &c, err
}

// copyValue copies a flag value whose state is a scalar behind a pointer:
// every flag the flag package makes (Bool, Int, Duration, String...).
// Anything else could share state with the original, so it is refused;
// TestFlagsCopy keeps every analyzer's flags within these bounds.
func copyValue(v flag.Value) (flag.Value, error) {
	rv := reflect.ValueOf(v)
	if rv.Kind() != reflect.Pointer || rv.IsNil() {
		return nil, fmt.Errorf("flag value %T is not a pointer, so it cannot be copied per plugin instance", v)
	}
	switch rv.Elem().Kind() {
	case reflect.Bool, reflect.String, reflect.Float32, reflect.Float64,
		reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
	default:
		return nil, fmt.Errorf("flag value %T does not hold a scalar, so it cannot be copied per plugin instance", v)
	}
	c := reflect.New(rv.Elem().Type())
	c.Elem().Set(rv.Elem())
	return c.Interface().(flag.Value), nil
}
