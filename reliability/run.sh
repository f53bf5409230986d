#!/usr/bin/env bash
# reliability/run.sh: run etcdlint over large real modules that use the etcd
# client (pinned in reliability/corpus and reliability/corpus-legacy) and
# show that it never crashes: per module, the package count, wall time, peak
# RSS, findings, exit status and any panic or "internal error" text.
# docs/realworld.md triages every finding this prints.
#
# Usage: reliability/run.sh [-o FILE] [-k DIR] [LABEL...]
#
#   -o FILE  also write the summary table (markdown) to FILE
#   -k DIR   keep each run's output in DIR (default: a temp dir, removed):
#            LABEL.out holds the findings (file:line:col, analyzer/rule,
#            message), LABEL.rest anything else the timed run printed,
#            LABEL.json the -json run
#   LABEL    run only these targets (default: all; see TARGETS below)
#
# Environment:
#   ETCDLINT=path  lint with this binary instead of building ./cmd/etcdlint
#   FLAGS="..."    extra etcdlint flags (e.g. -ctxtimeout.max=5s)
#
# Per target: download, warm the build cache (dependencies' export data),
# one timed plain run (exit status, wall time, peak RSS, panics), one -json
# run (findings by analyzer and rule). Runs from a clean clone: it needs Go
# and the module proxy (the pinned modules are downloaded on first use,
# about 1.5 GiB; the first warm-up compiles them). Peak RSS comes from GNU
# time when /usr/bin/time is GNU time (apt-get install time), otherwise it is
# left blank. Exit status: 0 when no run panicked, hit an internal error or
# failed to load (etcdlint exit 1), 1 otherwise. Findings (exit 3) are not
# failures here: they are triaged by hand in docs/realworld.md.
set -uo pipefail

OUT=
KEEP=
while getopts o:k: opt; do
	case $opt in
	o) OUT=$(realpath -m "$OPTARG") ;;
	k) KEEP=$OPTARG ;;
	*) sed -n '2,29p' "$0" >&2; exit 2 ;;
	esac
done
shift $((OPTIND - 1))

ROOT=$(cd "$(dirname "$0")/.." && pwd)
REL=$ROOT/reliability

# label | corpus dir | module | version | package pattern | packages to leave
# out (an egrep regexp over import paths; only where the module cannot be
# type-checked outside its own repository, say why)
TARGETS=(
	"etcd-server|corpus|go.etcd.io/etcd/server/v3|v3.7.3|go.etcd.io/etcd/server/v3/...|"
	"etcd-client|corpus|go.etcd.io/etcd/client/v3|v3.7.3|go.etcd.io/etcd/client/v3/...|"
	"etcdctl|corpus|go.etcd.io/etcd/etcdctl/v3|v3.7.3|go.etcd.io/etcd/etcdctl/v3/...|"
	# tests/v3/integration's tests import go.etcd.io/etcd/cache/v3, which
	# v3.7.3 takes from ../cache by a replace and never published.
	"etcd-tests|corpus|go.etcd.io/etcd/tests/v3|v3.7.3|go.etcd.io/etcd/tests/v3/...|^go.etcd.io/etcd/tests/v3/integration$"
	"k8s-apiserver|corpus|k8s.io/apiserver|v0.37.2|k8s.io/apiserver/...|"
	"go-zero|corpus|github.com/zeromicro/go-zero|v1.10.3|github.com/zeromicro/go-zero/...|"
	# functional/tester's cluster_test.go sets a field rpcpb.Etcd does not
	# have at this commit: go vet fails on it too.
	"etcd-v3.4|corpus-legacy|go.etcd.io/etcd|v0.5.0-alpha.5.0.20200910180754-dd1b699fc489|go.etcd.io/etcd/...|^go.etcd.io/etcd/functional/tester$"
	"etcd-v3.3|corpus-legacy|github.com/coreos/etcd|v3.3.27+incompatible|github.com/coreos/etcd/...|"
)

# The corpora are their own modules and must not join a go.work above them.
export GOWORK=off

log() { printf '%s\n' "$*" >&2; }

if [[ -n $KEEP ]]; then
	mkdir -p "$KEEP"
	WORK=$(cd "$KEEP" && pwd)
else
	WORK=$(mktemp -d "${TMPDIR:-/tmp}/etcdlint-rel.XXXXXX")
	trap 'rm -rf "$WORK"' EXIT
fi

if [[ -z ${ETCDLINT:-} ]]; then
	log "building etcdlint..."
	ETCDLINT=$WORK/etcdlint
	(cd "$ROOT" && go build -o "$ETCDLINT" ./cmd/etcdlint) || { log "build failed"; exit 1; }
else
	# The runs happen inside the corpora: make the path absolute.
	ETCDLINT=$(realpath "$(command -v "$ETCDLINT")") || { log "no such etcdlint: $ETCDLINT"; exit 1; }
fi

GNUTIME=
if /usr/bin/time --version 2>&1 | grep -q GNU; then
	GNUTIME=/usr/bin/time
else
	log "note: GNU time not found (apt-get install time); peak RSS left blank"
fi

selected() {
	[[ ${#SEL[@]} -eq 0 ]] && return 0
	local s
	for s in "${SEL[@]}"; do [[ $s == "$1" ]] && return 0; done
	return 1
}
SEL=("$@")

# byrule FILE: the findings of an -json run as "file:line:col<TAB>analyzer/ID
# <TAB>message", one per diagnostic (a package and its test variant report
# the same one twice), and any analyzer error as "ERROR<TAB>analyzer<TAB>text".
byrule() {
	awk '
		/^\t\t"[a-z]+": [[{]/ { an = $1; gsub(/[":]/, "", an); next }
		/"category": /         { cat = $0; sub(/.*"category": "/, "", cat); sub(/",?$/, "", cat); next }
		/"posn": /             { pos = $0; sub(/.*"posn": "/, "", pos); sub(/",?$/, "", pos); next }
		# (a suggested fix has a "message" too, but no "posn")
		/"message": / && pos != "" { msg = $0; sub(/.*"message": "/, "", msg); sub(/",?$/, "", msg)
		                         print pos "\t" an "/" cat "\t" msg; cat = ""; pos = ""; next }
		/"error": /            { e = $0; sub(/.*"error": "/, "", e); sub(/",?$/, "", e); print "ERROR\t" an "\t" e }
	' "$1" | sort -u
}

ROWS=()
FAIL=0
MODCACHE=$(go env GOMODCACHE)
# Progress: which module is being linted, the how-many-th of how many, and
# the time so far, since the whole run takes a quarter of an hour.
NSEL=0
for t in "${TARGETS[@]}"; do selected "${t%%|*}" && NSEL=$((NSEL + 1)); done
I=0
T0=$(date +%s)
for t in "${TARGETS[@]}"; do
	IFS='|' read -r label dir mod ver pat excl <<<"$t"
	selected "$label" || continue
	cd "$REL/$dir" || exit 1
	I=$((I + 1))
	log "== [$I/$NSEL, $(($(date +%s) - T0))s so far] $label: $mod@$ver ($pat${excl:+, less $excl})"
	if ! go mod download >"$WORK/$label.dl" 2>&1; then
		log "   module download failed:"; sed 's/^/   /' "$WORK/$label.dl" >&2
	fi
	if [[ -n $excl ]]; then
		mapfile -t pkgs < <(go list -e "$pat" 2>/dev/null | grep -Ev "$excl")
	else
		pkgs=("$pat")
	fi
	npkg=$(go list -e "${pkgs[@]}" 2>/dev/null | wc -l)
	# Warm the build cache with the dependencies' export data, which the
	# driver reads instead of type-checking them from source, so that the
	# timed run measures linting (the first, cold run also compiles every
	# dependency: minutes for k8s.io/apiserver).
	go list -e -export -deps -test "${pkgs[@]}" >/dev/null 2>&1
	start=$(date +%s.%N)
	if [[ -n $GNUTIME ]]; then
		# shellcheck disable=SC2086
		$GNUTIME -f '%e %M' -o "$WORK/$label.time" "$ETCDLINT" ${FLAGS:-} "${pkgs[@]}" >"$WORK/$label.stdout" 2>"$WORK/$label.err"
		rc=$?
		# GNU time writes "Command exited with non-zero status N" first.
		read -r wall rss < <(tail -n1 "$WORK/$label.time")
		rss=$(awk -v k="$rss" 'BEGIN{printf "%.0f", k/1024}')
	else
		# shellcheck disable=SC2086
		"$ETCDLINT" ${FLAGS:-} "${pkgs[@]}" >"$WORK/$label.stdout" 2>"$WORK/$label.err"
		rc=$?
		wall=$(awk -v s="$start" -v e="$(date +%s.%N)" 'BEGIN{printf "%.1f", e-s}')
		rss=
	fi
	# What the driver said besides file:line:col diagnostics (and the
	# type errors it prints in that same shape: those also show as exit 1).
	{ grep -vE '^[^ ]+\.go:[0-9]+:[0-9]+: ' "$WORK/$label.err"; cat "$WORK/$label.stdout"; } >"$WORK/$label.rest"
	panics=$(grep -cE 'panic:|internal error|fatal error:|goroutine [0-9]+ \[' "$WORK/$label.rest")
	# A second run with -json tells the analyzer and rule of each finding
	# and keeps type errors out of the count.
	# shellcheck disable=SC2086
	"$ETCDLINT" -json ${FLAGS:-} "${pkgs[@]}" >"$WORK/$label.json" 2>"$WORK/$label.jsonerr"
	byrule "$WORK/$label.json" | sed "s|^$MODCACHE/||" >"$WORK/$label.out"
	nfind=$(grep -vc '^ERROR' "$WORK/$label.out")
	panics=$((panics + $(grep -cE 'panic:|internal error|fatal error:' "$WORK/$label.jsonerr")
		+ $(grep -c '^ERROR' "$WORK/$label.out")))
	if [[ $rc -ne 0 && $rc -ne 3 ]] || [[ $panics -ne 0 ]]; then
		FAIL=1
		log "   exit $rc; driver output:"; head -n 40 "$WORK/$label.rest" | sed 's/^/   /' >&2
		grep '^ERROR' "$WORK/$label.out" | head -n 20 | sed 's/^/   /' >&2
	fi
	rules=$(grep -v '^ERROR' "$WORK/$label.out" | cut -f2 | sed 's|.*/||' | sort | uniq -c | awk '{printf "%s%s×%s", sep, $2, $1; sep=" "}')
	log "   $npkg packages, ${wall}s, ${rss:-?} MiB, $nfind findings (${rules:-none}), exit $rc, $panics panics/internal errors"
	cut -f1,2 "$WORK/$label.out" | sed 's/^/   /' >&2
	ROWS+=("| $mod | $ver | $npkg | $wall | ${rss:-} | $nfind | ${rules:-} | $rc | $panics |")
done

{
	rev=$(cd "$ROOT" && git rev-parse --short HEAD 2>/dev/null) &&
		{ (cd "$ROOT" && git diff --quiet HEAD 2>/dev/null) || rev+="+dirty"; }
	echo "etcdlint ${rev:-(no git)}, $(go version | cut -d' ' -f3), $(nproc) cores"
	echo
	echo "| module | version | packages | wall s | peak RSS MiB | findings | by rule | exit | panics |"
	echo "|---|---|---|---|---|---|---|---|---|"
	printf '%s\n' "${ROWS[@]}"
} | tee ${OUT:+"$OUT"}

exit $FAIL
