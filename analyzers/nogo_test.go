package analyzers_test

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// Bazel's nogo takes analyzer packages that declare an Analyzer variable.
// testdata/nogo is a main of the shape nogo generates for etcdlint's four
// packages; it must build, offer every analyzer and flag over the vet-tool
// protocol, and find a leak when go vet runs it. Bazel itself is not run.
func TestNogoStyleMain(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a binary")
	}
	bin := filepath.Join(t.TempDir(), "nogo")
	if out, err := exec.Command("go", "build", "-o", bin, "./testdata/nogo").CombinedOutput(); err != nil {
		t.Fatalf("go build ./testdata/nogo: %v\n%s", err, out)
	}

	out, err := exec.Command(bin, "-flags").Output()
	if err != nil {
		t.Fatalf("nogo -flags: %v", err)
	}
	var flags []struct{ Name string }
	if err := json.Unmarshal(out, &flags); err != nil {
		t.Fatalf("nogo -flags: %v\n%s", err, out)
	}
	have := map[string]bool{}
	for _, f := range flags {
		have[f.Name] = true
	}
	for _, want := range []string{"sessionclose", "unlockpair", "ctxtimeout", "leaseorphan", "watchleak", "clientclose", "ctxtimeout.max", "watchleak.tests"} {
		if !have[want] {
			t.Errorf("nogo -flags has no %q: %s", want, out)
		}
	}

	testdata, err := filepath.Abs(filepath.Join("..", "testdata"))
	if err != nil {
		t.Fatal(err)
	}
	vet := exec.Command("go", "vet", "-vettool="+bin, "./sessionclose/basic")
	vet.Dir = filepath.Join(testdata, "src")
	vet.Env = append(os.Environ(), "GOPATH="+testdata, "GO111MODULE=off", "GOFLAGS=", "GOWORK=off")
	var stderr bytes.Buffer
	vet.Stderr = &stderr
	if err := vet.Run(); err == nil {
		t.Fatalf("go vet with the nogo-style main: exit 0, want the sessionclose findings")
	}
	if !strings.Contains(stderr.String(), "session from concurrency.NewSession") {
		t.Errorf("go vet with the nogo-style main did not report the session leak:\n%s", stderr.String())
	}
}
