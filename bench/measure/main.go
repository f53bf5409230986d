// Command measure runs a command and prints its wall time, CPU time and
// peak resident set size, like GNU time -f '%e %U %S %M'. bench/run.sh
// uses it where /usr/bin/time is not GNU time or not installed, so that the
// benchmark needs nothing but Go.
//
// Usage:
//
//	measure -o FILE command [args...]
//
// FILE receives one line: wall_s user_s sys_s maxrss_kb exit_status.
// The peak RSS is the largest of the command and the descendants it waited
// for, not their sum: what wait4(2) reports, and what GNU time reports.
package main

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"runtime"
	"syscall"
	"time"
)

func main() {
	out := flag.String("o", "", "write the measurement to this file instead of stderr")
	flag.Parse()
	if flag.NArg() == 0 {
		fmt.Fprintln(os.Stderr, "usage: measure [-o file] command [args...]")
		os.Exit(2)
	}
	cmd := exec.Command(flag.Arg(0), flag.Args()[1:]...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, os.Stdout, os.Stderr
	start := time.Now()
	err := cmd.Run()
	wall := time.Since(start)
	var exit *exec.ExitError
	if err != nil && !errors.As(err, &exit) {
		fmt.Fprintln(os.Stderr, "measure:", err)
		os.Exit(2)
	}
	ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage)
	if !ok {
		fmt.Fprintln(os.Stderr, "measure: no rusage on this platform")
		os.Exit(2)
	}
	maxrss := ru.Maxrss
	if runtime.GOOS == "darwin" {
		maxrss /= 1024 // bytes there, kilobytes on Linux
	}
	line := fmt.Sprintf("%.2f %.2f %.2f %d %d\n", wall.Seconds(),
		time.Duration(ru.Utime.Nano()).Seconds(), time.Duration(ru.Stime.Nano()).Seconds(),
		maxrss, cmd.ProcessState.ExitCode())
	if *out == "" {
		fmt.Fprint(os.Stderr, line)
		return
	}
	if err := os.WriteFile(*out, []byte(line), 0o644); err != nil {
		fmt.Fprintln(os.Stderr, "measure:", err)
		os.Exit(2)
	}
}
