package main

import (
	"crypto/sha256"
	"fmt"
	"io"
	"os"
	"runtime"
	"runtime/debug"
	"strings"
)

// moduleVersion is etcdlint's module version from the build info: a tag
// such as v0.1.0 when installed with go install ...@v0.1.0, "(devel)" when
// built from a checkout.
func moduleVersion() string {
	info, _ := debug.ReadBuildInfo()
	return moduleVersionOf(info)
}

func moduleVersionOf(info *debug.BuildInfo) string {
	if info == nil || info.Main.Version == "" {
		return "(devel)"
	}
	return info.Main.Version
}

// vcs returns the revision and whether the tree was modified, when the
// binary was built from a checkout.
func vcs() (revision string, modified bool) {
	info, _ := debug.ReadBuildInfo()
	return vcsOf(info)
}

func vcsOf(info *debug.BuildInfo) (revision string, modified bool) {
	if info == nil {
		return "", false
	}
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			revision = s.Value
		case "vcs.modified":
			modified = s.Value == "true"
		}
	}
	return revision, modified
}

// version is the line -version prints:
//
//	etcdlint (devel) revision 0123abc... (modified), go1.26.0
func version() string {
	info, _ := debug.ReadBuildInfo()
	return versionLine(info)
}

func versionLine(info *debug.BuildInfo) string {
	var b strings.Builder
	fmt.Fprintf(&b, "etcdlint %s", moduleVersionOf(info))
	if rev, modified := vcsOf(info); rev != "" {
		fmt.Fprintf(&b, " revision %s", rev)
		if modified {
			b.WriteString(" (modified)")
		}
	}
	fmt.Fprintf(&b, ", %s", runtime.Version())
	return b.String()
}

// versionFull answers go vet's -V=full. The go command keys its cache on
// the line: for a "devel" version, on the buildID, which here is the hash
// of the executable, so that a rebuilt etcdlint invalidates vet's cache
// even when its version did not change.
func versionFull() string {
	id := "unknown"
	if exe, err := os.Executable(); err == nil {
		if f, err := os.Open(exe); err == nil {
			h := sha256.New()
			if _, err := io.Copy(h, f); err == nil {
				id = fmt.Sprintf("%x", h.Sum(nil))
			}
			f.Close()
		}
	}
	rev, _ := vcs()
	return strings.Join(strings.Fields(fmt.Sprintf("etcdlint version devel %s %s buildID=%s", moduleVersion(), rev, id)), " ")
}
