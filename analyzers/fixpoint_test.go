package analyzers_test

import (
	"bytes"
	"fmt"
	"go/format"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"

	"github.com/etcdlint/etcdlint/analyzers"
)

// A suggested fix must never add a finding. Over every fixture package
// that has golden files, TestFixesReachFixedPoint applies the fixes of
// all analyzers at once (as `etcdlint -fix` does), and requires that the
// fixed code type-checks, that every finding left was there before and
// was not one of those fixed, and that a second round offers no fix.
func TestFixesReachFixedPoint(t *testing.T) {
	if testing.Short() {
		t.Skip("loads every fixture package twice")
	}
	src, err := filepath.Abs(filepath.Join("..", "testdata", "src"))
	if err != nil {
		t.Fatal(err)
	}
	pkgs := goldenPackages(t, src)
	gopath := t.TempDir()
	if err := os.CopyFS(filepath.Join(gopath, "src"), os.DirFS(src)); err != nil {
		t.Fatal(err)
	}

	before := analyse(t, gopath, pkgs)
	edits := fixEdits(t, before)
	if len(edits) == 0 {
		t.Fatal("no suggested fixes in the golden packages: the test tests nothing")
	}
	maps := make(map[string]*lineMap)
	for file, es := range edits {
		m, err := applyEdits(file, es)
		if err != nil {
			t.Fatal(err)
		}
		maps[file] = m
	}

	after := analyse(t, gopath, pkgs)
	t.Logf("%d findings in %d packages; fixes edit %d files; %d findings left", len(before), len(pkgs), len(edits), len(after))
	left := make(map[string]int)
	for _, d := range before {
		if !d.fixed {
			left[d.key]++
		}
	}
	for _, d := range after {
		key := d.keyIn(maps)
		if left[key] == 0 {
			t.Errorf("a fix adds this finding, or fails to remove the one it fixes:\n\t%s", d)
			continue
		}
		left[key]--
	}

	for file, es := range fixEdits(t, after) {
		t.Errorf("a second round of fixes edits %s again: %v", file, es)
	}
	for file := range maps {
		compareMixedGolden(t, filepath.Join(src, "fixpoint"), filepath.Join(gopath, "src", "fixpoint"), file)
	}
}

// compareMixedGolden compares file, when it is one of testdata/src/fixpoint's
// (whose findings come from several analyzers, so no analyzer's own test
// checks its golden file), with its golden file after gofmt.
func compareMixedGolden(t *testing.T, orig, copied, file string) {
	rel, err := filepath.Rel(copied, file)
	if err != nil || strings.HasPrefix(rel, "..") {
		return
	}
	got, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	want, err := os.ReadFile(filepath.Join(orig, rel) + ".golden")
	if err != nil {
		t.Fatal(err)
	}
	got, err1 := format.Source(got)
	want, err2 := format.Source(want)
	if err1 != nil || err2 != nil || !bytes.Equal(got, want) {
		t.Errorf("fixpoint/%s: the fixes of all analyzers give\n%s\nwant %s.golden (%v, %v)", rel, got, rel, err1, err2)
	}
}

// goldenPackages lists the import paths, under src, of the directories
// that hold a *.go.golden file.
func goldenPackages(t *testing.T, src string) []string {
	var pkgs []string
	err := filepath.WalkDir(src, func(path string, d fs.DirEntry, err error) error {
		if err != nil || !strings.HasSuffix(path, ".go.golden") {
			return err
		}
		rel, err := filepath.Rel(src, filepath.Dir(path))
		if err == nil && !slices.Contains(pkgs, filepath.ToSlash(rel)) {
			pkgs = append(pkgs, filepath.ToSlash(rel))
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return pkgs
}

// A diag is one finding, with what the comparison needs.
type diag struct {
	analyzer string
	d        analysis.Diagnostic
	file     string
	line     int
	fixed    bool   // a fix of it was applied
	key      string // analyzer, rule, file:line and message
	fset     *token.FileSet
}

func (d diag) String() string {
	return fmt.Sprintf("%s:%d: %s: %s (%s)", filepath.Base(d.file), d.line, d.analyzer, d.d.Message, d.d.Category)
}

// keyIn is d's key with its lines, and the lines its message names,
// mapped back to where they were before the fixes.
func (d diag) keyIn(maps map[string]*lineMap) string {
	line := d.line
	if m := maps[d.file]; m != nil {
		line = m.old(line)
	}
	msg := fileLine.ReplaceAllStringFunc(d.d.Message, func(s string) string {
		sub := fileLine.FindStringSubmatch(s)
		n, _ := strconv.Atoi(sub[2])
		if m := maps[filepath.Join(filepath.Dir(d.file), sub[1])]; m != nil {
			n = m.old(n)
		}
		return fmt.Sprintf("%s:%d", sub[1], n)
	})
	return diagKey(d.analyzer, d.d.Category, d.file, line, msg)
}

var fileLine = regexp.MustCompile(`\b([\w.-]+\.go):(\d+)\b`)

func diagKey(analyzer, rule, file string, line int, msg string) string {
	return fmt.Sprintf("%s %s %s:%d %s", analyzer, rule, file, line, msg)
}

// analyse loads pkgs from the GOPATH tree gopath, requires them to
// type-check, and runs every analyzer on them as the command does.
func analyse(t *testing.T, gopath string, pkgs []string) []diag {
	t.Helper()
	cfg := &packages.Config{
		Mode: packages.LoadAllSyntax,
		Dir:  filepath.Join(gopath, "src"),
		Env:  append(os.Environ(), "GOPATH="+gopath, "GO111MODULE=off", "GOWORK=off", "GOPROXY=off"),
	}
	loaded, err := packages.Load(cfg, pkgs...)
	if err != nil {
		t.Fatal(err)
	}
	packages.Visit(loaded, nil, func(p *packages.Package) {
		for _, e := range p.Errors {
			t.Errorf("%s does not type-check: %v", p.PkgPath, e)
		}
	})
	if t.Failed() {
		t.FailNow()
	}
	graph, err := checker.Analyze(analyzers.All(), loaded, nil)
	if err != nil {
		t.Fatal(err)
	}
	var out []diag
	for _, act := range graph.Roots {
		if act.Err != nil {
			t.Fatalf("%s: %v", act, act.Err)
		}
		for _, d := range act.Diagnostics {
			p := act.Package.Fset.Position(d.Pos)
			out = append(out, diag{
				analyzer: act.Analyzer.Name, d: d, file: p.Filename, line: p.Line, fset: act.Package.Fset,
				key: diagKey(act.Analyzer.Name, d.Category, p.Filename, p.Line, d.Message),
			})
		}
	}
	return out
}

// An edit is one text edit, as byte offsets into its file.
type edit struct {
	start, end int
	text       string
}

// fixEdits gathers the edits of the first fix of every diagnostic, by
// file, and marks those diagnostics fixed. The same fix reported twice
// (by two analyzers, or for two findings) is applied once; edits that
// overlap otherwise conflict, and -fix would refuse them.
func fixEdits(t *testing.T, diags []diag) map[string][]edit {
	t.Helper()
	out := make(map[string][]edit)
	for i := range diags {
		d := &diags[i]
		if len(d.d.SuggestedFixes) == 0 {
			continue
		}
		d.fixed = true
		for _, te := range d.d.SuggestedFixes[0].TextEdits {
			f := d.fset.File(te.Pos)
			end := te.End
			if !end.IsValid() {
				end = te.Pos
			}
			e := edit{f.Offset(te.Pos), f.Offset(end), string(te.NewText)}
			if !slices.Contains(out[f.Name()], e) {
				out[f.Name()] = append(out[f.Name()], e)
			}
		}
	}
	for file, es := range out {
		sort.Slice(es, func(i, j int) bool { return es[i].start < es[j].start })
		for i := 1; i < len(es); i++ {
			if es[i].start < es[i-1].end || es[i].start == es[i-1].start {
				t.Errorf("%s: conflicting edits %v and %v", file, es[i-1], es[i])
			}
		}
	}
	return out
}

// applyEdits rewrites file with es, sorted and disjoint, and returns how
// its new lines map to the old ones.
func applyEdits(file string, es []edit) (*lineMap, error) {
	src, err := os.ReadFile(file)
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	m := &lineMap{oldSrc: src}
	last := 0
	for _, e := range es {
		m.add(buf.Len(), last, e.start-last)
		buf.Write(src[last:e.start])
		m.add(buf.Len(), -1, len(e.text))
		buf.WriteString(e.text)
		last = e.end
	}
	m.add(buf.Len(), last, len(src)-last)
	buf.Write(src[last:])
	m.newSrc = buf.Bytes()
	return m, os.WriteFile(file, buf.Bytes(), 0o644)
}

// lineMap maps the lines of an edited file back to the original's.
type lineMap struct {
	oldSrc, newSrc []byte
	pieces         []piece
}

// A piece is a run of the new text: kept from the old one at oldStart,
// or inserted (oldStart -1).
type piece struct{ newStart, oldStart, n int }

func (m *lineMap) add(newStart, oldStart, n int) {
	if n > 0 {
		m.pieces = append(m.pieces, piece{newStart, oldStart, n})
	}
}

// old is the line of the original file that new line n was, or -n for a
// line the fixes inserted.
func (m *lineMap) old(n int) int {
	off := lineStart(m.newSrc, n)
	for _, p := range m.pieces {
		if off >= p.newStart && off < p.newStart+p.n {
			if p.oldStart < 0 {
				return -n
			}
			return 1 + bytes.Count(m.oldSrc[:p.oldStart+off-p.newStart], []byte("\n"))
		}
	}
	return -n
}

// lineStart is the offset of the start of line n (1-based) in src.
func lineStart(src []byte, n int) int {
	off := 0
	for i := 1; i < n; i++ {
		j := bytes.IndexByte(src[off:], '\n')
		if j < 0 {
			return len(src)
		}
		off += j + 1
	}
	return off
}
