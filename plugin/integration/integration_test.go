// Package integration builds a real golangci-lint with the etcdlint plugin
// compiled in (plugin/build-golangci-lint.sh, the offline recipe the docs
// give) and runs it on the module in testdata, which uses the real etcd
// client. It takes a few minutes the first time, so it runs only when
// ETCDLINT_INTEGRATION is set:
//
//	ETCDLINT_INTEGRATION=1 go test ./plugin/integration -count=1 -v
package integration_test

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"golang.org/x/tools/go/analysis"

	"github.com/etcdlint/etcdlint/analyzers"
)

func TestGolangciLint(t *testing.T) {
	if os.Getenv("ETCDLINT_INTEGRATION") == "" {
		t.Skip("set ETCDLINT_INTEGRATION=1 to build golangci-lint with the plugin and run it")
	}
	gcl := buildGolangciLint(t)
	demo, _ := filepath.Abs("testdata")
	sessionGo := filepath.Join(demo, "session", "session.go")
	want := markedFindings(t, sessionGo, "finding")

	t.Run("findings", func(t *testing.T) {
		out, code := runGCL(t, gcl, demo, "", "./session/...")
		if code != 1 {
			t.Errorf("exit status %d, want 1 (issues found)", code)
		}
		if got := findings(t, out); !slices.Equal(got, want) {
			t.Errorf("findings:\n%s\nwant:\n%s\noutput:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"), out)
		}
		// The form users see, and what //nolint:etcdlint keys on.
		line := markedLine(t, sessionGo, "NewSession(cli) // finding: sessionclose")
		leak := regexp.MustCompile(fmt.Sprintf(`(?m)^%s:%d:\d+: sessionclose: session from concurrency\.NewSession leaks: .* \(etcdlint\)$`, regexp.QuoteMeta(sessionGo), line))
		if !leak.MatchString(out) {
			t.Errorf("no sessionclose leak at session.go:%d in the form %s:\n%s", line, leak, out)
		}
	})

	// The standalone command sees what //nolint:etcdlint hid from
	// golangci-lint: the suppression is golangci-lint's, not a blind spot.
	t.Run("nolint", func(t *testing.T) {
		etcdlint := filepath.Join(t.TempDir(), "etcdlint")
		goCmd(t, "..", "build", "-o", etcdlint, "../cmd/etcdlint")
		cmd := exec.Command(etcdlint, "./session/...")
		cmd.Dir = demo
		cmd.Env = append(os.Environ(), "GOWORK=off")
		out, _ := cmd.CombinedOutput()
		nolint := markedLine(t, sessionGo, "//nolint:etcdlint")
		// etcdlint prints paths relative to its working directory.
		if !strings.Contains(string(out), fmt.Sprintf("%s:%d:", filepath.Join("session", "session.go"), nolint)) {
			t.Errorf("etcdlint does not report session.go:%d, so //nolint:etcdlint was not tested:\n%s", nolint, out)
		}
	})

	// The command lines editors run, as their sources build them.
	t.Run("vscode-go", func(t *testing.T) {
		// vscode-go's goLint.ts for "go.lintTool": "golangci-lint-v2",
		// linting the package of the file being saved, in its directory.
		out, code := runIn(t, filepath.Join(demo, "session"), gcl, "run",
			"--issues-exit-code=0", "--output.text.print-issued-lines=false", "--show-stats=false",
			"--output.text.path=stdout", "--path-mode=abs")
		if code != 0 || !slices.Equal(findings(t, out), want) {
			t.Errorf("exit status %d, findings %q, want 0 and %q:\n%s", code, findings(t, out), want, out)
		}
	})
	t.Run("golangci-lint-langserver", func(t *testing.T) {
		// golangci-lint-langserver runs its configured command on the
		// directory of the saved file, from the workspace root, and keeps
		// the JSON issues whose file is the saved one, relative to the root.
		out, code := runIn(t, demo, gcl, "run", "--output.json.path=stdout", "--show-stats=false",
			"--issues-exit-code=1", filepath.Join(demo, "session")+string(filepath.Separator))
		var res struct {
			Issues []struct {
				FromLinter, Text string
				Pos              struct{ Filename string }
			}
		}
		if err := json.Unmarshal([]byte(out), &res); err != nil || code != 1 {
			t.Fatalf("exit status %d, want 1 and JSON: %v\n%s", code, err, out)
		}
		var got []string
		for _, is := range res.Issues {
			if is.FromLinter == "etcdlint" && is.Pos.Filename == "session/session.go" && strings.HasPrefix(is.Text, "sessionclose: ") {
				got = append(got, is.Text)
			}
		}
		if len(got) != len(want) {
			t.Errorf("%d sessionclose issues in session/session.go, want %d:\n%s", len(got), len(want), out)
		}
	})

	t.Run("enable", func(t *testing.T) {
		out, _ := runGCL(t, gcl, demo, "enable: [sessionclose]", "./session/...")
		if got := findings(t, out); !slices.Equal(got, want) {
			t.Errorf("findings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
	})

	t.Run("disable", func(t *testing.T) {
		out, code := runGCL(t, gcl, demo, "disable: [sessionclose]", "./session/...")
		if got := findings(t, out); code != 0 || len(got) != 0 {
			t.Errorf("exit status %d, findings %q; want 0 and none:\n%s", code, got, out)
		}
	})

	// An empty map would not do: golangci-lint's config loader drops it.
	t.Run("unknown setting", func(t *testing.T) {
		out, code := runGCL(t, gcl, demo, "sesionclose: {max: 5s}", "./session/...")
		msg := `plugin(etcdlint): newPlugin settings: unknown setting "sesionclose"`
		if code != 3 || !strings.Contains(out, msg) {
			t.Errorf("exit status %d, want 3 (failure) and %q:\n%s", code, msg, out)
		}
	})

	t.Run("flag", func(t *testing.T) {
		if !hasFlag(analyzers.All(), "ctxtimeout", "max") {
			t.Skip("no ctxtimeout analyzer with a max flag in this checkout")
		}
		ctxGo := filepath.Join(demo, "ctx", "ctx.go")
		line := markedLine(t, ctxGo, "// finding with max 5s: ctxtimeout")
		at := fmt.Sprintf("%s:%d ctxtimeout", ctxGo, line)
		out, _ := runGCL(t, gcl, demo, "", "./ctx/...")
		if slices.Contains(findings(t, out), at) {
			t.Errorf("ctxtimeout reports a one-minute timeout with max unset:\n%s", out)
		}
		out, _ = runGCL(t, gcl, demo, "ctxtimeout: {max: 5s}", "./ctx/...")
		if !slices.Contains(findings(t, out), at) {
			t.Errorf("ctxtimeout does not report a one-minute timeout with max: 5s:\n%s", out)
		}
	})
}

// buildGolangciLint runs the offline recipe, which caches the binary.
func buildGolangciLint(t *testing.T) string {
	start := time.Now()
	cmd := exec.Command("bash", "../build-golangci-lint.sh")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("build-golangci-lint.sh: %v\n%s", err, stderr.Bytes())
	}
	bin := strings.TrimSpace(string(out))
	t.Logf("golangci-lint with etcdlint: %s (%s)", bin, time.Since(start).Round(time.Second))
	return bin
}

// runGCL runs golangci-lint on pkgs of the demo module with the demo's
// .golangci.yml, plus settings for etcdlint when given, and returns its
// output and exit status.
func runGCL(t *testing.T, gcl, demo, settings string, pkgs ...string) (string, int) {
	config, err := os.ReadFile(filepath.Join(demo, ".golangci.yml"))
	if err != nil {
		t.Fatal(err)
	}
	if settings != "" {
		// The etcdlint block ends the file, so its settings can follow.
		config = fmt.Appendf(config, "        settings:\n          %s\n", settings)
	}
	tmp := t.TempDir()
	path := filepath.Join(tmp, ".golangci.yml")
	if err := os.WriteFile(path, config, 0o644); err != nil {
		t.Fatal(err)
	}
	args := append([]string{"run", "-c", path, "--path-mode=abs",
		"--output.text.print-issued-lines=false", "--output.text.colors=false", "--show-stats=false",
		"--max-issues-per-linter=0", "--max-same-issues=0"}, pkgs...)
	return runIn(t, demo, gcl, args...)
}

// runIn runs golangci-lint in dir and returns its output (stdout only when
// it is JSON) and exit status.
func runIn(t *testing.T, dir, gcl string, args ...string) (string, int) {
	cmd := exec.Command(gcl, args...)
	cmd.Dir = dir
	// A fresh cache: results cached by another build of the plugin must
	// not stand in for this one's.
	cmd.Env = append(os.Environ(), "GOWORK=off", "GOLANGCI_LINT_CACHE="+t.TempDir())
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	code := 0
	if err != nil {
		ee, ok := err.(*exec.ExitError)
		if !ok {
			t.Fatal(err)
		}
		code = ee.ExitCode()
	}
	if slices.Contains(args, "--output.json.path=stdout") {
		if stderr.Len() > 0 {
			t.Logf("stderr: %s", stderr.Bytes())
		}
		return stdout.String(), code
	}
	return stdout.String() + stderr.String(), code
}

var issue = regexp.MustCompile(`^(.+\.go):(\d+):(?:\d+:)? (\w+): .* \(etcdlint\)$`)

// findings lists golangci-lint's etcdlint issues as "file:line analyzer".
func findings(t *testing.T, out string) []string {
	var got []string
	for line := range strings.SplitSeq(out, "\n") {
		if m := issue.FindStringSubmatch(line); m != nil {
			got = append(got, fmt.Sprintf("%s:%s %s", m[1], m[2], m[3]))
		}
	}
	slices.Sort(got)
	return got
}

// markedFindings lists the lines of file ending in "// <marker>: <analyzer>"
// as "file:line analyzer".
func markedFindings(t *testing.T, file, marker string) []string {
	re := regexp.MustCompile(`// ` + marker + `: (\w+)$`)
	var want []string
	forLines(t, file, func(n int, line string) {
		if m := re.FindStringSubmatch(line); m != nil {
			want = append(want, fmt.Sprintf("%s:%d %s", file, n, m[1]))
		}
	})
	slices.Sort(want)
	if len(want) == 0 {
		t.Fatalf("%s marks no findings", file)
	}
	return want
}

// markedLine is the number of the one line of file containing marker.
func markedLine(t *testing.T, file, marker string) int {
	var lines []int
	forLines(t, file, func(n int, line string) {
		if strings.Contains(line, marker) {
			lines = append(lines, n)
		}
	})
	if len(lines) != 1 {
		t.Fatalf("%s: %d lines contain %q, want 1", file, len(lines), marker)
	}
	return lines[0]
}

func forLines(t *testing.T, file string, f func(n int, line string)) {
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	sc := bufio.NewScanner(bytes.NewReader(data))
	for n := 1; sc.Scan(); n++ {
		f(n, sc.Text())
	}
}

func goCmd(t *testing.T, dir string, args ...string) {
	cmd := exec.Command("go", args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOWORK=off")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go %s: %v\n%s", strings.Join(args, " "), err, out)
	}
}

func hasFlag(as []*analysis.Analyzer, analyzer, flag string) bool {
	for _, a := range as {
		if a.Name == analyzer {
			return a.Flags.Lookup(flag) != nil
		}
	}
	return false
}
