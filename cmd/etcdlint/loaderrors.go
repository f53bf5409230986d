package main

import (
	"bytes"
	"regexp"
	"strings"
)

// The go command's build output ("-: # pkg" and the compiler's errors,
// relative) repeats the type checker's errors (absolute paths) for a
// package that does not type-check. dropRepeatedBuildOutput removes the
// go command's copy when every line of it is printed again by the type
// checker. Anything else the go command says (a cgo or embed failure the
// type checker does not see) stays.

// cleanErrors removes from the load errors what they say twice.
func cleanErrors(out []byte) []byte {
	return dropUnresolvedImportEcho(dropRepeatedBuildOutput(out))
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
