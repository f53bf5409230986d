#!/usr/bin/env bash
# Builds golangci-lint with the etcdlint plugin compiled in, and prints the
# binary's path. It does what `golangci-lint custom` does, without the
# `git clone` from GitHub that command starts with: golangci-lint's main
# package comes from the Go module cache (or the module proxy), and
# etcdlint from this checkout.
#
# The binary is cached, keyed on the golangci-lint version, the Go version
# and every file compiled into the plugin, so a rerun with nothing changed
# costs a second.
#
# Environment:
#   GCL_VERSION        golangci-lint version (default v2.15.0)
#   ETCDLINT_GCL_CACHE where binaries are kept
#                      (default ${XDG_CACHE_HOME:-$HOME/.cache}/etcdlint-gcl)
set -euo pipefail

src=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
version=${GCL_VERSION:-v2.15.0}
cache=${ETCDLINT_GCL_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/etcdlint-gcl}
# A go.work above this checkout, or in the user's environment, must not
# change what is built.
export GOWORK=off

if command -v sha256sum >/dev/null; then
	sha() { sha256sum "$@"; }
else
	sha() { shasum -a 256 "$@"; }
fi
# The files compiled into the plugin, as the go command sees them.
hash=$({
	go version
	echo "$version"
	cd "$src"
	{
		echo go.mod
		echo go.sum
		go list -deps \
			-f '{{if and .Module (eq .Module.Path "github.com/etcdlint/etcdlint")}}{{range .GoFiles}}{{$.Dir}}/{{.}}{{"\n"}}{{end}}{{range .EmbedFiles}}{{$.Dir}}/{{.}}{{"\n"}}{{end}}{{end}}' \
			./plugin
	} | LC_ALL=C sort -u | while IFS= read -r f; do sha "$f"; done
} | sha | cut -c1-16)

# The version golangci-lint reports also salts its result cache: a binary
# with other analyzers must not reuse the findings of this one.
bin=$cache/golangci-lint-$version-etcdlint-$hash
if [[ -x $bin ]]; then
	echo "$bin"
	exit 0
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
gcl=$(go env GOMODCACHE)/github.com/golangci/golangci-lint/v2@$version
if [[ ! -f $gcl/cmd/golangci-lint/main.go ]]; then
	(cd "$work" && go mod download github.com/golangci/golangci-lint/v2@"$version") >&2
fi
cp "$gcl/cmd/golangci-lint/main.go" "$work/main.go"
chmod u+w "$work/main.go"
cat >"$work/plugins.go" <<'EOF'
package main

import _ "github.com/etcdlint/etcdlint/plugin"
EOF

mkdir -p "$cache"
(
	cd "$work"
	go mod init etcdlint.local/golangci-lint
	go mod edit \
		-require=github.com/golangci/golangci-lint/v2@"$version" \
		-require=github.com/etcdlint/etcdlint@v0.0.0 \
		-replace=github.com/etcdlint/etcdlint="$src"
	go mod tidy
	go build -o "$bin.tmp$$" -ldflags "-s -w \
		-X 'main.version=${version#v}-etcdlint-$hash' \
		-X 'main.date=$(date -u +%Y-%m-%dT%H:%M:%SZ)'" .
) >&2
mv "$bin.tmp$$" "$bin"
# Each change to etcdlint makes a new binary of some 50 MB: keep the three
# newest, enough for a few checkouts sharing the cache.
ls -1t "$cache" | grep -E '^golangci-lint-.*-etcdlint-[0-9a-f]{16}$' | tail -n +4 |
	while IFS= read -r old; do rm -f "$cache/$old"; done
echo "$bin"
