package main

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"regexp"
	"strings"
)

// The standalone driver prints a package that does not type-check twice:
// once as the go command's build output ("-: # pkg" and the compiler's
// errors, relative to the working directory) and once as the type checker's
// errors (absolute paths). Run as a child, the driver's error output goes
// through dropRepeatedBuildOutput, which removes the go command's copy when
// every line of it is printed again by the type checker. Anything else the
// go command says (a cgo or embed failure the type checker does not see)
// stays.

// childEnv marks the child process, which runs the driver itself.
const childEnv = "ETCDLINT_DRIVER"

// runAsParent runs etcdlint again as a child with the same arguments,
// passes its output on with the repeated build output removed, and returns
// its exit status; ok is false when the child could not be started.
func runAsParent() (code int, ok bool) {
	self, err := os.Executable()
	if err != nil {
		return 0, false
	}
	cmd := exec.Command(self, os.Args[1:]...)
	cmd.Env = append(os.Environ(), childEnv+"=1")
	cmd.Stdin, cmd.Stdout = os.Stdin, os.Stdout
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	err = cmd.Run()
	os.Stderr.Write(cleanErrors(stderr.Bytes()))
	var exit *exec.ExitError
	switch {
	case errors.As(err, &exit) && exit.ExitCode() < 0: // killed by a signal
		return 1, true
	case errors.As(err, &exit):
		return exit.ExitCode(), true
	case err != nil:
		return 0, false
	}
	return 0, true
}

// cleanErrors removes from the driver's error output what it says twice or
// in words that are not the user's.
func cleanErrors(out []byte) []byte {
	return notAnalysedOnce(dropUnresolvedImportEcho(dropRepeatedBuildOutput(out)))
}

// notAnalysedOnce keeps one line for a package that etcdssa could not
// build: the driver prints etcdssa's error ("etcdssa: pkg not analysed:
// ...") and then "failed prerequisites: etcdssa@pkg" once per analyzer,
// which says nothing more. The line is the command's, not that of an
// internal pass's.
func notAnalysedOnce(out []byte) []byte {
	lines := strings.SplitAfter(string(out), "\n")
	var buf bytes.Buffer
	for _, l := range lines {
		if _, rest, ok := strings.Cut(l, ": failed prerequisites: etcdssa@"); ok && !strings.ContainsAny(strings.TrimSuffix(rest, "\n"), " ,") {
			continue
		}
		if rest, ok := strings.CutPrefix(l, "etcdssa: "); ok {
			l = "etcdlint: " + rest
		}
		buf.WriteString(l)
	}
	return buf.Bytes()
}

// unresolvedEcho is the type checker's line for an import the go command
// could not find: "/abs/a.go:3:8: could not import p (invalid package name: "")".
var unresolvedEcho = regexp.MustCompile(`^(/\S+\.go:\d+:\d+): could not import (\S+) \((?:invalid package name: ""|no metadata for \S+)\)$`)

// dropUnresolvedImportEcho removes the type checker's "could not import p"
// line when the go command has said, at the same place, why p is missing
// ("cannot find package", "no required module provides package").
func dropUnresolvedImportEcho(out []byte) []byte {
	lines := strings.SplitAfter(string(out), "\n")
	var buf bytes.Buffer
	for _, l := range lines {
		if m := unresolvedEcho.FindStringSubmatch(strings.TrimSuffix(l, "\n")); m != nil && saidByGoCommand(lines, m[1], m[2]) {
			continue
		}
		buf.WriteString(l)
	}
	return buf.Bytes()
}

// saidByGoCommand reports whether a relative line of lines is at the
// absolute position posn (a tail of it from a '/' on) and names the
// import path.
func saidByGoCommand(lines []string, posn, path string) bool {
	for _, l := range lines {
		if strings.HasPrefix(l, "/") || strings.HasPrefix(l, "\t") || !strings.Contains(l, path) {
			continue
		}
		at, _, ok := strings.Cut(strings.TrimPrefix(l, "./"), ": ")
		if ok && !strings.HasPrefix(at, "../") && strings.HasSuffix(posn, "/"+at) {
			return true
		}
	}
	return false
}

// isVetTool reports whether go vet runs etcdlint (-V=full, -flags, or a
// unit's .cfg file): the unit checker prints each error once.
func isVetTool(args []string) bool {
	for _, a := range args {
		if a == "-V=full" || a == "-flags" || strings.HasSuffix(a, ".cfg") {
			return true
		}
	}
	return false
}

// dropRepeatedBuildOutput removes each "-: # pkg" block of the go command's
// build output whose every error line ("file.go:3:23: msg", relative) is
// also printed, with an absolute path, outside the blocks.
func dropRepeatedBuildOutput(out []byte) []byte {
	lines := strings.SplitAfter(string(out), "\n")
	inBlock := make([]bool, len(lines))
	var blocks [][2]int // [start, end) of each "-: # pkg" block
	for i := 0; i < len(lines); i++ {
		if !strings.HasPrefix(lines[i], "-: # ") {
			continue
		}
		j := i + 1
		for j < len(lines) && !strings.HasPrefix(lines[j], "-: ") && !strings.HasPrefix(lines[j], "/") {
			j++
		}
		for k := i; k < j; k++ {
			inBlock[k] = true
		}
		blocks = append(blocks, [2]int{i, j})
		i = j - 1
	}
	// Every tail of every absolute line outside the blocks, from a '/'
	// on: "/b.go:3:23: msg" matches the relative "./b.go:3:23: msg".
	tails := make(map[string]bool)
	for i, l := range lines {
		if inBlock[i] || !strings.HasPrefix(l, "/") {
			continue
		}
		l = strings.TrimSuffix(l, "\n")
		for k := range len(l) {
			if l[k] == '/' {
				tails[l[k:]] = true
			}
		}
	}
	var buf bytes.Buffer
	next := 0
	for _, b := range blocks {
		buf.WriteString(strings.Join(lines[next:b[0]], ""))
		if !repeated(lines[b[0]+1:b[1]], tails) {
			buf.WriteString(strings.Join(lines[b[0]:b[1]], ""))
		}
		next = b[1]
	}
	buf.WriteString(strings.Join(lines[next:], ""))
	return buf.Bytes()
}

// repeated reports whether every error line of a block of build output is
// among tails. Indented lines continue the error above them.
func repeated(block []string, tails map[string]bool) bool {
	found := false
	for _, l := range block {
		l = strings.TrimSuffix(l, "\n")
		if strings.HasPrefix(l, "\t") {
			continue
		}
		rel := strings.TrimPrefix(l, "./")
		if rel == "" || strings.HasPrefix(rel, "../") || !strings.Contains(rel, ".go:") || !tails["/"+rel] {
			return false
		}
		found = true
	}
	return found
}
