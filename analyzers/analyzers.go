// Package analyzers lists etcdlint's analyzers, for the command and the
// golangci-lint plugin.
package analyzers

import (
	"golang.org/x/tools/go/analysis"

	"github.com/etcdlint/etcdlint/analyzers/sessionclose"
)

// All returns every etcdlint analyzer, in the order their docs are listed.
func All() []*analysis.Analyzer {
	return []*analysis.Analyzer{
		sessionclose.Analyzer,
	}
}
