// Command bench compares gopls-etcdlint with the stock gopls it was built
// from, side by side in one run, as an editor uses them: for each
// workspace it starts each server, opens one file, waits for the
// workspace to load and be diagnosed, and reads the server's heap (after
// GC) and RSS; then it edits the buffer n times and times each edit from
// didChange to the file's complete diagnostics (a pull diagnostics
// request, answered once its package is type-checked and analysed), and
// the server's CPU time over those edits, which a busy machine disturbs
// less than the wall time.
// Servers alternate which goes first in each round, and each starts with
// an empty analysis cache.
//
// gopls/bench.sh builds both binaries and the workspaces and runs it:
//
//	go run ./gopls/bench -stock BIN -etcdlint BIN [-n 10] [-rounds 3] DIR:FILE...
package main

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/etcdlint/etcdlint/gopls/internal/lsp"
)

var (
	stockBin    = flag.String("stock", "", "stock gopls binary")
	etcdlintBin = flag.String("etcdlint", "", "gopls-etcdlint binary")
	edits       = flag.Int("n", 10, "edits timed per server and round")
	rounds      = flag.Int("rounds", 3, "rounds per workspace, each starting both servers afresh")
)

// sample is one server's figures in one round.
type sample struct {
	edit      time.Duration // median over the round's edits
	editCPU   time.Duration // the server's CPU time per edit, over the round
	heap, rss uint64        // after the workspace loads
	load      time.Duration // from start to the workspace diagnosed
}

func main() {
	log.SetFlags(0)
	log.SetPrefix("bench: ")
	flag.Parse()
	if *stockBin == "" || *etcdlintBin == "" || flag.NArg() == 0 {
		log.Fatal("usage: bench -stock BIN -etcdlint BIN [-n 10] [-rounds 3] DIR:FILE...")
	}
	fmt.Printf("| workspace (file edited) | | stock gopls | gopls-etcdlint | ratio |\n|---|---|---|---|---|\n")
	for _, target := range flag.Args() {
		dir, file, ok := strings.Cut(target, ":")
		if !ok {
			log.Fatalf("%q: want DIR:FILE", target)
		}
		var stock, ours []sample
		for r := range *rounds {
			order := []string{*stockBin, *etcdlintBin}
			if r%2 == 1 {
				slices.Reverse(order)
			}
			for _, bin := range order {
				s, err := measure(bin, dir, file)
				if err != nil {
					log.Fatalf("%s on %s: %v", filepath.Base(bin), target, err)
				}
				fmt.Fprintf(os.Stderr, "round %d %s: edit %v (CPU %v) heap %d MiB rss %d MiB load %v\n",
					r+1, filepath.Base(bin), s.edit.Round(time.Millisecond), s.editCPU, s.heap>>20, s.rss>>20, s.load.Round(time.Millisecond))
				if bin == *stockBin {
					stock = append(stock, s)
				} else {
					ours = append(ours, s)
				}
			}
		}
		name := fmt.Sprintf("%s (%s)", filepath.Base(dir), file)
		row := func(what string, get func(sample) float64, unit string) {
			a, b := median(stock, get), median(ours, get)
			fmt.Printf("| %s | %s | %.0f %s | %.0f %s | %.2fx |\n", name, what, a, unit, b, unit, b/a)
			name = ""
		}
		row("didChange to diagnostics (median)", func(s sample) float64 { return float64(s.edit.Milliseconds()) }, "ms")
		row("server CPU per edit", func(s sample) float64 { return float64(s.editCPU.Milliseconds()) }, "ms")
		row("heap after load (after GC)", func(s sample) float64 { return float64(s.heap) / (1 << 20) }, "MiB")
		row("RSS after load", func(s sample) float64 { return float64(s.rss) / (1 << 20) }, "MiB")
		row("workspace load and diagnosis", func(s sample) float64 { return float64(s.load.Milliseconds()) }, "ms")
	}
}

func measure(bin, dir, file string) (sample, error) {
	var s sample
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	cache, err := os.MkdirTemp("", "gopls-bench-cache")
	if err != nil {
		return s, err
	}
	defer os.RemoveAll(cache)
	settings := map[string]any{
		// Only the timed pull diagnoses an edit: no push pass competes
		// with it. Progress reports say when the initial diagnosis ends.
		"diagnosticsTrigger":      "Save",
		"verboseWorkDoneProgress": true,
	}
	start := time.Now()
	srv, err := lsp.Start(ctx, bin, nil, dir, dir, []string{"GOPLSCACHE=" + cache, "GOWORK=off"}, settings)
	if err != nil {
		return s, err
	}
	defer srv.Kill()
	path := filepath.Join(dir, file)
	text, err := os.ReadFile(path)
	if err != nil {
		return s, err
	}
	doc, err := srv.Open(path, string(text))
	if err != nil {
		return s, err
	}
	if _, err := doc.Diagnose(ctx); err != nil {
		return s, err
	}
	if err := srv.WaitIdle(ctx, 2*time.Second); err != nil {
		return s, err
	}
	s.load = time.Since(start) - 2*time.Second
	mem, err := srv.MemStats(ctx)
	if err != nil {
		return s, err
	}
	s.heap = mem.HeapInUse
	if s.rss, err = rss(srv.Pid()); err != nil {
		return s, err
	}
	var times []time.Duration
	cpu0, err := cpuTime(srv.Pid())
	if err != nil {
		return s, err
	}
	for i := range *edits {
		// A new comment each time: analysis results are cached by content.
		if err := doc.SetText(string(text) + fmt.Sprintf("\n// bench edit %d\n", i)); err != nil {
			return s, err
		}
		t0 := time.Now()
		if _, err := doc.Diagnose(ctx); err != nil {
			return s, err
		}
		times = append(times, time.Since(t0))
	}
	cpu1, err := cpuTime(srv.Pid())
	if err != nil {
		return s, err
	}
	s.editCPU = (cpu1 - cpu0) / time.Duration(*edits)
	slices.Sort(times)
	s.edit = times[len(times)/2]
	return s, srv.Shutdown(ctx)
}

// cpuTime is the user and system CPU time a process has used, from /proc
// (in clock ticks, which Linux fixes at 100 a second for /proc).
func cpuTime(pid int) (time.Duration, error) {
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return 0, err
	}
	// The command name, field 2, is in parentheses and may hold spaces.
	_, rest, ok := strings.Cut(string(data), ") ")
	fields := strings.Fields(rest)
	if !ok || len(fields) < 13 {
		return 0, fmt.Errorf("cannot parse /proc/%d/stat", pid)
	}
	var ticks uint64
	for _, f := range fields[11:13] { // utime, stime
		n, err := strconv.ParseUint(f, 10, 64)
		if err != nil {
			return 0, err
		}
		ticks += n
	}
	return time.Duration(ticks) * 10 * time.Millisecond, nil
}

// rss is a process's resident set size, from /proc.
func rss(pid int) (uint64, error) {
	f, err := os.Open(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0, err
	}
	defer f.Close()
	for sc := bufio.NewScanner(f); sc.Scan(); {
		if rest, ok := strings.CutPrefix(sc.Text(), "VmRSS:"); ok {
			kb, err := strconv.ParseUint(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 10, 64)
			return kb << 10, err
		}
	}
	return 0, fmt.Errorf("no VmRSS for process %d", pid)
}

func median(samples []sample, get func(sample) float64) float64 {
	var vs []float64
	for _, s := range samples {
		vs = append(vs, get(s))
	}
	slices.Sort(vs)
	return vs[len(vs)/2]
}
