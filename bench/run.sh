#!/usr/bin/env bash
# bench/run.sh: what etcdlint costs on a real code base, against the floor
# (the same multichecker driver running an analyzer that does nothing) and
# against go vet. docs/performance.md has the results and how to read them.
#
# Usage: bench/run.sh [-n RUNS] [-o FILE]
#
#   -n RUNS   measured runs of each command, interleaved (default 5, env RUNS)
#   -o FILE   also write the markdown report to FILE
#
# Environment:
#   PATTERNS    packages to lint, from within bench/corpus (default: etcd
#               v3.7.3's server, client and etcdctl modules)
#   FACTS=1     also measure a throwaway copy of etcdlint plus one trivial
#               fact-exporting analyzer: what adopting analysis.Facts costs
#   VET_COLD=1  also measure go vet with no vet result cached at all
#   GOLANGCI_LINT=path|none
#               golangci-lint with the etcdlint plugin compiled in, to measure
#               what enabling etcdlint adds to its standard linters. Unset:
#               built by plugin/build-golangci-lint.sh (cached; the first
#               build takes minutes). none: skip that comparison.
#
# Needs only Go. Times and peak RSS come from GNU time when /usr/bin/time
# is GNU time, otherwise from bench/measure; both report what wait4(2) does:
# the peak RSS is that of the largest single process, not a sum.
# With -n 5: about a minute, 3 more with golangci-lint (whose first build
# takes several), 2 more with FACTS=1 VET_COLD=1.
set -euo pipefail

RUNS=${RUNS:-5}
OUT=
while getopts n:o: opt; do
	case $opt in
	n) RUNS=$OPTARG ;;
	o) OUT=$OPTARG ;;
	*) sed -n '2,27p' "$0" >&2; exit 2 ;;
	esac
done

ROOT=$(cd "$(dirname "$0")/.." && pwd)
CORPUS=$ROOT/bench/corpus
DEFAULT_PATTERNS="go.etcd.io/etcd/server/v3/... go.etcd.io/etcd/client/v3/... go.etcd.io/etcd/etcdctl/v3/..."
PATTERNS=${PATTERNS:-$DEFAULT_PATTERNS}
read -r -a PKGS <<<"$PATTERNS"

# The corpus is its own module: a go.work above it must not claim it.
export GOWORK=off

WORK=$(mktemp -d "${TMPDIR:-/tmp}/etcdlint-bench.XXXXXX")
trap 'chmod -R u+w "$WORK" 2>/dev/null; rm -rf "$WORK"' EXIT
BIN=$WORK/bin
mkdir -p "$BIN" "$WORK/logs"

log() { printf '%s\n' "$*" >&2; }

log "building etcdlint, the floor and the helpers..."
(cd "$ROOT" && go build -o "$BIN/etcdlint" ./cmd/etcdlint &&
	go build -o "$BIN/noop" ./bench/noop &&
	go build -o "$BIN/ssastats" ./bench/ssastats &&
	go build -o "$BIN/measure" ./bench/measure)

if [[ ${FACTS:-} == 1 ]]; then
	# Built through an overlay: an analyzer that exists only to be
	# measured never lands in the tree.
	mkdir -p "$WORK/factcost"
	cat >"$WORK/factcost/main.go" <<'EOF'
package main

import (
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/multichecker"

	"github.com/etcdlint/etcdlint/analyzers"
)

type seen struct{}

func (*seen) AFact() {}

var factcost = &analysis.Analyzer{
	Name:      "factcost",
	Doc:       "factcost: export one package fact per package (benchmark only)",
	FactTypes: []analysis.Fact{new(seen)},
	Run: func(pass *analysis.Pass) (any, error) {
		pass.ExportPackageFact(new(seen))
		return nil, nil
	},
}

func main() { multichecker.Main(append(analyzers.All(), factcost)...) }
EOF
	printf '{"Replace":{"%s":"%s"}}\n' "$ROOT/bench/factcost/main.go" "$WORK/factcost/main.go" >"$WORK/factcost/overlay.json"
	(cd "$ROOT" && go build -overlay="$WORK/factcost/overlay.json" -o "$BIN/factcost" ./bench/factcost)
fi

# Times and peak RSS: one line "wall user sys maxrss_kb exit" per command.
if /usr/bin/time -f '%e' true >/dev/null 2>&1; then
	measure() { /usr/bin/time -o "$1" -f '%e %U %S %M %x' "${@:2}"; }
	TIMER="GNU time"
else
	measure() { "$BIN/measure" -o "$1" "${@:2}"; }
	TIMER="bench/measure (wait4 rusage)"
fi

cd "$CORPUS"
GOCACHE_DIR=$(go env GOCACHE)

log "warming up (module download, export data, vet facts of dependencies)..."
go list -e -deps -test "${PKGS[@]}" >/dev/null
"$BIN/noop" "${PKGS[@]}" >/dev/null 2>&1 || true

# go vet caches its results in the build cache, keyed by the vet tool, its
# flags, the package's compile action and its dependencies' vet facts: a
# second `go vet` of unchanged packages replays the cached output and runs
# nothing. etcdlint and the floor have no such cache, so comparing them
# with a cached vet would measure the cache. Instead, before each vet run,
# delete the cache entries of the vet actions of the linted packages (their
# IDs printed by GODEBUG=gocachehash=1) and keep everything else: compiled
# export data and the dependencies' vet facts stay cached, as export data
# does for etcdlint and the floor. That re-runs vet on exactly the
# packages the others analyse.
GODEBUG=gocachehash=1 go vet "${PKGS[@]}" >/dev/null 2>"$WORK/vethash.log" || true
go list "${PKGS[@]}" >"$WORK/targets.txt"
grep -E '^HASH\[vet .*\]: [0-9a-f]{64}$' "$WORK/vethash.log" |
	sed -E 's/^HASH\[vet ([^] ]+)( \[[^]]*\])?\]: ([0-9a-f]{64})$/\1 \3/' |
	awk 'NR == FNR { t[$1] = 1; next } { p = $1; sub(/_test$/, "", p); if (p in t) print $2 }' \
		"$WORK/targets.txt" - | sort -u >"$WORK/vetids.txt"
rm -f "$WORK/vethash.log"
NVET=$(wc -l <"$WORK/vetids.txt")
if [[ $NVET -eq 0 ]]; then
	log "warning: found no vet action IDs (GODEBUG=gocachehash output changed?);"
	log "         go vet will miss its whole cache through a unique flag value instead"
fi
uncache_vet() {
	sed "s|^\(..\)\(.*\)|$GOCACHE_DIR/\1/\1\2-a|" "$WORK/vetids.txt" | xargs rm -f
}
# A flag value no run has used makes every vet action miss, dependencies'
# and the standard library's included; printf.funcs naming a function that
# does not exist changes no result.
VETSEQ=0
vet_busted() {
	VETSEQ=$((VETSEQ + 1))
	ARGV=(go vet -printf.funcs="etcdlintbench.nomatch$$x$VETSEQ" "${PKGS[@]}")
}

# golangci-lint takes directories, not import paths, so it lints a copy of
# the same modules, from the module cache, laid out as in etcd's repository
# (their go.mod files replace each other with ../ paths) and joined by a
# go.work.
GCL=${GOLANGCI_LINT:-}
if [[ $GCL == none ]]; then
	GCL=
elif [[ -z $GCL && -x $ROOT/plugin/build-golangci-lint.sh ]]; then
	log "building golangci-lint with the etcdlint plugin (plugin/build-golangci-lint.sh)..."
	GCL=$("$ROOT/plugin/build-golangci-lint.sh") || GCL=
fi
if [[ -n $GCL && $PATTERNS != "$DEFAULT_PATTERNS" ]]; then
	log "golangci-lint is compared on the default corpus only; skipping it for PATTERNS=$PATTERNS"
	GCL=
fi
if [[ -n $GCL ]]; then
	GCLSRC=$WORK/gclsrc
	for m in api/v3:api client/pkg/v3:client/pkg client/v3:client/v3 pkg/v3:pkg server/v3:server etcdctl/v3:etcdctl; do
		mkdir -p "$(dirname "$GCLSRC/${m#*:}")"
		cp -R "$(go list -m -f '{{.Dir}}' "go.etcd.io/etcd/${m%%:*}")" "$GCLSRC/${m#*:}"
	done
	chmod -R u+w "$GCLSRC"
	printf 'go %s\n\nuse (\n\t./client/v3\n\t./etcdctl\n\t./server\n)\n' "$(go list -m -f '{{.GoVersion}}')" >"$GCLSRC/go.work"
	GCLPKGS=(./server/... ./client/v3/... ./etcdctl/...)
	for c in standard etcdlint; do
		{
			printf 'version: "2"\nlinters:\n  default: standard\n'
			if [[ $c == etcdlint ]]; then
				printf '  enable: [etcdlint]\n  settings:\n    custom:\n      etcdlint:\n        type: module\n'
			fi
		} >"$WORK/gcl-$c.yml"
	done
fi
# Each golangci-lint run gets a fresh cache: like go vet, it would otherwise
# replay cached results.
gcl_argv() {
	ARGV=(env GOWORK="$GCLSRC/go.work" GOLANGCI_LINT_CACHE="$(mktemp -d "$WORK/gclcache.XXXXXX")"
		"$GCL" run --config="$WORK/gcl-$1.yml" --issues-exit-code=0
		--max-issues-per-linter=0 --max-same-issues=0 "${GCLPKGS[@]}")
	RUNDIR=$GCLSRC
}

# The commands, by name; the floor is what the others are divided by.
NAMES=(floor etcdlint vet vet-cached)
declare -A DESC=(
	[floor]="floor: multichecker + no-op analyzer (bench/noop)"
	[etcdlint]="etcdlint (./cmd/etcdlint)"
	[vet]="go vet, linted packages re-vetted (deps' vet facts cached)"
	[vet-cached]="go vet, everything cached (reference only)"
	[vet-cold]="go vet, no vet result cached (std and deps re-vetted too)"
	[facts]="etcdlint + one trivial fact-exporting analyzer (throwaway)"
	[gcl]="golangci-lint, standard linters"
	[gcl-etcdlint]="golangci-lint, standard linters + etcdlint"
)
if [[ ${VET_COLD:-} == 1 ]]; then NAMES+=(vet-cold); fi
if [[ ${FACTS:-} == 1 ]]; then NAMES+=(facts); fi
if [[ -n $GCL ]]; then
	NAMES+=(gcl gcl-etcdlint)
else
	log "golangci-lint with the etcdlint plugin unavailable; skipping that comparison"
fi

# prepare NAME sets ARGV (and RUNDIR) to the command to measure, after
# doing, unmeasured, what must precede it.
prepare() {
	RUNDIR=$CORPUS
	case $1 in
	floor) ARGV=("$BIN/noop" "${PKGS[@]}") ;;
	etcdlint) ARGV=("$BIN/etcdlint" "${PKGS[@]}") ;;
	facts) ARGV=("$BIN/factcost" "${PKGS[@]}") ;;
	vet)
		if [[ $NVET -gt 0 ]]; then
			uncache_vet
			ARGV=(go vet "${PKGS[@]}")
		else
			vet_busted
		fi
		;;
	vet-cached) ARGV=(go vet "${PKGS[@]}") ;;
	vet-cold) vet_busted ;;
	gcl) gcl_argv standard ;;
	gcl-etcdlint) gcl_argv etcdlint ;;
	esac
}

for name in "${NAMES[@]}"; do
	[[ $name == vet* ]] && continue
	log "warm-up: $name"
	prepare "$name"
	(cd "$RUNDIR" && "${ARGV[@]}") >/dev/null 2>&1 || true
done

LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo n/a)
RESULTS=$WORK/results.txt
: >"$RESULTS"
for ((i = 0; i < RUNS; i++)); do
	# Rotate the order every round, so that no command always runs right
	# after the same neighbour (page cache, CPU frequency, other load).
	n=${#NAMES[@]}
	for ((j = 0; j < n; j++)); do
		name=${NAMES[$(((i + j) % n))]}
		log "run $((i + 1))/$RUNS: $name"
		prepare "$name"
		(cd "$RUNDIR" && measure "$WORK/m" "${ARGV[@]}") >"$WORK/logs/$name.out" 2>&1 || true
		# GNU time puts "Command exited with non-zero status" before its line.
		echo "$name $(tail -n1 "$WORK/m")" >>"$RESULTS"
		rm -rf "$WORK"/gclcache.*
	done
done
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo n/a)

# etcdlint exits 3 on findings and 1 on errors; the floor 0.
for name in floor etcdlint; do
	if awk -v n="$name" '$1 == n && $6 != 0 && $6 != 3 { bad = 1 } END { exit !bad }' "$RESULTS"; then
		log "error: $name failed; its output:"
		tail -20 "$WORK/logs/$name.out" >&2
		exit 1
	fi
done
NDIAG=$(grep -cE '^[^ ]+:[0-9]+:[0-9]+: ' "$WORK/logs/etcdlint.out" || true)
if [[ -n $GCL ]]; then
	# Proof that the plugin ran: golangci-lint suffixes its issues with the linter.
	NGCL=$(grep -c '(etcdlint)$' "$WORK/logs/gcl-etcdlint.out" || true)
fi

# median NAME COLUMN: 2 wall, 3 user, 4 sys, 5 peak RSS, 0 user+sys.
median() {
	awk -v n="$1" -v c="$2" '$1 == n { print (c == 0 ? $3 + $4 : $c) }' "$RESULTS" | sort -g |
		awk '{ v[NR] = $1 } END { if (NR == 0) print "nan"; else if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "n/a" }'; }
added() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%+.1f%%", 100 * (a / b - 1); else print "n/a" }'; }
spread() {
	awk -v n="$1" -v c="$2" '$1 == n { v = $c; if (lo == "" || v < lo) lo = v; if (v > hi) hi = v } END { printf "%s-%s", lo, hi }' "$RESULTS"
}

# Where the time goes: one sequential (-debug=p) run of etcdlint
# instrumented per package, so that no package's time includes another's.
log "collecting per-package SSA statistics..."
"$BIN/ssastats" -debug=p "${PKGS[@]}" 2>"$WORK/ssastats.txt" >/dev/null || true
STATS=$(awk -F'\t' '$1 == "ssastats" {
		n++
		if ($3 == "true") { b++; f += $4; bl += $5; ins += $6; tb += $7 } else { tr += $7 }
		ta += $8
	}
	END {
		if (n == 0) { print "| (no statistics: bench/ssastats failed) | |"; exit }
		printf "| packages analysed (test variants included) | %d |\n", n
		printf "| packages given SSA | %d (%.0f%%) |\n", b, 100 * b / n
		printf "| functions / blocks / instructions in them | %d / %d / %d |\n", f, bl, ins
		printf "| etcdssa on the %d packages given SSA | %.0f ms (%.1f ms each) |\n", b, tb / 1e6, (b ? tb / 1e6 / b : 0)
		printf "| etcdssa on the %d packages its fast path rejected | %.0f ms (%.2f ms each) |\n", n - b, tr / 1e6, (n > b ? tr / 1e6 / (n - b) : 0)
		printf "| the analyzers, all packages | %.0f ms |\n", ta / 1e6
	}' "$WORK/ssastats.txt")

report() {
	local fw fr fc
	fw=$(median floor 2)
	fr=$(median floor 5)
	fc=$(median floor 0)
	echo "### Results"
	echo
	echo "Medians of $RUNS interleaved runs; wall time min-max in brackets."
	echo
	echo "| command | wall s | CPU s (user+sys) | peak RSS MB | wall / floor | CPU / floor | RSS / floor |"
	echo "|---|---:|---:|---:|---:|---:|---:|"
	local n
	for n in "${NAMES[@]}"; do
		local w r c
		w=$(median "$n" 2)
		r=$(median "$n" 5)
		c=$(median "$n" 0)
		printf '| %s | %s [%s] | %.2f | %.0f | %s | %s | %s |\n' "${DESC[$n]}" "$w" "$(spread "$n" 2)" "$c" \
			"$(awk -v r="$r" 'BEGIN { print r / 1024 }')" "$(ratio "$w" "$fw")" "$(ratio "$c" "$fc")" "$(ratio "$r" "$fr")"
	done
	echo
	echo "- etcdlint / floor: wall $(ratio "$(median etcdlint 2)" "$fw")x, CPU $(ratio "$(median etcdlint 0)" "$fc")x, peak RSS $(ratio "$(median etcdlint 5)" "$fr")x (targets: 1.5x wall, 1.5x RSS)"
	echo "- etcdlint / go vet (re-vet): wall $(ratio "$(median etcdlint 2)" "$(median vet 2)")x, CPU $(ratio "$(median etcdlint 0)" "$(median vet 0)")x"
	if [[ ${FACTS:-} == 1 ]]; then
		echo "- one fact-exporting analyzer: wall $(ratio "$(median facts 2)" "$(median etcdlint 2)")x, CPU $(ratio "$(median facts 0)" "$(median etcdlint 0)")x, peak RSS $(ratio "$(median facts 5)" "$(median etcdlint 5)")x etcdlint's"
	fi
	if [[ -n $GCL ]]; then
		echo "- golangci-lint: enabling etcdlint adds $(added "$(median gcl-etcdlint 2)" "$(median gcl 2)") wall, $(added "$(median gcl-etcdlint 0)" "$(median gcl 0)") CPU, $(added "$(median gcl-etcdlint 5)" "$(median gcl 5)") peak RSS (target: 10%); it reported $NGCL etcdlint issues"
	fi
	echo "- etcdlint reported $NDIAG diagnostics. go vet's peak RSS is its largest single process: it runs one vet process per package"
	echo
	echo "Where etcdlint's time goes (one sequential run of bench/ssastats):"
	echo
	echo "| | |"
	echo "|---|---:|"
	echo "$STATS"
	echo
	echo "Setup:"
	echo
	echo "- command: \`${FACTS:+FACTS=1 }${VET_COLD:+VET_COLD=1 }bench/run.sh -n $RUNS\`, linting \`$PATTERNS\` from bench/corpus${GCL:+; golangci-lint $("$GCL" --version 2>/dev/null | awk '{ print $4 }') on a copy of the same modules}"
	echo "- machine: $(nproc) CPUs ($(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | cut -d: -f2- | sed 's/^ //' || uname -m)), $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo 2>/dev/null || echo '?') RAM; load average before $LOAD_BEFORE, after $LOAD_AFTER"
	echo "- $(go version | cut -d' ' -f3-); $(cd "$ROOT" && go list -m -f '{{.Path}} {{.Version}}' golang.org/x/tools); timer: $TIMER"
	echo "- go vet: the $NVET vet actions of the linted packages uncached before each run"
}

report | tee ${OUT:+"$OUT"}
