// Package analyzers lists etcdlint's analyzers, for the command, the vet
// tool and the golangci-lint plugin.
package analyzers

import (
	"golang.org/x/tools/go/analysis"

	"github.com/etcdlint/etcdlint/analyzers/clientclose"
	"github.com/etcdlint/etcdlint/analyzers/ctxtimeout"
	"github.com/etcdlint/etcdlint/analyzers/leaseorphan"
	"github.com/etcdlint/etcdlint/analyzers/sessionclose"
	"github.com/etcdlint/etcdlint/analyzers/unlockpair"
	"github.com/etcdlint/etcdlint/analyzers/watchleak"
	"github.com/etcdlint/etcdlint/internal/etcdssa"
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
		clientclose.Analyzer,
	})
}

// ForGopls returns All() for a driver that runs x/tools' buildssa anyway,
// as gopls does for nilness and others: the analyzers then take each
// package's SSA from buildssa instead of building it a second time. It
// changes the analyzers process-wide, so a driver calls it once, before
// any analysis starts; gopls-etcdlint (gopls/build-gopls.sh) does.
func ForGopls() []*analysis.Analyzer {
	etcdssa.ShareBuildSSA()
	return All()
}
