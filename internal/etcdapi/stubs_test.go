package etcdapi

import (
	"flag"
	"go/format"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

var updateStubs = flag.Bool("update-stubs", false, "rewrite the older stub generations from the v3.5+ stubs")

// The analysistest stubs in testdata/src exist once per import-path
// generation, because each path must be a real package. Only the v3.5+ set
// is written by hand; the others must be it with their own import paths.
// Regenerate them with: go test ./internal/etcdapi -run StubGenerations -update-stubs
func TestStubGenerationsInSync(t *testing.T) {
	src := filepath.Join("..", "..", "testdata", "src")
	labels := []string{"etcd v3.5+", "etcd v3.4", "etcd v3.3 and older"}
	newest := generations[0]
	for gi, gen := range generations[1:] {
		label := labels[gi+1]
		for role := range gen {
			from := filepath.Join(src, newest[role])
			files, err := filepath.Glob(filepath.Join(from, "*.go"))
			if err != nil || len(files) == 0 {
				t.Fatalf("no stubs in %s", from)
			}
			for _, f := range files {
				b, err := os.ReadFile(f)
				if err != nil {
					t.Fatal(err)
				}
				want := rewriteStub(string(b), newest, gen, gen[role], label)
				to := filepath.Join(src, gen[role], filepath.Base(f))
				got, _ := os.ReadFile(to)
				if string(got) == want {
					continue
				}
				if *updateStubs {
					if err := os.MkdirAll(filepath.Dir(to), 0o755); err != nil {
						t.Fatal(err)
					}
					if err := os.WriteFile(to, []byte(want), 0o644); err != nil {
						t.Fatal(err)
					}
					continue
				}
				t.Errorf("%s is not the v3.5+ stub %s with its import paths; run go test ./internal/etcdapi -run StubGenerations -update-stubs", to, f)
			}
		}
	}
}

var stubDoc = regexp.MustCompile(`(?m)^// Package (\w+) is a STUB of \S+ \([^)]*\)`)

func rewriteStub(s string, from, to [3]string, path, label string) string {
	// Longest paths first: the client path is a prefix of the others.
	for _, role := range []int{1, 2, 0} {
		s = strings.ReplaceAll(s, `"`+from[role]+`"`, `"`+to[role]+`"`)
	}
	s = stubDoc.ReplaceAllString(s, "// Package $1 is a STUB of "+path+" ("+label+" import path)")
	if b, err := format.Source([]byte(s)); err == nil {
		s = string(b)
	}
	return s
}
