package main

import (
	"bytes"
	"cmp"
	"fmt"
	"go/format"
	"io"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// An edit replaces src[start:end] of a file with text.
type edit struct {
	start, end int
	text       string
}

// applyFixes applies the first suggested fix of each finding, gofmt-ing
// each file it changes, or with diff prints the changes as a unified diff
// whose paths are relative, for git apply. A fix that overlaps one already
// taken is left out, whole, for the next run.
func applyFixes(findings []finding, diff bool, stdout, stderr io.Writer) error {
	edits := make(map[string][]edit)
	skipped := 0
	for _, f := range findings {
		if len(f.diag.SuggestedFixes) == 0 {
			continue
		}
		fix := f.diag.SuggestedFixes[0]
		add := make(map[string][]edit)
		for _, e := range fix.TextEdits {
			tf := f.fset.File(e.Pos)
			if tf == nil {
				continue
			}
			end := e.End
			if !end.IsValid() {
				end = e.Pos
			}
			add[tf.Name()] = append(add[tf.Name()], edit{tf.Offset(e.Pos), tf.Offset(end), string(e.NewText)})
		}
		if conflicts(edits, add) {
			skipped++
			continue
		}
		for file, es := range add {
			for _, e := range es {
				if !slices.Contains(edits[file], e) { // the same fix, from a test variant
					edits[file] = append(edits[file], e)
				}
			}
		}
	}
	for _, file := range slices.Sorted(maps.Keys(edits)) {
		if err := fixFile(file, edits[file], diff, stdout); err != nil {
			return err
		}
	}
	if skipped > 0 {
		fmt.Fprintf(stderr, "etcdlint: %d fixes overlap others and were left out: run -fix again\n", skipped)
	}
	return nil
}

// conflicts reports whether an edit of add overlaps, without being equal
// to, an edit already taken. Two insertions at one place conflict too:
// their order would be a guess.
func conflicts(taken, add map[string][]edit) bool {
	for file, es := range add {
		for _, e := range es {
			for _, t := range taken[file] {
				overlap := e.start < t.end && t.start < e.end
				samePlace := e.start == t.start && e.end == t.end
				if e != t && (overlap || samePlace) {
					return true
				}
			}
		}
	}
	return false
}

func fixFile(file string, es []edit, diff bool, stdout io.Writer) error {
	src, err := os.ReadFile(file)
	if err != nil {
		return err
	}
	slices.SortStableFunc(es, func(a, b edit) int { return cmp.Or(cmp.Compare(b.start, a.start), cmp.Compare(b.end, a.end)) })
	out := slices.Clone(src)
	for _, e := range es {
		if e.start < 0 || e.end > len(out) || e.start > e.end {
			return fmt.Errorf("%s: a fix edits outside the file", relPath(file))
		}
		out = slices.Concat(out[:e.start], []byte(e.text), out[e.end:])
	}
	if formatted, err := format.Source(out); err == nil {
		out = formatted
	}
	if bytes.Equal(src, out) {
		return nil
	}
	if diff {
		name := filepath.ToSlash(relPath(file))
		_, err := io.WriteString(stdout, unifiedDiff("a/"+strings.TrimPrefix(name, "/"), "b/"+strings.TrimPrefix(name, "/"), string(src), string(out)))
		return err
	}
	info, err := os.Stat(file)
	if err != nil {
		return err
	}
	return os.WriteFile(file, out, info.Mode().Perm())
}

// unifiedDiff returns the differences between a and b, line by line, as
// a unified diff with three lines of context.
func unifiedDiff(oldName, newName, a, b string) string {
	al, bl := splitLines(a), splitLines(b)
	ops := diffLines(al, bl)
	var buf strings.Builder
	fmt.Fprintf(&buf, "--- %s\n+++ %s\n", oldName, newName)
	const context = 3
	for i := 0; i < len(ops); {
		if ops[i].kind == ' ' {
			i++
			continue
		}
		// A hunk: from context lines before this change to context
		// lines after the last change less than 2*context lines on.
		start := max(0, i-context)
		end := i
		for j := i; j < len(ops); j++ {
			if ops[j].kind != ' ' {
				end = j + 1
			} else if j-end >= 2*context {
				break
			}
		}
		end = min(len(ops), end+context)
		hunk := ops[start:end]
		aStart, bStart := ops[start].a, ops[start].b
		var na, nb int
		for _, op := range hunk {
			if op.kind != '+' {
				na++
			}
			if op.kind != '-' {
				nb++
			}
		}
		fmt.Fprintf(&buf, "@@ -%s +%s @@\n", hunkRange(aStart, na), hunkRange(bStart, nb))
		for _, op := range hunk {
			line := op.line
			buf.WriteByte(op.kind)
			buf.WriteString(line)
			if !strings.HasSuffix(line, "\n") {
				buf.WriteString("\n\\ No newline at end of file\n")
			}
		}
		i = end
	}
	return buf.String()
}

func hunkRange(start, n int) string {
	if n == 0 {
		return fmt.Sprintf("%d,0", start)
	}
	if n == 1 {
		return fmt.Sprint(start + 1)
	}
	return fmt.Sprintf("%d,%d", start+1, n)
}

func splitLines(s string) []string {
	lines := strings.SplitAfter(s, "\n")
	if lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	}
	return lines
}

// A diffOp is a line kept (' '), removed ('-') or added ('+'); a and b
// are the numbers of lines of each side before it.
type diffOp struct {
	kind byte
	line string
	a, b int
}

// diffLines is a longest-common-subsequence diff of the lines that
// differ once the common prefix and suffix are set aside: fixes change
// little, so that middle is small. A middle too big for the table is
// shown as removed and added whole.
func diffLines(a, b []string) []diffOp {
	pre := 0
	for pre < len(a) && pre < len(b) && a[pre] == b[pre] {
		pre++
	}
	suf := 0
	for suf < len(a)-pre && suf < len(b)-pre && a[len(a)-1-suf] == b[len(b)-1-suf] {
		suf++
	}
	am, bm := a[pre:len(a)-suf], b[pre:len(b)-suf]
	var ops []diffOp
	ia, ib := 0, 0
	emit := func(kind byte, line string) {
		ops = append(ops, diffOp{kind, line, ia, ib})
		if kind != '+' {
			ia++
		}
		if kind != '-' {
			ib++
		}
	}
	for _, l := range a[:pre] {
		emit(' ', l)
	}
	if len(am)*len(bm) > 4_000_000 {
		for _, l := range am {
			emit('-', l)
		}
		for _, l := range bm {
			emit('+', l)
		}
	} else {
		// lcs[i][j] is the LCS length of am[i:] and bm[j:].
		lcs := make([][]int, len(am)+1)
		for i := range lcs {
			lcs[i] = make([]int, len(bm)+1)
		}
		for i := len(am) - 1; i >= 0; i-- {
			for j := len(bm) - 1; j >= 0; j-- {
				if am[i] == bm[j] {
					lcs[i][j] = lcs[i+1][j+1] + 1
				} else {
					lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
				}
			}
		}
		i, j := 0, 0
		for i < len(am) || j < len(bm) {
			switch {
			case i < len(am) && j < len(bm) && am[i] == bm[j]:
				emit(' ', am[i])
				i, j = i+1, j+1
			case j < len(bm) && (i == len(am) || lcs[i][j+1] >= lcs[i+1][j]):
				emit('+', bm[j])
				j++
			default:
				emit('-', am[i])
				i++
			}
		}
	}
	for _, l := range a[len(a)-suf:] {
		emit(' ', l)
	}
	return ops
}
