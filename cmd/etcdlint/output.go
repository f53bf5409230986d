package main

import (
	"encoding/json"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/etcdlint/etcdlint/internal/checks"
)

// printFindings prints the sorted findings in the format: text to stderr,
// as go vet does, the machine formats to stdout. JSON has been printed by
// the checker already.
func printFindings(format string, findings []finding, as []*analysis.Analyzer, stdout, stderr io.Writer) error {
	switch format {
	case "text":
		for _, f := range findings {
			fmt.Fprintf(stderr, "%s: %s (%s)\n", position(f), f.diag.Message, f.rule())
		}
	case "github":
		for _, f := range findings {
			fmt.Fprintf(stdout, "::warning file=%s,line=%d,col=%d,title=%s::%s\n",
				ghProperty(relPath(f.pos.Filename)), f.pos.Line, f.pos.Column, ghProperty(f.rule()), ghData(f.diag.Message))
		}
	case "sarif":
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(sarifLog(findings, as))
	}
	return nil
}

func position(f finding) string {
	return fmt.Sprintf("%s:%d:%d", relPath(f.pos.Filename), f.pos.Line, f.pos.Column)
}

// GitHub workflow commands escape their data and properties so:
// https://github.com/actions/toolkit/blob/main/packages/core/src/command.ts
func ghData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

func ghProperty(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}

// The SARIF 2.1.0 subset etcdlint writes: one run, the rules of the
// analyzers that ran, one result per finding, its suggested fixes as
// fixes.
type (
	sarifRoot struct {
		Schema  string     `json:"$schema"`
		Version string     `json:"version"`
		Runs    []sarifRun `json:"runs"`
	}
	sarifRun struct {
		Tool    sarifTool     `json:"tool"`
		Results []sarifResult `json:"results"`
	}
	sarifTool struct {
		Driver sarifDriver `json:"driver"`
	}
	sarifDriver struct {
		Name           string      `json:"name"`
		Version        string      `json:"version,omitempty"`
		InformationURI string      `json:"informationUri"`
		Rules          []sarifRule `json:"rules"`
	}
	sarifRule struct {
		ID               string       `json:"id"`
		Name             string       `json:"name,omitempty"`
		ShortDescription sarifMessage `json:"shortDescription"`
		FullDescription  sarifMessage `json:"fullDescription"`
		HelpURI          string       `json:"helpUri,omitempty"`
	}
	sarifMessage struct {
		Text string `json:"text"`
	}
	sarifResult struct {
		RuleID    string          `json:"ruleId"`
		RuleIndex int             `json:"ruleIndex"`
		Level     string          `json:"level"`
		Message   sarifMessage    `json:"message"`
		Locations []sarifLocation `json:"locations"`
		Fixes     []sarifFix      `json:"fixes,omitempty"`
	}
	sarifLocation struct {
		PhysicalLocation sarifPhysical `json:"physicalLocation"`
	}
	sarifPhysical struct {
		ArtifactLocation sarifArtifact `json:"artifactLocation"`
		Region           sarifRegion   `json:"region"`
	}
	sarifArtifact struct {
		URI string `json:"uri"`
	}
	sarifRegion struct {
		StartLine   int `json:"startLine"`
		StartColumn int `json:"startColumn,omitempty"`
		EndLine     int `json:"endLine,omitempty"`
		EndColumn   int `json:"endColumn,omitempty"`
	}
	sarifFix struct {
		Description     sarifMessage          `json:"description"`
		ArtifactChanges []sarifArtifactChange `json:"artifactChanges"`
	}
	sarifArtifactChange struct {
		ArtifactLocation sarifArtifact      `json:"artifactLocation"`
		Replacements     []sarifReplacement `json:"replacements"`
	}
	sarifReplacement struct {
		DeletedRegion   sarifRegion   `json:"deletedRegion"`
		InsertedContent *sarifMessage `json:"insertedContent,omitempty"`
	}
)

func sarifLog(findings []finding, as []*analysis.Analyzer) sarifRoot {
	driver := sarifDriver{
		Name:           "etcdlint",
		Version:        moduleVersion(),
		InformationURI: "https://github.com/etcdlint/etcdlint",
		Rules:          []sarifRule{},
	}
	index := make(map[string]int)
	addRule := func(r sarifRule) {
		index[r.ID] = len(driver.Rules)
		driver.Rules = append(driver.Rules, r)
	}
	for _, a := range as {
		for _, id := range checks.Of(a.Name) {
			r, _ := checks.Lookup(id)
			addRule(sarifRule{ID: id, Name: a.Name, ShortDescription: sarifMessage{r.Short}, FullDescription: sarifMessage{checks.Doc(r, a.Doc)}, HelpURI: ruleURL(a, id)})
		}
		// Diagnostics without a rule (about //etcdlint:ignore directives)
		// are the analyzer's own.
		addRule(sarifRule{
			ID: a.Name, Name: a.Name,
			ShortDescription: sarifMessage{"a malformed or unused etcdlint directive"},
			FullDescription:  sarifMessage{"an //etcdlint:ignore or //etcdlint:file-ignore directive naming " + a.Name + " or its rules is malformed, names an unknown rule, has no reason, or silences nothing"},
			HelpURI:          directivesURL,
		})
	}
	results := []sarifResult{}
	for _, f := range findings {
		results = append(results, sarifResult{
			RuleID:    f.rule(),
			RuleIndex: index[f.rule()],
			Level:     "warning",
			Message:   sarifMessage{f.diag.Message},
			Locations: []sarifLocation{{sarifPhysical{sarifArtifact{uri(f.pos.Filename)}, region(f)}}},
			Fixes:     sarifFixes(f),
		})
	}
	return sarifRoot{
		Schema:  "https://json.schemastore.org/sarif-2.1.0.json",
		Version: "2.1.0",
		Runs:    []sarifRun{{Tool: sarifTool{driver}, Results: results}},
	}
}

// directivesURL documents //etcdlint:ignore.
const directivesURL = "https://github.com/etcdlint/etcdlint/blob/main/docs/usage.md#silencing-findings"

// ruleURL is where a rule is documented: the analyzer's page, at the
// rule's anchor.
func ruleURL(a *analysis.Analyzer, id string) string {
	base, _, _ := strings.Cut(a.URL, "#")
	if strings.HasSuffix(base, ".md") {
		return base + "#" + id
	}
	return a.URL
}

// uri is the artifact URI of a file: relative to the working directory
// (where code-scanning uploads run, at the repository root), else a
// file:// URI.
func uri(path string) string {
	rel := relPath(path)
	if !filepath.IsAbs(rel) {
		return filepath.ToSlash(rel)
	}
	return "file://" + filepath.ToSlash(rel)
}

// region is the finding's extent; an empty one is just its start.
func region(f finding) sarifRegion {
	p := f.pos
	r := sarifRegion{StartLine: p.Line, StartColumn: p.Column}
	if f.diag.End.IsValid() {
		e := f.fset.Position(f.diag.End)
		if e.Line > p.Line || e.Line == p.Line && e.Column > p.Column {
			r.EndLine, r.EndColumn = e.Line, e.Column
		}
	}
	return r
}

func sarifFixes(f finding) []sarifFix {
	var out []sarifFix
	for _, fix := range f.diag.SuggestedFixes {
		byFile := make(map[string]*sarifArtifactChange)
		var order []string
		for _, e := range fix.TextEdits {
			start, end := f.fset.Position(e.Pos), f.fset.Position(e.End)
			if !e.End.IsValid() {
				end = start
			}
			c := byFile[start.Filename]
			if c == nil {
				c = &sarifArtifactChange{ArtifactLocation: sarifArtifact{uri(start.Filename)}}
				byFile[start.Filename] = c
				order = append(order, start.Filename)
			}
			rep := sarifReplacement{DeletedRegion: sarifRegion{StartLine: start.Line, StartColumn: start.Column, EndLine: end.Line, EndColumn: end.Column}}
			if len(e.NewText) > 0 {
				rep.InsertedContent = &sarifMessage{string(e.NewText)}
			}
			c.Replacements = append(c.Replacements, rep)
		}
		sf := sarifFix{Description: sarifMessage{fix.Message}}
		for _, file := range order {
			sf.ArtifactChanges = append(sf.ArtifactChanges, *byFile[file])
		}
		out = append(out, sf)
	}
	return out
}
