package content

import (
	"fmt"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/versus-dev/versus/internal/testsite"
)

// TestLevelProblems checks each rule of levels and stances, each reported at its line.
func TestLevelProblems(t *testing.T) {
	subject := func(orm testsite.Value) string {
		s := testsite.Beta
		s.Values = map[string]testsite.Value{"language": {Value: "JavaScript", Level: "javascript"}, "orm": orm}
		return s.File()
	}
	// The lines of Beta's orm cell and of its level, as the builder writes the file.
	file := subject(testsite.Value{Value: "x", Level: "none"})
	ormLine := lineOf(file, "  orm:\n", 0)
	levelLine := lineOf(file, "    level:", ormLine)
	cell, level := fmt.Sprintf("subjects/beta.md:%d:", ormLine), fmt.Sprintf("subjects/beta.md:%d:", levelLine)
	for _, tt := range []struct {
		name, path, data, want string
	}{
		{"scaled cell without a level", "subjects/beta.md", subject(testsite.Value{Value: "x", Level: "-"}),
			cell + ` aspect "orm" needs a level: one of built-in, add-on, none, unknown`},
		{"unknown level id", "subjects/beta.md", subject(testsite.Value{Value: "x", Level: "buit-in"}),
			level + ` aspect "orm": "buit-in" is not a level of the support scale (did you mean "built-in"?)`},
		{"qualifying level without a note", "subjects/beta.md", subject(testsite.Value{Value: "x", Level: "add-on"}),
			level + ` aspect "orm": level "add-on" qualifies, so it needs a note`},
		{"unknown level without a note", "subjects/beta.md", subject(testsite.Value{Value: "x", Level: "unknown"}),
			level + ` aspect "orm": level unknown needs a note saying what is missing`},
		{"level on a prose aspect", "subjects/beta.md", strings.Replace(subject(testsite.Value{Value: "x", Level: "none"}),
			`  concurrency-model:
    value: "Beta concurrency-model"`, `  concurrency-model:
    value: "Beta concurrency-model"
    level: "none"`, 1), `aspect "concurrency-model" has no scale`},
		{"claim without a stance", "sources/src.md", strings.Replace(testsite.Source, "Has one too (differs)", "Has one too", 1),
			`sources/src.md:18: claim "Has one too" needs a stance against our value for Beta, ORM and database access`},
		{"claim left in the source's words", "sources/src.md", strings.Replace(testsite.Source, "Has one too (differs)", "REWORD: Has one too (differs)", 1),
			`sources/src.md:18: claim "Has one too" for Beta, ORM and database access is still in the source's words`},
		{"source without a summary", "sources/src.md", strings.Replace(testsite.Source, "## Summary", "## Overview", 1),
			`sources/src.md:7: a source needs a "## Summary" section`},
		{"summary left empty", "sources/src.md", strings.Replace(testsite.Source,
			"A short blog post comparing Alpha and Beta on their language and their database layer, with\nno sources of its own.",
			"<!-- In your own words: what the document is, who wrote it and for whom. -->", 1),
			`sources/src.md:7: the summary has 0 words`},
		{"unknown scale", "aspects.yaml", strings.Replace(testsite.Aspects, "scale: support", "scale: suport", 1),
			fmt.Sprintf(`aspects.yaml:%d: aspect "orm": unknown scale "suport" (did you mean "support"?)`, lineOf(testsite.Aspects, "    scale: support", 0))},
	} {
		t.Run(tt.name, func(t *testing.T) {
			fsys := validFS()
			fsys[tt.path] = &fstest.MapFile{Data: []byte(tt.data)}
			_, probs := load(t, fsys)
			for _, p := range probs {
				if strings.HasPrefix(p.String(), tt.want) || strings.Contains(p.String(), tt.want) && !strings.HasPrefix(tt.want, tt.path) {
					return
				}
			}
			t.Errorf("want %q, got:\n%v", tt.want, probs)
		})
	}
}

// lineOf is the 1-based line of the first occurrence of sub in text at or after line from.
func lineOf(text, sub string, from int) int {
	lines := strings.SplitAfter(text, "\n")
	for i := max(from-1, 0); i < len(lines); i++ {
		if strings.HasPrefix(strings.Join(lines[i:], ""), sub) {
			return i + 1
		}
	}
	return 0
}

func TestLevelsAndAgreement(t *testing.T) {
	site, _ := load(t, validFS())
	beta, _ := site.Subject("beta")
	orm := beta.Values["orm"]
	if orm.Level.ID != "add-on" || !orm.Level.Qualify || orm.Level.Rank != 1 || orm.Level.Glyph() != "●○" || !orm.NeedsNote() {
		t.Errorf("beta orm level = %+v", orm.Level)
	}
	if got := string(orm.ShortNote); got != "Uses <code>models</code> from a package." {
		t.Errorf("short note = %q", got)
	}
	if orm.Agreement != (Agreement{Agree: 0, Differ: 1}) {
		t.Errorf("beta orm agreement = %+v, want the one differing source", orm.Agreement)
	}
	alpha, _ := site.Subject("alpha")
	if a := alpha.Values["language"].Agreement; a != (Agreement{Agree: 1}) || a.Sources() != 1 {
		t.Errorf("alpha language agreement = %+v", a)
	}
	if lang := alpha.Values["language"].Level; lang.Glyph() != "" || lang.Scale.Ordered {
		t.Errorf("a category level has a glyph: %q", lang.Glyph())
	}
	if alpha.Values["concurrency-model"].Level != nil {
		t.Error("a prose aspect has a level")
	}
	if Unknown.Glyph() != "?" {
		t.Error("unknown has no mark")
	}
	src, _ := site.Source("src")
	if src.Claims[0].Text != "Python too" || src.Claims[0].Stance != Agrees || src.Claims[3].Stance != Differs {
		t.Errorf("claims = %q %q, %q", src.Claims[0].Text, src.Claims[0].Stance, src.Claims[3].Stance)
	}
}

func TestFirstSentence(t *testing.T) {
	for in, want := range map[string]string{
		"One. Two.":                        "One.",
		"Uses e.g. Prisma. Then more.":     "Uses e.g. Prisma.",
		"Node.js has `a. B` here. Next.":   "Node.js has `a. B` here.",
		"See [the docs. Here](/x). Later.": "See [the docs. Here](/x).",
		"no end":                           "no end",
		"Version 3.1 is out. It is.":       "Version 3.1 is out.",
	} {
		if got := firstSentence(in); got != want {
			t.Errorf("firstSentence(%q) = %q, want %q", in, got, want)
		}
	}
}
