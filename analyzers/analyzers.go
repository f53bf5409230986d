// Package analyzers lists etcdlint's analyzers, for the command, the vet
// tool and the golangci-lint plugin.
package analyzers

import (
	"golang.org/x/tools/go/analysis"

	"github.com/etcdlint/etcdlint/analyzers/ctxtimeout"
	"github.com/etcdlint/etcdlint/analyzers/leaseorphan"
	"github.com/etcdlint/etcdlint/analyzers/sessionclose"
	"github.com/etcdlint/etcdlint/analyzers/unlockpair"
	"github.com/etcdlint/etcdlint/analyzers/watchleak"
	"github.com/etcdlint/etcdlint/internal/suppress"
)

// All returns every etcdlint analyzer, in the order their docs are listed.
// Each is a fresh copy that honours //etcdlint:ignore directives; the
// packages' own Analyzer vars stay raw for their unit tests.
func All() []*analysis.Analyzer {
	return suppress.Wrap([]*analysis.Analyzer{
		sessionclose.Analyzer,
		unlockpair.Analyzer,
		ctxtimeout.Analyzer,
		leaseorphan.Analyzer,
		watchleak.Analyzer,
	})
}
