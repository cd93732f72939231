package server

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"net/http"
	"strconv"
	"strings"

	"github.com/versus-dev/versus/internal/content"
)

// The JSON shape of a comparison view. Field names are part of the public interface.
type matrixJSON struct {
	Subjects  []subjectJSON `json:"subjects"`
	Canonical string        `json:"canonical"`
	DiffOnly  bool          `json:"diff_only"`
	Group     string        `json:"group,omitempty"`
	Rows      []rowJSON     `json:"rows"`
}

type subjectJSON struct {
	Slug     string `json:"slug"`
	Name     string `json:"name"`
	Kind     string `json:"kind"`
	Language string `json:"language"`
	Website  string `json:"website"`
}

type rowJSON struct {
	Group       string     `json:"group"`
	Aspect      string     `json:"aspect"`
	Label       string     `json:"label"`
	Description string     `json:"description"`
	Differ      bool       `json:"differ"`
	Cells       []cellJSON `json:"cells"`
}

type cellJSON struct {
	Subject   string        `json:"subject"`
	Value     string        `json:"value"`
	Level     *levelJSON    `json:"level"` // null on aspects described in words only
	Agreement agreementJSON `json:"agreement"`
	Note      string        `json:"note,omitempty"`
	AsOf      string        `json:"as_of"`
	Disputed  bool          `json:"disputed"`
	Dispute   string        `json:"dispute,omitempty"`
	Refs      []refJSON     `json:"refs"`
	Claims    []claimJSON   `json:"claims"`
}

type levelJSON struct {
	ID    string `json:"id"`
	Label string `json:"label"`
	Rank  int    `json:"rank"` // 0 is the first level of the scale; -1 unknown
	Scale string `json:"scale"`
}

type agreementJSON struct {
	Agree  int `json:"agree"`  // sources whose every claim on the cell agrees with our value
	Differ int `json:"differ"` // sources with a claim that differs
}

type refJSON struct {
	Title string `json:"title"`
	URL   string `json:"url"`
}

type claimJSON struct {
	Text     string `json:"text"`
	Stance   string `json:"stance"`
	Document string `json:"document"`
	URL      string `json:"url"`
	File     string `json:"file"`
	Line     int    `json:"line"`
}

func (s *Server) matrixData(r *http.Request, m *content.Matrix) matrixJSON {
	base := s.baseURL(r)
	out := matrixJSON{Canonical: base + m.Comparison.Canonical().Path(), DiffOnly: m.View.DiffOnly, Group: m.View.Group, Rows: []rowJSON{}}
	for _, sub := range m.Comparison {
		out.Subjects = append(out.Subjects, subjectJSON{Slug: sub.Slug, Name: sub.Name, Kind: sub.Kind.ID, Language: sub.Language, Website: sub.Website})
	}
	for _, g := range m.Groups {
		for _, row := range g.Rows {
			rj := rowJSON{Group: g.Group.ID, Aspect: row.Aspect.ID, Label: row.Aspect.Label, Description: row.Aspect.Description, Differ: row.Differ}
			for i, v := range row.Values {
				c := cellJSON{Subject: m.Comparison[i].Slug, Value: v.Text, Note: v.Note, AsOf: v.AsOf,
					Agreement: agreementJSON{Agree: v.Agreement.Agree, Differ: v.Agreement.Differ},
					Disputed:  v.Disputed != "", Dispute: v.Disputed, Refs: []refJSON{}, Claims: []claimJSON{}}
				if l := v.Level; l != nil {
					c.Level = &levelJSON{ID: l.ID, Label: l.Label, Rank: l.Rank, Scale: row.Aspect.Scale.ID}
				}
				for _, ref := range v.Refs {
					c.Refs = append(c.Refs, refJSON{Title: ref.Title, URL: absolute(base, ref.Path())})
				}
				for _, cl := range v.Claims {
					c.Claims = append(c.Claims, claimJSON{Text: cl.Text, Stance: string(cl.Stance), Document: cl.Doc.Title, URL: base + cl.DocumentPath(), File: cl.Doc.File, Line: cl.Line})
				}
				rj.Cells = append(rj.Cells, c)
			}
			out.Rows = append(out.Rows, rj)
		}
	}
	return out
}

// absolute makes a site path absolute; an external URL is returned as it is.
func absolute(base, path string) string {
	if strings.HasPrefix(path, "/") {
		return base + path
	}
	return path
}

// matrix is the matrix of the comparison and view a request for format f asks for.
func (s *Server) matrix(r *http.Request, f content.Format) (*content.Matrix, error) {
	c, view, err := s.comparisonView(r, f)
	if err != nil {
		return nil, err
	}
	return s.Site().Compare(c, view), nil
}

func (s *Server) handleCompareJSON(w http.ResponseWriter, r *http.Request) error {
	m, err := s.matrix(r, content.JSON)
	if err != nil {
		return err
	}
	body, err := json.MarshalIndent(s.matrixData(r, m), "", "  ")
	if err != nil {
		return err
	}
	writeDownload(w, "application/json; charset=utf-8", m.Comparison.Name()+string(content.JSON), append(body, '\n'))
	return nil
}

func (s *Server) handleCompareCSV(w http.ResponseWriter, r *http.Request) error {
	m, err := s.matrix(r, content.CSV)
	if err != nil {
		return err
	}
	data := s.matrixData(r, m)
	var buf bytes.Buffer
	cw := csv.NewWriter(&buf)
	header := []string{"group", "aspect", "label"}
	for _, sub := range m.Comparison {
		for _, col := range []string{"level", "level id", "value", "note", "as of", "sources agree", "sources differ", "disputed", "references", "source claims"} {
			header = append(header, sub.Name+" "+col)
		}
	}
	_ = cw.Write(header)
	for _, row := range data.Rows {
		rec := []string{row.Group, row.Aspect, row.Label}
		for _, c := range row.Cells {
			var refs, claims []string
			for _, ref := range c.Refs {
				refs = append(refs, ref.Title+" <"+ref.URL+">")
			}
			for _, cl := range c.Claims {
				claims = append(claims, cl.Document+": "+cl.Text+" ("+cl.Stance+")")
			}
			disputed := ""
			if c.Disputed {
				disputed = c.Dispute
			}
			level, levelID := "", ""
			if c.Level != nil {
				level, levelID = c.Level.Label, c.Level.ID
			}
			rec = append(rec, level, levelID, c.Value, c.Note, c.AsOf, strconv.Itoa(c.Agreement.Agree), strconv.Itoa(c.Agreement.Differ),
				disputed, strings.Join(refs, "; "), strings.Join(claims, " | "))
		}
		_ = cw.Write(rec)
	}
	cw.Flush()
	writeDownload(w, "text/csv; charset=utf-8", m.Comparison.Name()+string(content.CSV), buf.Bytes())
	return nil
}

func writeDownload(w http.ResponseWriter, contentType, filename string, body []byte) {
	w.Header().Set("Content-Type", contentType)
	w.Header().Set("Content-Disposition", `attachment; filename="`+filename+`"`)
	_, _ = w.Write(body)
}
