package server

import (
	"net/http"

	"github.com/versus-dev/versus/internal/content"
	"github.com/versus-dev/versus/internal/shareimage"
)

// headlineAspects are the rows a share image shows, when they exist.
var headlineAspects = []string{"architecture", "concurrency-model", "built-in-features", "orm"}

// writeShareImage renders the comparison's 1200×630 Open Graph image. The page cache keeps
// the bytes, so each image is drawn once.
func (s *Server) writeShareImage(w http.ResponseWriter, r *http.Request, m *content.Matrix) {
	site := s.Site()
	card := shareimage.Card{Footer: "versus · every claim sourced · " + "/compare/" + m.Canon}
	for i, sub := range m.Subjects {
		if i > 0 {
			card.Title += " vs "
		}
		card.Title += sub.Name
		card.Columns = append(card.Columns, shareimage.Column{Name: sub.Name, Kind: sub.Kind.Label, Language: sub.Language})
	}
	for _, id := range headlineAspects {
		a, ok := site.Aspect(id)
		if !ok {
			continue
		}
		row := shareimage.Row{Label: a.Label}
		for _, sub := range m.Subjects {
			row.Values = append(row.Values, sub.Values[id].Text)
		}
		card.Rows = append(card.Rows, row)
	}
	png, err := shareimage.Render(card)
	if err != nil {
		s.log.Error("share image", "path", r.URL.Path, "err", err)
		s.serverError(w, r)
		return
	}
	w.Header().Set("Content-Type", "image/png")
	if r.Method != http.MethodHead {
		_, _ = w.Write(png)
	}
}
