package checks

import (
	"slices"
	"strings"
	"testing"
)

func enabled(s Selection) []string {
	var ids []string
	for _, r := range Rules {
		if s.Enabled(r.ID) {
			ids = append(ids, r.ID)
		}
	}
	return ids
}

func TestParse(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want string // enabled rules, or the error's text
	}{
		{"all", "SC1 UP1 UP2 UP3 UP4 UP5 UP6 CT1 CT2 CT3 CT4 CT5 CT6 LO1 LO2 LO3 LO4"},
		{"all,-CT3", "SC1 UP1 UP2 UP3 UP4 UP5 UP6 CT1 CT2 CT4 CT5 CT6 LO1 LO2 LO3 LO4"},
		{"SC1,UP*", "SC1 UP1 UP2 UP3 UP4 UP5 UP6"},
		{"sessionclose, leaseorphan", "SC1 LO1 LO2 LO3 LO4"},
		{"all,-ctxtimeout,CT3", "SC1 UP1 UP2 UP3 UP4 UP5 UP6 CT3 LO1 LO2 LO3 LO4"},
		{"sc1", "SC1"},
		{"-CT3", "select no rule: to turn some off, start with all (all,-CT3)"},
		{"SC9", `check "SC9" names no rule or analyzer`},
		{"all,-sesionclose", `check "-sesionclose" names no rule or analyzer`},
		{"", "empty checks list"},
	} {
		s, err := Parse(Split(tc.in))
		got := strings.Join(enabled(s), " ")
		if err != nil {
			got = err.Error()
		}
		if !strings.Contains(got, tc.want) {
			t.Errorf("Parse(%q) = %s, want %s", tc.in, got, tc.want)
		}
	}
}

func TestDoc(t *testing.T) {
	doc := "ctxtimeout: report things\n\nCT1: the first\nrule.\n\nCT5 (off by default): the fifth.\n\nunlockpair intro:\n\n  - UP1: one;\n  - UP2: two\n    lines;"
	for id, want := range map[string]string{"CT1": "CT1: the first\nrule.", "CT5": "CT5 (off by default): the fifth.", "UP2": "UP2: two\nlines"} {
		r, _ := Lookup(id)
		if got := Doc(r, doc); got != want {
			t.Errorf("Doc(%s) = %q, want %q", id, got, want)
		}
	}
	if r, _ := Lookup("SC1"); Doc(r, doc) != doc {
		t.Error("the doc of a one-rule analyzer is the analyzer's")
	}
	if !slices.Equal(Of("leaseorphan"), []string{"LO1", "LO2", "LO3", "LO4"}) {
		t.Errorf("Of(leaseorphan) = %v", Of("leaseorphan"))
	}
}
