package integration

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The integration docs show users the .golangci.yml this test runs with:
// keep them the same file, byte for byte.
func TestDocsConfigIsTheTestedOne(t *testing.T) {
	readme, err := os.ReadFile(filepath.Join("..", "..", "docs", "integration.md"))
	if err != nil {
		t.Fatal(err)
	}
	tested, err := os.ReadFile(filepath.Join("testdata", ".golangci.yml"))
	if err != nil {
		t.Fatal(err)
	}
	const heading = "### `.golangci.yml`"
	_, after, ok := strings.Cut(string(readme), heading)
	if !ok {
		t.Fatalf("docs/integration.md has no %q section", heading)
	}
	_, block, ok := strings.Cut(after, "```yaml\n")
	if !ok {
		t.Fatalf("no yaml block after %q", heading)
	}
	block, _, _ = strings.Cut(block, "```")
	if block != string(tested) {
		t.Errorf("docs/integration.md's .golangci.yml differs from testdata/.golangci.yml:\ndocs:\n%s\ntested:\n%s", block, tested)
	}
}
