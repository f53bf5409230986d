package lsp

import (
	"context"
	"fmt"
	"net/url"
	"path/filepath"
	"sort"
	"strings"
)

// Position is a zero-based line and UTF-16 column.
type Position struct {
	Line      int `json:"line"`
	Character int `json:"character"`
}

// Range is a span of a document.
type Range struct {
	Start Position `json:"start"`
	End   Position `json:"end"`
}

// Diagnostic is a finding as the server publishes it.
type Diagnostic struct {
	Range           Range            `json:"range"`
	Severity        int              `json:"severity"`
	Code            any              `json:"code,omitempty"`
	CodeDescription *CodeDescription `json:"codeDescription,omitempty"`
	Source          string           `json:"source"`
	Message         string           `json:"message"`
	Data            any              `json:"data,omitempty"`
}

// CodeDescription links a diagnostic to its documentation.
type CodeDescription struct {
	Href string `json:"href"`
}

// Rule is the diagnostic's code as a string (gopls sends the rule ID).
func (d Diagnostic) Rule() string {
	if s, ok := d.Code.(string); ok {
		return s
	}
	return ""
}

// TextEdit replaces a range of a document.
type TextEdit struct {
	Range   Range  `json:"range"`
	NewText string `json:"newText"`
}

// CodeAction is a quick fix or refactoring the server offers.
type CodeAction struct {
	Title       string         `json:"title"`
	Kind        string         `json:"kind"`
	Diagnostics []Diagnostic   `json:"diagnostics"`
	Edit        *WorkspaceEdit `json:"edit"`
	Data        any            `json:"data,omitempty"`
}

// WorkspaceEdit is a set of edits, in either of the protocol's two forms.
type WorkspaceEdit struct {
	Changes         map[string][]TextEdit `json:"changes"`
	DocumentChanges []struct {
		TextDocument struct {
			URI string `json:"uri"`
		} `json:"textDocument"`
		Edits []TextEdit `json:"edits"`
	} `json:"documentChanges"`
}

// EditsFor returns the edits of e to the document uri.
func (e *WorkspaceEdit) EditsFor(uri string) []TextEdit {
	edits := append([]TextEdit(nil), e.Changes[uri]...)
	for _, dc := range e.DocumentChanges {
		if dc.TextDocument.URI == uri {
			edits = append(edits, dc.Edits...)
		}
	}
	return edits
}

// URI is the file URI of a path.
func URI(path string) string {
	abs, err := filepath.Abs(path)
	if err != nil {
		abs = path
	}
	return (&url.URL{Scheme: "file", Path: filepath.ToSlash(abs)}).String()
}

// Document is an open buffer: its text and version, as the editor keeps
// them.
type Document struct {
	s       *Server
	URI     string
	Text    string
	Version int
}

// Open sends didOpen for path with the given text.
func (s *Server) Open(path, text string) (*Document, error) {
	d := &Document{s: s, URI: URI(path), Text: text, Version: 1}
	err := s.Notify("textDocument/didOpen", map[string]any{
		"textDocument": map[string]any{"uri": d.URI, "languageId": "go", "version": d.Version, "text": text},
	})
	return d, err
}

// SetText replaces the buffer's text (didChange with the whole text, as
// editors without incremental sync do). Nothing is saved to disk.
func (d *Document) SetText(text string) error {
	d.Version++
	d.Text = text
	return d.s.Notify("textDocument/didChange", map[string]any{
		"textDocument":   map[string]any{"uri": d.URI, "version": d.Version},
		"contentChanges": []map[string]string{{"text": text}},
	})
}

// Apply applies edits to the buffer and sends the result.
func (d *Document) Apply(edits []TextEdit) error {
	text, err := applyEdits(d.Text, edits)
	if err != nil {
		return err
	}
	return d.SetText(text)
}

// Diagnose asks for the buffer's diagnostics (pull diagnostics): the
// answer comes once the file's packages are type-checked and analysed.
func (d *Document) Diagnose(ctx context.Context) ([]Diagnostic, error) {
	var report struct {
		Items []Diagnostic `json:"items"`
	}
	err := d.s.Call(ctx, "textDocument/diagnostic", map[string]any{
		"textDocument": map[string]string{"uri": d.URI},
	}, &report)
	return report.Items, err
}

// QuickFixes asks for the quick fixes of one diagnostic.
func (d *Document) QuickFixes(ctx context.Context, diag Diagnostic) ([]CodeAction, error) {
	var actions []CodeAction
	err := d.s.Call(ctx, "textDocument/codeAction", map[string]any{
		"textDocument": map[string]string{"uri": d.URI},
		"range":        diag.Range,
		"context": map[string]any{
			"diagnostics": []Diagnostic{diag},
			"only":        []string{"quickfix"},
		},
	}, &actions)
	if err != nil {
		return nil, err
	}
	for i, a := range actions {
		if a.Edit == nil && a.Data != nil {
			// A fix computed lazily: resolve it as editors do.
			if err := d.s.Call(ctx, "codeAction/resolve", a, &actions[i]); err != nil {
				return nil, err
			}
		}
	}
	return actions, nil
}

// applyEdits applies non-overlapping edits to text. Columns are UTF-16
// units, as the protocol counts them; the buffers edited here are ASCII
// where it matters, and anything else is refused.
func applyEdits(text string, edits []TextEdit) (string, error) {
	lines := strings.SplitAfter(text, "\n")
	offset := func(p Position) (int, error) {
		if p.Line > len(lines) {
			return 0, fmt.Errorf("line %d beyond the end", p.Line)
		}
		off := 0
		for _, l := range lines[:p.Line] {
			off += len(l)
		}
		if p.Line < len(lines) {
			line := lines[p.Line]
			for i, r := range line {
				if i >= p.Character {
					break
				}
				if r >= 0x80 {
					return 0, fmt.Errorf("non-ASCII text on line %d", p.Line)
				}
			}
		}
		return off + p.Character, nil
	}
	type span struct {
		start, end int
		text       string
	}
	var spans []span
	for _, e := range edits {
		start, err := offset(e.Range.Start)
		if err != nil {
			return "", err
		}
		end, err := offset(e.Range.End)
		if err != nil {
			return "", err
		}
		spans = append(spans, span{start, end, e.NewText})
	}
	sort.SliceStable(spans, func(i, j int) bool { return spans[i].start > spans[j].start })
	for _, s := range spans {
		text = text[:s.start] + s.text + text[s.end:]
	}
	return text, nil
}

// Format prints diagnostics one per line, for failure messages.
func Format(diags []Diagnostic) string {
	var b strings.Builder
	for _, d := range diags {
		fmt.Fprintf(&b, "  %d:%d %s %s: %s\n", d.Range.Start.Line+1, d.Range.Start.Character+1, d.Source, d.Rule(), d.Message)
	}
	return b.String()
}

// MemStats is gopls's heap after three garbage collections
// (the gopls.mem_stats command).
type MemStats struct {
	HeapAlloc  uint64
	HeapInUse  uint64
	TotalAlloc uint64
}

// MemStats asks gopls for its heap figures.
func (s *Server) MemStats(ctx context.Context) (MemStats, error) {
	var m MemStats
	err := s.Call(ctx, "workspace/executeCommand", map[string]any{"command": "gopls.mem_stats", "arguments": []any{}}, &m)
	return m, err
}
