// Command etcdlint finds misuse of the etcd Go client's session, lock and
// lease API: sessions never closed, locks never unlocked, contexts whose
// cancel is lost or that can never end a wait, and leases nobody uses.
//
// Usage:
//
//	etcdlint [flags] packages...
//	go vet -vettool=$(command -v etcdlint) packages...
//
// Exit status: 0 when clean, 3 when there are findings, 1 on errors
// (packages that do not load or type-check, bad flags). -json always exits 0.
package main

import (
	"golang.org/x/tools/go/analysis/multichecker"

	"github.com/etcdlint/etcdlint/analyzers"
)

func main() {
	multichecker.Main(analyzers.All()...)
}
