package main_test

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// The tests of the command line as docs/usage.md describes it, on the
// built binary.

// runIn runs etcdlint in GOPATH mode over root, in dir (relative to
// root/src).
func runIn(t *testing.T, root, dir string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	return runCmd(t, root, dir, exec.Command(etcdlint, args...))
}

// cliTree is the stub tree plus the packages these tests lint.
func cliTree(t *testing.T) string {
	root := gopath(t)
	src := filepath.Join(root, "src")
	writeFile(t, filepath.Join(src, "clean", "clean.go"), "package clean\n\nfunc F() int { return 1 }\n")
	writeFile(t, filepath.Join(src, "broken", "broken.go"), "package broken\n\nfunc F() int { return \"x\" }\n")
	writeFile(t, filepath.Join(src, "leaks", "leaks.go"), `package leaks

import (
	clientv3 "go.etcd.io/etcd/client/v3"
	"go.etcd.io/etcd/client/v3/concurrency"
)

func Session(cli *clientv3.Client) {
	s, _ := concurrency.NewSession(cli)
	_ = s.Lease()
}

func Locker(s *concurrency.Session) {
	l := concurrency.NewLocker(s, "/lock/")
	l.Lock()
	defer l.Unlock()
}
`)
	return root
}

// rules returns the rule IDs at the end of text findings, in order.
func rules(stderr string) []string {
	re := regexp.MustCompile(`(?m)^\S+\.go:\d+:\d+: .* \(([A-Z]+\d|[a-z]+)\)$`)
	var ids []string
	for _, m := range re.FindAllStringSubmatch(stderr, -1) {
		ids = append(ids, m[1])
	}
	return ids
}

func TestTextOutput(t *testing.T) {
	root := cliTree(t)
	_, stderr, code := runIn(t, root, "", "./leaks", "./sessionclose/basic")
	if code != 3 {
		t.Fatalf("exit %d, want 3:\n%s", code, stderr)
	}
	lines := strings.Split(strings.TrimSpace(stderr), "\n")
	re := regexp.MustCompile(`^(leaks/leaks\.go|sessionclose/basic/basic\.go):(\d+):(\d+): .+ \((SC1|UP1|UP6|CT3|CT4)\)$`)
	var keys []string
	for _, l := range lines {
		m := re.FindStringSubmatch(l)
		if m == nil {
			t.Fatalf("finding %q is not relative-path:line:col: message (RULE)", l)
		}
		keys = append(keys, m[1]+":"+strings.Repeat("0", 4-len(m[2]))+m[2])
	}
	if !slices.IsSorted(keys) {
		t.Errorf("findings are not sorted by position across analyzers:\n%s", stderr)
	}
	// basic.go has SC1, UP1, UP6 and CT4 findings in one file, interleaved.
	if got := strings.Join(rules(stderr), " "); got != "SC1 CT3 SC1 UP1 UP6 SC1 CT4 CT4 SC1" {
		t.Errorf("rules in order: %s\n%s", got, stderr)
	}
	// Outside the working directory, paths stay absolute.
	_, stderr, _ = runIn(t, root, "clean", "../leaks")
	if !strings.HasPrefix(stderr, filepath.Join(root, "src", "leaks", "leaks.go")+":9:10: ") {
		t.Errorf("a file outside the working directory: want its absolute path:\n%s", stderr)
	}
}

// Every mix of findings, load errors and bad input, in every format.
func TestExitCodeMix(t *testing.T) {
	root := cliTree(t)
	for _, tc := range []struct {
		args   []string
		code   int
		stderr string // regexp
	}{
		{[]string{"./clean"}, 0, `^$`},
		{[]string{"./clean", "./leaks"}, 3, `\(SC1\)`},
		{[]string{"./broken", "./leaks"}, 1, `broken/broken.go:3:23: cannot use(.|\n)*leaks/leaks.go:9:10: `},
		{[]string{"./broken", "./clean"}, 1, `broken/broken.go:3:23`},
		{[]string{"./does/not/exist", "./leaks"}, 1, `cannot find package "does/not/exist"`},
		{[]string{"./nothing/...", "./leaks"}, 1, `etcdlint: ./nothing/... matched no packages`},
		{[]string{"nothing/...", "./leaks"}, 1, `etcdlint: nothing/... matched no packages`},
		{[]string{"./leaks/...", "leaks/..."}, 3, `^[^e]`}, // wildcards that match: no error
		{[]string{"-format=json", "./leaks"}, 3, `^$`},
		{[]string{"-json", "./clean"}, 0, `^$`},
		{[]string{"-json", "./broken", "./leaks"}, 1, `broken.go:3:23`},
		{[]string{"-format=sarif", "./leaks"}, 3, `^$`},
		{[]string{"-format=sarif", "./broken"}, 1, `broken.go:3:23`},
		{[]string{"-format=sarif", "./clean"}, 0, `^$`},
		{[]string{"-format=github", "./leaks"}, 3, `^$`},
		{[]string{"-format=github", "./clean"}, 0, `^$`},
		{[]string{"./leaks", "-json"}, 2, `^etcdlint: flag -json after the package patterns: flags go first`},
		{[]string{"-format=xml", "./leaks"}, 2, `unknown -format "xml": want text, json, sarif or github`},
		{[]string{"-json", "-format=sarif", "./leaks"}, 2, `-json and -format=sarif conflict`},
		{[]string{"-checks=all,-SC9", "./leaks"}, 2, `check "-SC9" names no rule or analyzer`},
		{[]string{"-diff", "./leaks"}, 2, `-diff needs -fix`},
		{[]string{}, 2, `^usage: etcdlint \[flags\] packages`},
	} {
		_, stderr, code := runIn(t, root, "", tc.args...)
		if code != tc.code {
			t.Errorf("etcdlint %s: exit %d, want %d; stderr:\n%s", strings.Join(tc.args, " "), code, tc.code, stderr)
		}
		if !regexp.MustCompile(tc.stderr).MatchString(stderr) {
			t.Errorf("etcdlint %s: stderr does not match %q:\n%s", strings.Join(tc.args, " "), tc.stderr, stderr)
		}
	}
}

func TestChecks(t *testing.T) {
	root := cliTree(t)
	for _, tc := range []struct {
		checks string
		want   string // rules found, in order
	}{
		{"all", "SC1 CT3 SC1 UP1 UP6 SC1 CT4 CT4 SC1"},
		{"all,-CT3", "SC1 SC1 UP1 UP6 SC1 CT4 CT4 SC1"},
		{"SC1,UP*", "SC1 SC1 UP1 UP6 SC1 SC1"},
		{"ctxtimeout,-CT4", "CT3"},
		{"sessionclose", "SC1 SC1 SC1 SC1"},
	} {
		_, stderr, _ := runIn(t, root, "", "-checks="+tc.checks, "./leaks", "./sessionclose/basic")
		if got := strings.Join(rules(stderr), " "); got != tc.want {
			t.Errorf("-checks=%s: got rules %q, want %q:\n%s", tc.checks, got, tc.want, stderr)
		}
	}
	// A selection of nothing is an error, with the fix in the message.
	if _, stderr, code := runIn(t, root, "", "-checks=-CT3", "./leaks"); code != 2 || !strings.Contains(stderr, "start with all (all,-CT3)") {
		t.Errorf("-checks=-CT3: exit %d, stderr %q; want 2 and a hint", code, stderr)
	}
}

func TestConfigFile(t *testing.T) {
	root := cliTree(t)
	src := filepath.Join(root, "src")
	conf := filepath.Join(src, "etcdlint.conf")
	writeFile(t, conf, "# only the ctxtimeout rules but CT4\nchecks = [\"ctxtimeout\", \"-CT4\"]\nctxtimeout.max = \"5s\"\n")
	// The file applies from subdirectories too.
	if _, stderr, _ := runIn(t, root, "leaks", "."); strings.Join(rules(stderr), " ") != "CT3" {
		t.Errorf("with etcdlint.conf: got %q, want CT3 alone", stderr)
	}
	// The command line wins.
	if _, stderr, _ := runIn(t, root, "", "-checks=SC1", "./leaks"); strings.Join(rules(stderr), " ") != "SC1" {
		t.Errorf("-checks over etcdlint.conf: got %q, want SC1 alone", stderr)
	}
	for _, tc := range []struct{ content, stderr string }{
		{"check = [\"all\"]\n", `etcdlint.conf:1: unknown key "check": want checks or <analyzer>.<flag>`},
		{"ctxtimeout.maxx = \"5s\"\n", `etcdlint.conf:1: unknown key "ctxtimeout.maxx": no analyzer has that flag`},
		{"ctxtimeout.max = \"soon\"\n", `etcdlint.conf:1: ctxtimeout.max: invalid value "soon"`},
		{"checks = all\n", `etcdlint.conf:1: checks: want a list of strings`},
		{"checks = [\"SC9\"]\n", `-checks: check "SC9" names no rule`},
		{"# fine\n\nchecks = [\"all\"]\nchecks = [\"SC1\"]\n", `etcdlint.conf:4: checks set twice`},
		{"checks\n", `etcdlint.conf:1: want key = value`},
	} {
		writeFile(t, conf, tc.content)
		_, stderr, code := runIn(t, root, "", "./leaks")
		if code != 2 || !regexp.MustCompile(tc.stderr).MatchString(stderr) {
			t.Errorf("etcdlint.conf %q: exit %d, stderr %q; want 2 and %q", tc.content, code, stderr, tc.stderr)
		}
	}
}

func TestIgnoreDirectives(t *testing.T) {
	root := cliTree(t)
	writeFile(t, filepath.Join(root, "src", "ignored", "ignored.go"), `package ignored

import (
	clientv3 "go.etcd.io/etcd/client/v3"
	"go.etcd.io/etcd/client/v3/concurrency"
)

func Session(cli *clientv3.Client) {
	s, _ := concurrency.NewSession(cli) //etcdlint:ignore SC1 the supervisor revokes the lease
	_ = s.Lease()
}

func Locker(s *concurrency.Session) {
	//etcdlint:ignore CT3 a test helper: the lock is held for the test's life
	l := concurrency.NewLocker(s, "/lock/")
	l.Lock()
	defer l.Unlock()
}

func Stale(cli *clientv3.Client) {
	//etcdlint:ignore UP1 nothing here any more
	s, _ := concurrency.NewSession(cli)
	defer s.Close()
}
`)
	writeFile(t, filepath.Join(root, "src", "fileignored", "fileignored.go"), `package fileignored

//etcdlint:file-ignore SC1,CT3 sessions and lockers of a main package's helpers

import (
	clientv3 "go.etcd.io/etcd/client/v3"
	"go.etcd.io/etcd/client/v3/concurrency"
)

func Session(cli *clientv3.Client) {
	s, _ := concurrency.NewSession(cli)
	_ = s.Lease()
}

func Locker(s *concurrency.Session) {
	l := concurrency.NewLocker(s, "/lock/")
	l.Lock()
	defer l.Unlock()
}
`)
	_, stderr, code := runIn(t, root, "", "./ignored", "./fileignored")
	want := "ignored/ignored.go:21:2: unused etcdlint:ignore directive: UP1 reports nothing on this line or the next (unlockpair)\n"
	if code != 3 || stderr != want {
		t.Errorf("exit %d, stderr:\n%s\nwant 3 and only the stale directive:\n%s", code, stderr, want)
	}
}

func TestHelp(t *testing.T) {
	root := cliTree(t)
	stdout, _, code := runIn(t, root, "", "help")
	if code != 0 {
		t.Fatalf("etcdlint help: exit %d", code)
	}
	for _, want := range []string{"usage", "-checks", "-format", "-tags", "-ctxtimeout.max", "Exit status", "//etcdlint:ignore", "etcdlint.conf", "SC1", "UP5", "CT5", "LO3"} {
		if !strings.Contains(strings.ToLower(stdout), strings.ToLower(want)) {
			t.Errorf("etcdlint help does not mention %s:\n%s", want, stdout)
		}
	}
	// x/tools' generic help is gone, and so are its no-op flags.
	for _, gone := range []string{"Printf", "-fixtool", "-cpuprofile", "-debug"} {
		if strings.Contains(stdout, gone) {
			t.Errorf("etcdlint help mentions %s:\n%s", gone, stdout)
		}
	}
	ids := regexp.MustCompile(`(?m)^\t([A-Z]+\d)  `).FindAllStringSubmatch(stdout, -1)
	if len(ids) != 17 {
		t.Errorf("etcdlint help lists %d rules, want 17", len(ids))
	}
	for _, m := range ids {
		id := m[1]
		out, _, code := runIn(t, root, "", "help", id)
		if code != 0 || !strings.HasPrefix(out, id+" (") || !strings.Contains(out, "https://") {
			t.Errorf("etcdlint help %s: exit %d:\n%s", id, code, out)
		}
		// The rule's own paragraph, not the whole analyzer's doc.
		if id != "SC1" && !strings.Contains(out, "\n\n"+id) {
			t.Errorf("etcdlint help %s does not print the rule's paragraph:\n%s", id, out)
		}
	}
	if out, _, _ := runIn(t, root, "", "help", "CT3"); !strings.Contains(out, "concurrency.NewLocker outside main.main") {
		t.Errorf("etcdlint help CT3:\n%s", out)
	}
	if out, _, _ := runIn(t, root, "", "help", "ctxtimeout"); !strings.Contains(out, "rules CT1, CT2, CT3, CT4, CT5") || !strings.Contains(out, "-ctxtimeout.max") {
		t.Errorf("etcdlint help ctxtimeout:\n%s", out)
	}
	if _, stderr, code := runIn(t, root, "", "help", "SC9"); code != 2 || !strings.Contains(stderr, `no rule or analyzer "SC9"`) {
		t.Errorf("etcdlint help SC9: exit %d, %s", code, stderr)
	}
}

func TestVersion(t *testing.T) {
	root := cliTree(t)
	re := regexp.MustCompile(`^etcdlint (\(devel\)|v\S+)( revision [0-9a-f]+( \(modified\))?)?, go\S+\n$`)
	for _, flag := range []string{"-version", "-V"} {
		stdout, stderr, code := runIn(t, root, "", flag)
		if code != 0 || !re.MatchString(stdout) {
			t.Errorf("etcdlint %s: exit %d, %q %s", flag, code, stdout, stderr)
		}
	}
	// go vet's protocol: "name version devel ... buildID=ID", the ID
	// keying vet's cache.
	stdout, _, code := runIn(t, root, "", "-V=full")
	if code != 0 || !regexp.MustCompile(`^etcdlint version devel .*buildID=[0-9a-f]{64}\n$`).MatchString(stdout) {
		t.Errorf("etcdlint -V=full: exit %d, %q", code, stdout)
	}
}

// -tags reaches the go command: a leak behind a build tag is found with
// the tag and only with it.
func TestTags(t *testing.T) {
	root := cliTree(t)
	writeFile(t, filepath.Join(root, "src", "tagged", "tagged.go"), "package tagged\n")
	writeFile(t, filepath.Join(root, "src", "tagged", "integration.go"), `//go:build integration

package tagged

import (
	clientv3 "go.etcd.io/etcd/client/v3"
	"go.etcd.io/etcd/client/v3/concurrency"
)

func Session(cli *clientv3.Client) {
	s, _ := concurrency.NewSession(cli)
	_ = s.Lease()
}
`)
	if _, stderr, code := runIn(t, root, "", "./tagged"); code != 0 {
		t.Errorf("without -tags: exit %d, want 0:\n%s", code, stderr)
	}
	_, stderr, code := runIn(t, root, "", "-tags=integration", "./tagged")
	if code != 3 || !strings.HasPrefix(stderr, "tagged/integration.go:11:10: session from concurrency.NewSession") {
		t.Errorf("-tags=integration: exit %d, want 3 and the leak:\n%s", code, stderr)
	}
}

// -fix -diff prints a diff git apply takes, and applying it gives what
// -fix writes.
func TestFixDiff(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("no git")
	}
	root := cliTree(t)
	src := filepath.Join(root, "src")
	git := func(args ...string) string {
		t.Helper()
		cmd := exec.Command("git", append([]string{"-c", "user.email=t@t", "-c", "user.name=t"}, args...)...)
		cmd.Dir = src
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
		}
		return string(out)
	}
	git("init", "-q")
	git("add", ".")
	git("commit", "-qm", "fixtures")
	diff, stderr, code := runIn(t, root, "", "-fix", "-diff", "./sessionclose/basic")
	if code != 3 {
		t.Fatalf("-fix -diff: exit %d:\n%s", code, stderr)
	}
	if !strings.HasPrefix(diff, "--- a/sessionclose/basic/basic.go\n+++ b/sessionclose/basic/basic.go\n@@ ") {
		t.Fatalf("-fix -diff: want a diff with relative a/ b/ paths:\n%s", diff)
	}
	if git("status", "--porcelain") != "" {
		t.Fatal("-fix -diff changed files")
	}
	patch := filepath.Join(root, "fix.patch")
	writeFile(t, patch, diff)
	git("apply", "--check", patch)
	git("apply", patch)
	applied := snapshot(t, root)
	git("checkout", "-q", ".")
	if _, stderr, code := runIn(t, root, "", "-fix", "./sessionclose/basic"); code != 3 {
		t.Fatalf("-fix: exit %d:\n%s", code, stderr)
	}
	if fixed := snapshot(t, root); !equalMaps(applied, fixed) {
		t.Error("git apply of the -diff output differs from what -fix writes")
	}
	if git("status", "--porcelain") == "" {
		t.Error("-fix changed nothing")
	}
}

// The SARIF output is valid against the SARIF 2.1.0 schema (vendored in
// testdata from the npm package @microsoft/jest-sarif, whose lib/schemas
// holds the OASIS schema) and carries rules, results and fixes.
func TestSARIF(t *testing.T) {
	root := cliTree(t)
	stdout, stderr, code := runIn(t, root, "", "-format=sarif", "./leaks", "./sessionclose/basic")
	if code != 3 {
		t.Fatalf("-format=sarif: exit %d:\n%s", code, stderr)
	}
	validateSARIF(t, stdout)
	var log struct {
		Version string
		Runs    []struct {
			Tool struct {
				Driver struct {
					Name  string
					Rules []struct {
						ID               string
						ShortDescription struct{ Text string }
						FullDescription  struct{ Text string }
						HelpURI          string
					}
				}
			}
			Results []struct {
				RuleID    string
				Level     string
				Message   struct{ Text string }
				Locations []struct {
					PhysicalLocation struct {
						ArtifactLocation struct{ URI string }
						Region           struct{ StartLine, StartColumn int }
					}
				}
				Fixes []json.RawMessage
			}
		}
	}
	if err := json.Unmarshal([]byte(stdout), &log); err != nil {
		t.Fatal(err)
	}
	run := log.Runs[0]
	var ids []string
	for _, r := range run.Tool.Driver.Rules {
		ids = append(ids, r.ID)
		if r.ShortDescription.Text == "" || r.FullDescription.Text == "" || !strings.HasPrefix(r.HelpURI, "https://") {
			t.Errorf("rule %s lacks a description or help URI: %+v", r.ID, r)
		}
	}
	for _, id := range []string{"SC1", "UP1", "CT3", "LO3"} {
		if !slices.Contains(ids, id) {
			t.Errorf("tool.driver.rules lacks %s: %v", id, ids)
		}
	}
	if len(run.Results) != 9 {
		t.Fatalf("%d results, want 9", len(run.Results))
	}
	first := run.Results[0]
	loc := first.Locations[0].PhysicalLocation
	if first.RuleID != "SC1" || first.Level != "warning" || loc.ArtifactLocation.URI != "leaks/leaks.go" || loc.Region.StartLine != 9 || loc.Region.StartColumn != 10 {
		t.Errorf("first result: %+v", first)
	}
	fixes := 0
	for _, r := range run.Results {
		fixes += len(r.Fixes)
	}
	if fixes == 0 {
		t.Error("no result carries its suggested fix")
	}
}

func validateSARIF(t *testing.T, out string) {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", "sarif-schema-2.1.0.json"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	doc, err := jsonschema.UnmarshalJSON(f)
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	if err := c.AddResource("sarif.json", doc); err != nil {
		t.Fatal(err)
	}
	schema, err := c.Compile("sarif.json")
	if err != nil {
		t.Fatal(err)
	}
	inst, err := jsonschema.UnmarshalJSON(strings.NewReader(out))
	if err != nil {
		t.Fatalf("SARIF output is not JSON: %v", err)
	}
	if err := schema.Validate(inst); err != nil {
		t.Errorf("SARIF output is not valid SARIF 2.1.0: %v", err)
	}
}

func TestGitHubFormat(t *testing.T) {
	root := cliTree(t)
	stdout, _, code := runIn(t, root, "", "-format=github", "./leaks")
	lines := strings.Split(strings.TrimSpace(stdout), "\n")
	re := regexp.MustCompile(`^::warning file=leaks/leaks\.go,line=\d+,col=\d+,title=(SC1|CT3)::[^\n]+$`)
	if code != 3 || len(lines) != 2 {
		t.Fatalf("exit %d, %d lines:\n%s", code, len(lines), stdout)
	}
	for _, l := range lines {
		if !re.MatchString(l) {
			t.Errorf("not a GitHub annotation: %s", l)
		}
	}
}
