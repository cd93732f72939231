package server

import (
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/versus-dev/versus/internal/content"
	"github.com/versus-dev/versus/internal/search"
	"github.com/versus-dev/versus/web"
)

// searchLimit is how many results the search page shows.
const searchLimit = 20

// searchPatience is how long a search waits for an index still being built before it answers
// with the warming-up page. The shipped content builds in a small fraction of it, so only a
// search in the first moments of a very large site sees that page.
var searchPatience = time.Second

// searchState is the search index of one site: after a reload the next search builds a new
// one, and the old one is collected.
type searchState struct {
	site *content.Site
	warm search.Warm
}

// searchState returns the search state for the site being served, replacing one left from an
// earlier site.
func (s *Server) searchState() *searchState {
	site := s.Site()
	for {
		cur := s.search.Load()
		if cur != nil && cur.site == site {
			return cur
		}
		fresh := &searchState{site: site}
		if s.search.CompareAndSwap(cur, fresh) {
			return fresh
		}
	}
}

// searchIndex starts building the index of the site being served, if nobody has, and waits up
// to wait for it. It returns nil while the index is still being built.
func (s *Server) searchIndex(wait time.Duration) (*search.Index, error) {
	st := s.searchState()
	ready := st.warm.Start(func() (*search.Index, error) {
		start := time.Now()
		ix, err := search.Build(st.site)
		if err != nil {
			s.log.Error("search index", "err", err)
			return nil, err
		}
		s.log.Info("search index built", "pages", ix.Len(), "took", time.Since(start).Round(time.Millisecond))
		return ix, nil
	})
	if wait > 0 {
		t := time.NewTimer(wait)
		defer t.Stop()
		select {
		case <-ready:
		case <-t.C:
		}
	}
	return st.warm.Index()
}

// WarmSearch starts building the search index of the site being served, in the background, so
// the first search finds it ready. A search starts the build too; calling this is optional.
func (s *Server) WarmSearch() { _, _ = s.searchIndex(0) }

func (s *Server) handleSearch(w http.ResponseWriter, r *http.Request) error {
	site := s.Site()
	v := web.SearchView{Page: s.page(r, false, "Search", "Search the articles, sources, subjects and aspects of versus.", web.Crumb{Label: "Search"}),
		Examples: site.SearchExamples}
	v.NoIndex = true
	v.Query, v.Cut = search.CutQuery(strings.TrimSpace(r.URL.Query().Get("q")))
	v.Chrome.Query = v.Query // as searched: a 10,000-character query is not echoed back whole
	if v.Query == "" {
		s.WarmSearch() // a search is likely to follow
	} else {
		v.Title = "Search results for “" + v.Query + "”"
		ix, err := s.searchIndex(searchPatience)
		switch {
		case err != nil:
			return err
		case ix == nil:
			v.Warming = true
			w.Header().Set("Cache-Control", "no-store")
		default:
			s.searchSlots <- struct{}{} // wait for a slot: see Server.searchSlots
			v.Results, err = ix.Search(v.Query, searchLimit)
			<-s.searchSlots
			if err != nil {
				return fmt.Errorf("search %q: %w", v.Query, err)
			}
			v.Cut = v.Cut || v.Results.Cut
		}
	}
	if len(v.Results.Hits) == 0 {
		v.Popular = site.Featured
	}
	return s.renderEcho(w, r, http.StatusOK, web.SearchPage(v))
}
