#!/usr/bin/env bash
# Builds gopls-etcdlint: a stock gopls with etcdlint's analyzers added to
# its analyzer list, and prints the binary's path as its last line.
#
# gopls has no plugin API (golang/go#59869), but its analyzer list,
# gopls/internal/settings.AllAnalyzers, is a package variable. This script
# copies the pinned gopls module out of the Go module cache (or the module
# proxy), adds one file to internal/settings that appends etcdlint's
# analyzers to that list, and builds it against this checkout. Nothing else
# of gopls changes.
#
# gopls pins a pre-release x/tools whose internals its own packages use;
# etcdlint requires a newer x/tools, and minimal version selection would
# pick that one and break gopls. So the build replaces x/tools with the
# version gopls's own go.mod requires, and etcdlint's analyzers compile
# against it (the build proves they still do).
#
# The binary is cached, keyed on the gopls version, the Go version and
# every file of etcdlint compiled into it, so a rerun with nothing changed
# costs a second.
#
# With -stock it builds the same gopls without etcdlint, the same way, for
# the benchmark (gopls/bench.sh) to compare against.
#
# Environment:
#   GOPLS_VERSION        gopls version (default v0.23.0; v0.24.0 needs Go 1.27)
#   ETCDLINT_GOPLS_CACHE where binaries are kept
#                        (default ${XDG_CACHE_HOME:-$HOME/.cache}/etcdlint-gopls)
set -euo pipefail

src=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
version=${GOPLS_VERSION:-v0.23.0}
cache=${ETCDLINT_GOPLS_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/etcdlint-gopls}
# A go.work above this checkout, or in the user's environment, must not
# change what is built.
export GOWORK=off
stock=false
case ${1:-} in
-stock) stock=true ;;
"") ;;
*)
	echo "usage: build-gopls.sh [-stock]" >&2
	exit 2
	;;
esac

if command -v sha256sum >/dev/null; then
	sha() { sha256sum "$@"; }
else
	sha() { shasum -a 256 "$@"; }
fi
# The files compiled into gopls from this checkout, as the go command sees
# them, and this script (it writes the file gopls gains).
hash=$({
	go version
	echo "$version"
	cd "$src"
	{
		echo go.mod
		echo go.sum
		echo gopls/build-gopls.sh
		go list -deps \
			-f '{{if and .Module (eq .Module.Path "github.com/etcdlint/etcdlint")}}{{range .GoFiles}}{{$.Dir}}/{{.}}{{"\n"}}{{end}}{{range .EmbedFiles}}{{$.Dir}}/{{.}}{{"\n"}}{{end}}{{end}}' \
			./analyzers
	} | LC_ALL=C sort -u | while IFS= read -r f; do sha "$f"; done
} | sha | cut -c1-16)

# Which etcdlint this is, for `gopls version`: the checkout's revision when
# it is a git checkout, else the input hash alone.
rev=$(git -C "$src" describe --tags --always --dirty 2>/dev/null || true)
etcdlint_version=${rev:+$rev.}$hash

bin=$cache/gopls-$version-etcdlint-$hash
if $stock; then
	bin=$cache/gopls-$version-stock-$({ go version; echo "$version"; } | sha | cut -c1-16)
fi
if [[ -x $bin ]]; then
	echo "$bin"
	exit 0
fi

work=$(mktemp -d)
trap 'chmod -R u+w "$work" 2>/dev/null; rm -rf "$work"' EXIT
dir=$( (cd "$work" && go mod download -json golang.org/x/tools/gopls@"$version") |
	sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')
if [[ ! -f $dir/go.mod ]]; then
	echo "build-gopls: cannot download golang.org/x/tools/gopls@$version" >&2
	exit 1
fi
cp -R "$dir" "$work/gopls"
chmod -R u+w "$work/gopls"
$stock || cat >"$work/gopls/internal/settings/etcdlint.go" <<'EOF'
package settings

import "github.com/etcdlint/etcdlint/analyzers"

// etcdlint's analyzers join gopls's own: on by default, at gopls's default
// severity (warning), each configurable by name under "analyses". They
// share the SSA that gopls's buildssa builds for nilness.
func init() {
	for _, a := range analyzers.ForGopls() {
		AllAnalyzers = append(AllAnalyzers, &Analyzer{analyzer: a})
	}
}
EOF

mkdir -p "$cache"
(
	cd "$work/gopls"
	if $stock; then
		go build -trimpath -o "$bin.tmp$$" -ldflags "-X 'main.version=$version'" .
		exit
	fi
	tools=$(go list -m -f '{{.Version}}' golang.org/x/tools)
	go mod edit \
		-require=github.com/etcdlint/etcdlint@v0.0.0 \
		-replace=github.com/etcdlint/etcdlint="$src" \
		-replace=golang.org/x/tools=golang.org/x/tools@"$tools"
	go mod tidy
	go build -trimpath -o "$bin.tmp$$" \
		-ldflags "-X 'main.version=$version+etcdlint.$etcdlint_version'" .
) >&2
mv "$bin.tmp$$" "$bin"
# Each change to etcdlint makes a new binary of some 40 MB: keep the three
# newest, enough for a few checkouts sharing the cache.
ls -1t "$cache" | grep -E '^gopls-.*-etcdlint-[0-9a-f]{16}$' | tail -n +4 |
	while IFS= read -r old; do rm -f "$cache/$old"; done
echo "$bin"
