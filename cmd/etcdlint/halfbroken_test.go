package main_test

import (
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// A root that uses a field of a type from a dependency that does not
// type-check: go/types records no error in the root, and building its SSA
// used to panic and end the run with exit 2 (issue 13, class 11).
const halfBrokenRoot = `package root

import (
	"hb/DEP"

	clientv3 "go.etcd.io/etcd/client/v3"
	"go.etcd.io/etcd/client/v3/concurrency"
)

func F(cli *clientv3.Client, t DEP.T) error {
	if t.F.Ok {
		s, err := concurrency.NewSession(cli)
		if err != nil {
			return err
		}
		defer s.Close()
	}
	return nil
}
`

// A root that uses only what its broken dependency did type is analysed:
// its finding is printed beside the dependency's error.
const halfBrokenAnalysed = `package analysed

import (
	"hb/local"

	clientv3 "go.etcd.io/etcd/client/v3"
	"go.etcd.io/etcd/client/v3/concurrency"
)

func F(cli *clientv3.Client) int {
	s, _ := concurrency.NewSession(cli)
	_ = s.Lease()
	return local.Good()
}
`

func TestHalfBrokenBuild(t *testing.T) {
	root := gopath(t)
	src := filepath.Join(root, "src", "hb")
	// A dependency with a type error of its own, and one whose import
	// does not resolve.
	writeFile(t, filepath.Join(src, "local", "local.go"), "package local\n\ntype T struct{ F Missing }\n\nfunc Good() int { return 1 }\n")
	writeFile(t, filepath.Join(src, "missing", "missing.go"), "package missing\n\nimport \"does/not/exist\"\n\ntype T struct{ F exist.Thing }\n")
	writeFile(t, filepath.Join(src, "uselocal", "uselocal.go"), strings.ReplaceAll(halfBrokenRoot, "DEP", "local"))
	writeFile(t, filepath.Join(src, "usemissing", "usemissing.go"), strings.ReplaceAll(halfBrokenRoot, "DEP", "missing"))
	writeFile(t, filepath.Join(src, "analysed", "analysed.go"), halfBrokenAnalysed)
	for _, tc := range []struct {
		pkg       string
		depError  string // the dependency's error, printed once
		notOnce   string // the root's "not analysed" line, printed once
		finding   string // a finding still printed
		forbidden string // the type checker's echo of depError
	}{
		{"./hb/uselocal", `hb/local/local.go:3:18: undefined: Missing`,
			`^etcdlint: hb/uselocal not analysed: its dependency hb/local does not type-check \(uselocal.go:11: F has an invalid type\)$`, "", ""},
		{"./hb/usemissing", `hb/missing/missing.go:3:8: cannot find package "does/not/exist"`,
			`^etcdlint: hb/usemissing not analysed: its dependency hb/missing does not type-check \(usemissing.go:11: F has an invalid type\)$`, "",
			"could not import does/not/exist"},
		{"./hb/analysed", `hb/local/local.go:3:18: undefined: Missing`, "",
			`analysed.go:11:10: session from concurrency.NewSession leaks`, ""},
	} {
		t.Run(tc.pkg, func(t *testing.T) {
			stdout, stderr, code := run(t, root, "etcdlint", tc.pkg)
			// A load error wins over findings (issue 14).
			if code != 1 {
				t.Errorf("exit %d, want 1", code)
			}
			for _, bad := range []string{"panic", "goroutine ", "failed prerequisites", "etcdssa"} {
				if strings.Contains(stderr, bad) {
					t.Errorf("the output says %q", bad)
				}
			}
			if n := strings.Count(stderr, tc.depError); n != 1 {
				t.Errorf("the dependency's error %q is printed %d times, want once", tc.depError, n)
			}
			if tc.forbidden != "" && strings.Contains(stderr, tc.forbidden) {
				t.Errorf("the type checker's echo %q of the dependency's error is printed", tc.forbidden)
			}
			if tc.notOnce != "" {
				if n := len(regexp.MustCompile("(?m)"+tc.notOnce).FindAllString(stderr, -1)); n != 1 {
					t.Errorf("%q printed %d times, want once", tc.notOnce, n)
				}
			} else if strings.Contains(stderr, "not analysed") {
				t.Errorf("a root that does not use the broken types is reported as not analysed")
			}
			if tc.finding != "" && !strings.Contains(stderr, tc.finding) {
				t.Errorf("the finding %q is missing", tc.finding)
			}
			if t.Failed() {
				t.Logf("stdout:\n%s\nstderr:\n%s", stdout, stderr)
			}
		})
	}
}
