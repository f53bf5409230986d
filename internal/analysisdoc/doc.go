// Package analysisdoc extracts an analyzer's documentation from its
// package's doc comment, so the text users read in -help and in their
// editor is written once, in doc.go.
package analysisdoc

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"strings"
)

// MustExtract returns the section headed "# Analyzer name" of the package
// comment in content (the source of a doc.go), up to the next heading.
// The first line of the section must read "name: summary"; as with x/tools'
// own passes, the result starts after "name: ", because drivers print the
// name in front of the summary themselves.
func MustExtract(content, name string) string {
	doc, err := extract(content, name)
	if err != nil {
		panic(err)
	}
	return doc
}

func extract(content, name string) (string, error) {
	f, err := parser.ParseFile(token.NewFileSet(), "", content, parser.ParseComments|parser.PackageClauseOnly)
	if err != nil {
		return "", err
	}
	if f.Doc == nil {
		return "", fmt.Errorf("analyzer %s: doc.go has no package comment", name)
	}
	text := commentText(f.Doc)
	heading := "# Analyzer " + name
	i := strings.Index(text, heading)
	if i < 0 {
		return "", fmt.Errorf("analyzer %s: no %q in package comment", name, heading)
	}
	body := text[i+len(heading):]
	if j := strings.Index(body, "\n# "); j >= 0 {
		body = body[:j]
	}
	body = strings.TrimSpace(body)
	summary, ok := strings.CutPrefix(body, name+": ")
	if !ok {
		return "", fmt.Errorf("analyzer %s: documentation must begin %q", name, name+": ")
	}
	return summary, nil
}

// commentText is ast.CommentGroup.Text without its habit of dropping lines
// that look like directives.
func commentText(g *ast.CommentGroup) string {
	var lines []string
	for _, c := range g.List {
		t := c.Text
		switch {
		case strings.HasPrefix(t, "//"):
			t = strings.TrimPrefix(strings.TrimPrefix(t, "//"), " ")
			lines = append(lines, t)
		case strings.HasPrefix(t, "/*"):
			lines = append(lines, strings.Split(strings.TrimSuffix(strings.TrimPrefix(t, "/*"), "*/"), "\n")...)
		}
	}
	return strings.Join(lines, "\n")
}
