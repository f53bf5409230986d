package main

import (
	"bufio"
	"bytes"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// configName is the optional config file, looked for in the working
// directory and its parents up to the module root (the first directory
// with a go.mod or go.work):
//
//	# etcdlint.conf
//	checks = ["all", "-CT3"]
//	ctxtimeout.max = "5s"
//
// One key = value a line; # starts a comment. checks is a list of
// strings in -checks syntax; any other key is an analyzer flag, as
// -<analyzer>.<flag> spells it, with a string, number or boolean value.
// Unknown keys are errors: a misspelt key would silently change nothing.
// The command line overrides the file.
const configName = "etcdlint.conf"

type config struct {
	path   string
	checks []string // nil: not set
	flags  []configFlag
}

type configFlag struct {
	line        int
	name, value string
}

// findConfig returns the config file that applies to the working
// directory, or an empty config when there is none.
func findConfig() (*config, error) {
	if wd == "" {
		return &config{}, nil
	}
	for dir := wd; ; {
		path := filepath.Join(dir, configName)
		data, err := os.ReadFile(path)
		switch {
		case err == nil:
			return parseConfig(path, data)
		case !errors.Is(err, os.ErrNotExist):
			return nil, err
		}
		if exists(filepath.Join(dir, "go.mod")) || exists(filepath.Join(dir, "go.work")) {
			return &config{}, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return &config{}, nil
		}
		dir = parent
	}
}

func exists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}

func parseConfig(path string, data []byte) (*config, error) {
	cfg := &config{path: relPath(path)}
	seen := make(map[string]bool)
	sc := bufio.NewScanner(bytes.NewReader(data))
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		key, value, ok := strings.Cut(line, "=")
		key, value = strings.TrimSpace(key), strings.TrimSpace(value)
		if !ok || key == "" || value == "" {
			return nil, fmt.Errorf("%s:%d: want key = value", cfg.path, n)
		}
		if seen[key] {
			return nil, fmt.Errorf("%s:%d: %s set twice", cfg.path, n, key)
		}
		seen[key] = true
		if key == "checks" {
			list, err := parseList(value)
			if err != nil {
				return nil, fmt.Errorf("%s:%d: checks: %v", cfg.path, n, err)
			}
			cfg.checks = list
			continue
		}
		if !strings.Contains(key, ".") {
			return nil, fmt.Errorf("%s:%d: unknown key %q: want checks or <analyzer>.<flag>", cfg.path, n, key)
		}
		v, err := parseScalar(value)
		if err != nil {
			return nil, fmt.Errorf("%s:%d: %s: %v", cfg.path, n, key, err)
		}
		cfg.flags = append(cfg.flags, configFlag{n, key, v})
	}
	return cfg, sc.Err()
}

// parseList parses ["a", "b"].
func parseList(s string) ([]string, error) {
	inner, ok := strings.CutPrefix(s, "[")
	if inner, ok = strings.CutSuffix(inner, "]"); !ok {
		return nil, errors.New(`want a list of strings, as in ["all", "-CT3"]`)
	}
	list := []string{}
	for _, item := range strings.Split(inner, ",") {
		item = strings.TrimSpace(item)
		if item == "" {
			continue
		}
		v, err := strconv.Unquote(item)
		if err != nil || !strings.HasPrefix(item, `"`) {
			return nil, fmt.Errorf("%s is not a quoted string", item)
		}
		list = append(list, v)
	}
	return list, nil
}

// parseScalar parses "5s", 5, 0.5, true or false into a flag's text.
func parseScalar(s string) (string, error) {
	if strings.HasPrefix(s, `"`) {
		return strconv.Unquote(s)
	}
	if s == "true" || s == "false" {
		return s, nil
	}
	if _, err := strconv.ParseFloat(s, 64); err == nil {
		return s, nil
	}
	return "", fmt.Errorf("%s: want a quoted string, a number, true or false", s)
}

// applyFlags sets the analyzer flags the file sets, before the command
// line is parsed, so that the command line wins.
func (c *config) applyFlags(fs *flag.FlagSet) error {
	for _, f := range c.flags {
		if fs.Lookup(f.name) == nil {
			return fmt.Errorf("%s:%d: unknown key %q: no analyzer has that flag (see etcdlint help)", c.path, f.line, f.name)
		}
		if err := fs.Set(f.name, f.value); err != nil {
			return fmt.Errorf("%s:%d: %s: invalid value %q: %v", c.path, f.line, f.name, f.value, err)
		}
	}
	return nil
}
