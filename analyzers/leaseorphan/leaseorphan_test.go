package leaseorphan_test

import (
	"path/filepath"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/etcdlint/etcdlint/analyzers/leaseorphan"
)

func TestLeaseOrphan(t *testing.T) {
	testdata, _ := filepath.Abs(filepath.Join("..", "..", "testdata"))
	analysistest.Run(t, testdata, leaseorphan.Analyzer, "leaseorphan/...")
}
