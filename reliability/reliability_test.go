// Package reliability runs etcdlint over code it must never crash on: the
// standard library, and large real modules that use the etcd client
// (pinned in corpus/ and corpus-legacy/, linted by run.sh). It downloads
// and compiles a lot, so it runs only when ETCDLINT_INTEGRATION is set, as
// .ci/run does.
package reliability

import (
	"bytes"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

func integration(t *testing.T) {
	if os.Getenv("ETCDLINT_INTEGRATION") == "" {
		t.Skip("set ETCDLINT_INTEGRATION=1 to lint std and the real modules")
	}
}

// etcdlint std: hundreds of packages, none of which uses etcd. Nothing to
// report, nothing to crash on.
func TestStd(t *testing.T) {
	integration(t)
	bin := filepath.Join(t.TempDir(), "etcdlint")
	if out, err := exec.Command("go", "build", "-o", bin, "../cmd/etcdlint").CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	cmd := exec.Command(bin, "std")
	cmd.Dir = ".."
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Run(); err != nil || out.Len() > 0 {
		t.Fatalf("etcdlint std: %v, want exit 0 and no output:\n%s", err, out.String())
	}
}

// run.sh lints every pinned module and fails on a panic, an internal
// error or a load failure; findings are expected (see docs/realworld.md).
func TestRealModules(t *testing.T) {
	integration(t)
	cmd := exec.Command("bash", "run.sh")
	var out bytes.Buffer
	// run.sh logs each module as it starts it; passing that on as it
	// comes shows progress (with go test -v, which does not hold the
	// test's output back) in a run of a quarter of an hour.
	cmd.Stdout = &out
	cmd.Stderr = io.MultiWriter(&out, os.Stderr)
	err := cmd.Run()
	table := out.String()
	if i := strings.Index(table, "| module |"); i >= 0 {
		table = table[i:]
	}
	t.Logf("\n%s", table)
	if err != nil {
		t.Fatalf("reliability/run.sh: %v\n%s", err, out.String())
	}
}
