package server

import (
	"net/http"
	"strings"

	"github.com/versus-dev/versus/internal/content"
	"github.com/versus-dev/versus/internal/shareimage"
)

// handleShareImage renders the comparison's 1200×630 Open Graph image, with the rows site.yaml
// names. The page cache keeps the bytes, so each image is drawn once.
func (s *Server) handleShareImage(w http.ResponseWriter, r *http.Request) error {
	c, err := s.comparison(r, content.Image)
	if err != nil {
		return err
	}
	card := shareimage.Card{Title: c.Title(), Footer: "versus · every claim sourced · " + c.Canonical().Path()}
	for _, sub := range c {
		card.Columns = append(card.Columns, shareimage.Column{Name: sub.Name, Kind: sub.Kind.Label, Language: sub.Language})
	}
	for _, a := range s.Site().ShareAspects {
		row := shareimage.Row{Label: a.Label}
		for _, sub := range c {
			row.Values = append(row.Values, levelText(sub.Values[a.ID]))
		}
		card.Rows = append(card.Rows, row)
	}
	return writePNG(w, card)
}

// levelText is a cell as a share image shows it: its level, mark and label, when it has one,
// else its value.
func levelText(v *content.Value) string {
	if v.Level == nil {
		return v.Text
	}
	return strings.TrimSpace(v.Level.Glyph() + " " + v.Level.Label)
}

func writePNG(w http.ResponseWriter, card shareimage.Card) error {
	png, err := shareimage.Render(card)
	if err != nil {
		return err
	}
	w.Header().Set("Content-Type", "image/png")
	_, _ = w.Write(png)
	return nil
}
