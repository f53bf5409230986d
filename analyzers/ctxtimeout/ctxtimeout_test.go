package ctxtimeout_test

import (
	"flag"
	"os"
	"path/filepath"
	"testing"
	"time"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/etcdlint/etcdlint/analyzers/ctxtimeout"
)

func testdata(t *testing.T) string {
	dir, err := filepath.Abs(filepath.Join("..", "..", "testdata"))
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

// TestCtxTimeout runs every case but max, which needs the flag.
func TestCtxTimeout(t *testing.T) {
	dir := testdata(t)
	entries, err := os.ReadDir(filepath.Join(dir, "src", "ctxtimeout"))
	if err != nil {
		t.Fatal(err)
	}
	var pkgs []string
	for _, e := range entries {
		if e.IsDir() && e.Name() != "max" {
			pkgs = append(pkgs, "ctxtimeout/"+e.Name())
		}
	}
	analysistest.RunWithSuggestedFixes(t, dir, ctxtimeout.Analyzer, pkgs...)
}

// TestMax sets the max flag the two ways a driver can: on the analyzer's
// own FlagSet, as the command's -ctxtimeout.max does, and on a copy of the
// analyzer with a FlagSet of its own, as the golangci-lint plugin does.
func TestMax(t *testing.T) {
	t.Run("flag", func(t *testing.T) {
		if err := ctxtimeout.Analyzer.Flags.Set("max", "5s"); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { ctxtimeout.Analyzer.Flags.Set("max", "0") })
		analysistest.Run(t, testdata(t), ctxtimeout.Analyzer, "ctxtimeout/max")
	})
	t.Run("copy", func(t *testing.T) {
		a := *ctxtimeout.Analyzer
		a.Flags = flag.FlagSet{}
		a.Flags.Duration("max", 5*time.Second, "")
		analysistest.Run(t, testdata(t), &a, "ctxtimeout/max")
		if v := ctxtimeout.Analyzer.Flags.Lookup("max").Value.String(); v != "0s" {
			t.Errorf("the copy's flag changed the original's: max = %s", v)
		}
	})
	t.Run("bad value", func(t *testing.T) {
		a := *ctxtimeout.Analyzer
		a.Flags = flag.FlagSet{}
		a.Flags.Duration("max", 0, "")
		a.Flags.SetOutput(new(discard))
		if err := a.Flags.Parse([]string{"-max=5"}); err == nil {
			t.Error("-max=5 (no unit) was accepted")
		}
	})
}

type discard struct{}

func (discard) Write(p []byte) (int, error) { return len(p), nil }
