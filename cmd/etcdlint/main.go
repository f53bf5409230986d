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
// (packages that do not load or type-check), 2 on a bad command line.
// -json always exits 0.
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"

	"golang.org/x/tools/go/analysis/multichecker"

	"github.com/etcdlint/etcdlint/analyzers"
)

func main() {
	if os.Getenv(childEnv) == "" && !isVetTool(os.Args[1:]) {
		if code, ok := runAsParent(); ok {
			os.Exit(code)
		}
	}
	// The flag package prints its error ("flag provided but not defined:
	// -bogus") and then the usage: all forty flags. A bad command line
	// gets the one line; -h gets the pointer to the help.
	flag.Usage = func() {
		if slices.ContainsFunc(os.Args[1:], isHelpFlag) {
			prog := filepath.Base(os.Args[0])
			fmt.Fprintf(os.Stderr, "usage: %[1]s [flags] packages...\nrun '%[1]s help' for the analyzers and their flags\n", prog)
		}
	}
	multichecker.Main(analyzers.All()...)
}

func isHelpFlag(arg string) bool {
	return arg == "-h" || arg == "-help" || arg == "--help" || arg == "--h"
}
