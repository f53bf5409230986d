#!/usr/bin/env bash
# gopls/bench.sh: what etcdlint adds to gopls, side by side with the stock
# gopls of the same version, built the same way (build-gopls.sh and
# build-gopls.sh -stock). The workspaces are copies of etcd v3.7.3's
# client/v3 and etcdctl/v3 modules from the module cache, as if checked
# out; the file edited in each is one that uses the concurrency API.
#
# Usage: gopls/bench.sh [-n EDITS] [-r ROUNDS]   (defaults 10 and 3)
#
# Prints a markdown table: the median time from didChange to a file's
# complete diagnostics, the heap (after GC) and RSS once the workspace is
# loaded and diagnosed, and the load time, with each ratio. About 5-10
# minutes on 2 cores once both binaries are built.
set -euo pipefail

EDITS=10
ROUNDS=3
while getopts n:r: opt; do
	case $opt in
	n) EDITS=$OPTARG ;;
	r) ROUNDS=$OPTARG ;;
	*) sed -n '2,14p' "$0" >&2; exit 2 ;;
	esac
done

ROOT=$(cd "$(dirname "$0")/.." && pwd)
export GOWORK=off
ETCD=v3.7.3

ours=$(bash "$ROOT/gopls/build-gopls.sh" | tail -n 1)
stock=$(bash "$ROOT/gopls/build-gopls.sh" -stock | tail -n 1)

WORK=$(mktemp -d "${TMPDIR:-/tmp}/etcdlint-gopls-bench.XXXXXX")
trap 'chmod -R u+w "$WORK" 2>/dev/null; rm -rf "$WORK"' EXIT

# checkout copies a module out of the module cache and drops the replace
# directives that point into etcd's repository, so that it builds alone.
checkout() {
	local dir
	dir=$( (cd "$WORK" && go mod download -json "$1@$ETCD") | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')
	cp -R "$dir" "$WORK/$2"
	chmod -R u+w "$WORK/$2"
	(
		cd "$WORK/$2"
		sed -i.bak -e '/^replace (/,/^)/d' -e '/^replace .*=> \./d' go.mod
		rm go.mod.bak
		go mod tidy >&2
	)
}
checkout go.etcd.io/etcd/client/v3 client
checkout go.etcd.io/etcd/etcdctl/v3 etcdctl

cd "$ROOT"
go run ./gopls/bench -stock "$stock" -etcdlint "$ours" -n "$EDITS" -rounds "$ROUNDS" \
	"$WORK/client:concurrency/mutex.go" \
	"$WORK/etcdctl:ctlv3/command/lock_command.go"
echo
echo "- command: \`gopls/bench.sh -n $EDITS -r $ROUNDS\` ($("$stock" version | head -n 1), $(go version | awk '{ print $3 }'), $(nproc 2>/dev/null || echo ?) cores, load average $(cut -d' ' -f1 /proc/loadavg 2>/dev/null || echo ?))"
