package content

import (
	"strings"

	"github.com/versus-dev/versus/internal/markdown"
	"github.com/versus-dev/versus/internal/problem"
)

// extractAllFeatureTables finds the feature tables of every document and records their claims.
// Every document keeps its own claims; a subject's value collects only the claims of source
// documents, because the matrix shows what published comparisons say beside our value, and our
// own articles speak with our voice (and would otherwise grow every cell with each new article).
func (l *loader) extractAllFeatureTables() {
	for _, pd := range l.docs {
		for _, t := range pd.md.Tables {
			for _, c := range l.extractFeatureTable(pd, t) {
				pd.doc.Claims = append(pd.doc.Claims, c)
				if v := c.Subject.Values[c.Aspect.ID]; v != nil && pd.source != nil {
					v.Claims = append(v.Claims, c)
				}
			}
		}
	}
	for _, s := range l.site.Subjects {
		for _, v := range s.Values {
			v.Agreement = agreement(v.Claims)
		}
	}
}

// extractFeatureTable returns the claims of a table whose header row names two or more known
// subjects; any other table is an ordinary table and yields nothing. In a feature table every
// header cell after the first must name a subject and every first-column cell an aspect.
func (l *loader) extractFeatureTable(pd *pendingDoc, t markdown.Table) []*Claim {
	if len(t.Header) < 3 {
		return nil
	}
	cols := make([]*Subject, len(t.Header))
	known := 0
	for i, h := range t.Header[1:] {
		if s, ok := l.site.subjectNamed(h.Text); ok {
			cols[i+1] = s
			known++
		}
	}
	if known < 2 {
		return nil
	}
	p := pd.doc.File
	for i, h := range t.Header[1:] {
		if cols[i+1] == nil {
			l.probs.Add(p, h.Line, problem.Table, "feature table column %q names no known subject (subjects are matched by name or alias)", h.Text)
		}
	}
	var labels []string
	for _, a := range l.site.Aspects {
		labels = append(labels, a.Label)
	}
	var claims []*Claim
	for _, row := range t.Rows {
		if len(row) == 0 {
			continue
		}
		aspect, ok := l.site.aspectNamed(row[0].Text)
		if !ok {
			l.probs.Add(p, row[0].Line, problem.Reference, "feature table row names unknown aspect %q%s", row[0].Text, problem.DidYouMean(row[0].Text, labels))
			continue
		}
		for i, cell := range row {
			if i == 0 || i >= len(cols) || cols[i] == nil || isNoClaim(cell.Text) {
				continue
			}
			text, stance := splitStance(cell.Text)
			if pd.source != nil && strings.HasPrefix(text, Reword) {
				l.probs.Add(p, cell.Line, problem.Wording, "claim %q for %s, %s is still in the source's words: write it in ours and drop %q",
					shorten(strings.TrimSpace(strings.TrimPrefix(text, Reword)), 60), cols[i].Name, aspect.Label, Reword)
			}
			if pd.source != nil && stance == NoStance {
				l.probs.Add(p, cell.Line, problem.Stance, "claim %q needs a stance against our value for %s, %s: end it with (agrees) or (differs)",
					shorten(text, 60), cols[i].Name, aspect.Label)
			}
			claims = append(claims, &Claim{Doc: pd.doc, Source: pd.source, Article: pd.article,
				Line: cell.Line, Aspect: aspect, Subject: cols[i], Text: text, Stance: stance})
		}
	}
	return claims
}

// Reword marks a claim an import kept in the source's own words: `check` refuses it until
// the author has written the claim anew.
const Reword = "REWORD:"

// splitStance takes the stance marker, "(agrees)" or "(differs)", off the end of a claim.
func splitStance(cell string) (text string, stance Stance) {
	for _, st := range []Stance{Agrees, Differs} {
		if t, ok := strings.CutSuffix(cell, "("+string(st)+")"); ok {
			return strings.TrimSpace(t), st
		}
	}
	return cell, NoStance
}

func isNoClaim(s string) bool {
	s = strings.TrimSpace(s)
	return s == "" || s == "-" || s == "–" || s == "—"
}
