package main_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"testing"
)

// These tests run the real binary, as users do, on copies of the stub
// GOPATH tree in testdata, so they need no etcd and no network.

var etcdlint string // path of the binary built by TestMain

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "etcdlint-cmd")
	if err != nil {
		panic(err)
	}
	etcdlint = filepath.Join(dir, "etcdlint")
	if runtime.GOOS == "windows" {
		etcdlint += ".exe"
	}
	if out, err := exec.Command("go", "build", "-o", etcdlint, ".").CombinedOutput(); err != nil {
		os.Stderr.Write(out)
		panic(err)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// gopath copies ../../testdata to a temp dir and returns it.
func gopath(t *testing.T) string {
	t.Helper()
	dst := t.TempDir()
	if err := os.CopyFS(dst, os.DirFS(filepath.Join("..", "..", "testdata"))); err != nil {
		t.Fatal(err)
	}
	return dst
}

// run runs etcdlint (or go, when name is "go") in GOPATH mode over root.
func run(t *testing.T, root, name string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	cmd := exec.Command(name, args...)
	if name == "etcdlint" {
		cmd = exec.Command(etcdlint, args...)
	}
	return runCmd(t, root, "", cmd)
}

// runCmd runs cmd in GOPATH mode over root, in dir (relative to root/src),
// and returns its output and exit code.
func runCmd(t *testing.T, root, dir string, cmd *exec.Cmd) (stdout, stderr string, code int) {
	t.Helper()
	cmd.Dir = filepath.Join(root, "src", dir)
	cmd.Env = append(os.Environ(), "GOPATH="+root, "GO111MODULE=off", "GOFLAGS=", "GOWORK=off")
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	var exit *exec.ExitError
	switch {
	case errors.As(err, &exit):
		code = exit.ExitCode()
	case err != nil:
		t.Fatal(err)
	}
	return out.String(), errb.String(), code
}

// analyzerPackages are the fixture trees of the analyzers.
var analyzerPackages = []string{"./sessionclose/...", "./unlockpair/...", "./ctxtimeout/...", "./leaseorphan/...", "./watchleak/...", "./clientclose/..."}

func existing(root string) []string {
	var out []string
	for _, p := range analyzerPackages {
		if _, err := os.Stat(filepath.Join(root, "src", strings.TrimSuffix(p, "/..."))); err == nil {
			out = append(out, p)
		}
	}
	return out
}

func TestExitCodes(t *testing.T) {
	root := gopath(t)
	writeFile(t, filepath.Join(root, "src", "clean", "clean.go"), "package clean\n\nfunc F() int { return 1 }\n")
	writeFile(t, filepath.Join(root, "src", "broken", "broken.go"), "package broken\n\nfunc F() int { return \"x\" }\n")
	writeFile(t, filepath.Join(root, "src", "onlysc", "onlysc.go"), `package onlysc

import (
	clientv3 "go.etcd.io/etcd/client/v3"
	"go.etcd.io/etcd/client/v3/concurrency"
)

func F(cli *clientv3.Client) {
	s, _ := concurrency.NewSession(cli)
	_ = s.Lease()
}
`)
	for _, tc := range []struct {
		name   string
		args   []string
		code   int
		stderr string // regexp the error output must match
	}{
		{"clean", []string{"./clean"}, 0, `^$`},
		{"findings", []string{"./onlysc"}, 3, `onlysc.go:9:10: session from concurrency.NewSession leaks: the function returns at onlysc.go:11`},
		// -json exits as the text output does (it used to exit 0 whatever
		// it found): a CI job can fail on findings in any format.
		{"json exits 3 on findings", []string{"-json", "./sessionclose/basic"}, 3, `^$`},
		// The go command's build output repeats the type checker's
		// error; it is printed once, relative to the working directory.
		{"type error", []string{"./broken"}, 1, `^broken/broken.go:3:23: cannot use "x" \(untyped string constant\) as int value in return statement\n$`},
		{"missing package", []string{"./does/not/exist"}, 1, `cannot find package "does/not/exist"`},
		{"pattern matching nothing", []string{"nothing/..."}, 1, `^etcdlint: nothing/... matched no packages\n$`},
		{"unknown flag", []string{"-bogus", "./clean"}, 2, `^flag provided but not defined: -bogus\n$`},
		{"bad flag value", []string{"-ctxtimeout.max=abc", "./clean"}, 2, `^invalid value "abc" for flag -ctxtimeout.max: parse error\n$`},
		{"help", []string{"-h"}, 0, `run 'etcdlint help'`},
		{"disabled analyzer", []string{"-sessionclose=false", "./onlysc"}, 0, `^$`},
		{"only one analyzer", []string{"-unlockpair", "./onlysc"}, 0, `^$`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, stderr, code := run(t, root, "etcdlint", tc.args...)
			if code != tc.code {
				t.Errorf("etcdlint %s: exit %d, want %d; stderr:\n%s", strings.Join(tc.args, " "), code, tc.code, stderr)
			}
			if !regexp.MustCompile(tc.stderr).MatchString(stderr) {
				t.Errorf("etcdlint %s: stderr does not match %q:\n%s", strings.Join(tc.args, " "), tc.stderr, stderr)
			}
			if strings.Contains(stderr, "failed prerequisites") || strings.Contains(stderr, "analysis skipped") {
				t.Errorf("etcdlint %s: the analyzers add noise to the load error:\n%s", strings.Join(tc.args, " "), stderr)
			}
			if strings.Contains(stderr, "panic") {
				t.Errorf("etcdlint %s panicked:\n%s", strings.Join(tc.args, " "), stderr)
			}
		})
	}
}

func TestJSON(t *testing.T) {
	root := gopath(t)
	stdout, _, _ := run(t, root, "etcdlint", "-json", "./sessionclose/basic")
	// {"pkg": {"analyzer": [diagnostic...]}}
	var tree map[string]map[string]json.RawMessage
	if err := json.Unmarshal([]byte(stdout), &tree); err != nil {
		t.Fatalf("-json output is not JSON: %v\n%s", err, stdout)
	}
	var diags []struct {
		Posn     string `json:"posn"`
		Message  string `json:"message"`
		Category string `json:"category"`
	}
	if err := json.Unmarshal(tree["sessionclose/basic"]["sessionclose"], &diags); err != nil {
		t.Fatalf("no sessionclose diagnostics for sessionclose/basic in:\n%s", stdout)
	}
	if len(diags) != 3 {
		t.Fatalf("got %d diagnostics, want 3:\n%s", len(diags), stdout)
	}
	for _, d := range diags {
		if d.Category != "SC1" || !strings.Contains(d.Posn, "basic.go:") {
			t.Errorf("diagnostic %+v: want category SC1 and a position in basic.go", d)
		}
	}
}

// Two runs print the same bytes, whatever the map order inside.
func TestDeterministic(t *testing.T) {
	root := gopath(t)
	pkgs := existing(root)
	for _, mode := range [][]string{nil, {"-json"}} {
		args := append(append([]string{}, mode...), pkgs...)
		out1, err1, _ := run(t, root, "etcdlint", args...)
		out2, err2, _ := run(t, root, "etcdlint", args...)
		if out1 != out2 {
			t.Errorf("etcdlint %v: stdout of two runs differs:\n%s", args, firstDifference(out1, out2))
		}
		if err1 != err2 {
			t.Errorf("etcdlint %v: stderr of two runs differs:\n%s", args, firstDifference(err1, err2))
		}
		if out1+err1 == "" {
			t.Errorf("etcdlint %v printed nothing; the fixtures have findings", args)
		}
	}
}

// firstDifference shows the first line where a and b differ, with the
// lines around it, so a flaky failure can be diagnosed from the CI log.
func firstDifference(a, b string) string {
	al, bl := strings.Split(a, "\n"), strings.Split(b, "\n")
	i := 0
	for i < len(al) && i < len(bl) && al[i] == bl[i] {
		i++
	}
	window := func(lines []string) string {
		lo, hi := max(0, i-2), min(len(lines), i+3)
		return strings.Join(lines[lo:hi], "\n")
	}
	return fmt.Sprintf("first difference at line %d (of %d and %d)\n--- first run:\n%s\n--- second run:\n%s", i+1, len(al), len(bl), window(al), window(bl))
}

// Applying every suggested fix yields code that compiles, is gofmt-clean,
// no longer has those findings, and a second -fix changes nothing.
func TestFixIsSafe(t *testing.T) {
	root := gopath(t)
	pkgs := existing(root)
	before := fixable(t, root, pkgs)
	original := snapshot(t, root)
	if before == 0 {
		t.Fatal("no suggested fixes in the fixtures; the test would prove nothing")
	}
	if _, stderr, code := run(t, root, "etcdlint", append([]string{"-fix"}, pkgs...)...); code != 0 && code != 3 {
		t.Fatalf("-fix: exit %d\n%s", code, stderr)
	}
	first := snapshot(t, root)
	var changed []string
	for path, content := range first {
		if original[path] != content {
			changed = append(changed, path)
		}
	}
	if len(changed) == 0 {
		t.Fatal("-fix changed no file")
	}
	if out, stderr, code := run(t, root, "go", append([]string{"build"}, pkgs...)...); code != 0 {
		t.Fatalf("fixed code does not compile:\n%s%s", out, stderr)
	}
	if out, _, _ := run(t, root, "gofmt", append([]string{"-l"}, changed...)...); out != "" {
		t.Errorf("fixed code is not gofmt-clean:\n%s", out)
	}
	if n := fixable(t, root, pkgs); n != 0 {
		t.Errorf("after -fix, %d findings still offer a fix", n)
	}
	run(t, root, "etcdlint", append([]string{"-fix"}, pkgs...)...)
	if second := snapshot(t, root); !equalMaps(first, second) {
		t.Error("a second -fix changed the code")
	}
	t.Logf("%d fixes applied", before)
}

// fixable counts the diagnostics that carry a suggested fix.
func fixable(t *testing.T, root string, pkgs []string) int {
	stdout, _, _ := run(t, root, "etcdlint", append([]string{"-json"}, pkgs...)...)
	var tree map[string]map[string]json.RawMessage
	if err := json.Unmarshal([]byte(stdout), &tree); err != nil {
		t.Fatalf("-json: %v\n%s", err, stdout)
	}
	n := 0
	for _, byAnalyzer := range tree {
		for _, raw := range byAnalyzer {
			var diags []struct {
				Fixes []json.RawMessage `json:"suggested_fixes"`
			}
			if json.Unmarshal(raw, &diags) != nil {
				continue // an error object, not diagnostics
			}
			for _, d := range diags {
				if len(d.Fixes) > 0 {
					n++
				}
			}
		}
	}
	return n
}

func snapshot(t *testing.T, root string) map[string]string {
	files := make(map[string]string)
	err := filepath.WalkDir(filepath.Join(root, "src"), func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") {
			return err
		}
		b, err := os.ReadFile(path)
		files[path] = string(b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

func equalMaps(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

// go vet -vettool reports what the standalone command reports.
func TestVetTool(t *testing.T) {
	root := gopath(t)
	_, standalone, code := run(t, root, "etcdlint", "./sessionclose/basic")
	if code != 3 {
		t.Fatalf("standalone: exit %d, want 3", code)
	}
	_, vet, code := run(t, root, "go", "vet", "-vettool="+etcdlint, "./sessionclose/basic")
	if code == 0 {
		t.Fatalf("go vet -vettool: exit 0, want findings")
	}
	want := findings(standalone)
	got := findings(vet)
	if len(want) == 0 || !equalMaps(want, got) {
		t.Errorf("go vet -vettool findings differ from the standalone ones:\nstandalone:\n%s\nvet:\n%s", standalone, vet)
	}
}

// findings indexes "file.go:line:col: message (RULE)" lines by their
// file:line:col and rule: two rules may report at one position (UP1 and
// UP6 at an ignored Lock).
func findings(out string) map[string]string {
	re := regexp.MustCompile(`([\w.]+\.go:\d+:\d+): (.*?)( \(\w+\))?$`)
	m := make(map[string]string)
	for _, line := range strings.Split(out, "\n") {
		if s := re.FindStringSubmatch(line); s != nil {
			m[s[1]+s[3]] = s[2]
		}
	}
	return m
}

func writeFile(t *testing.T, path, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}
