package server

import (
	"github.com/versus-dev/versus/internal/content"
)

// Pages lists the path of every HTML page of the site: what the sitemap lists and, with
// Documents, what `versus build` exports. Comparisons are listed once per pair, in canonical form.
func Pages(site *content.Site) []string {
	pages := []string{"/", "/articles", "/sources", "/subjects", "/compare", "/tags"}
	for _, a := range site.Published() {
		pages = append(pages, "/articles/"+a.Slug)
	}
	for _, s := range site.Sources {
		pages = append(pages, "/sources/"+s.Slug)
	}
	for _, s := range site.Subjects {
		pages = append(pages, "/subjects/"+s.Slug)
	}
	for i, a := range site.Subjects {
		for _, b := range site.Subjects[i+1:] {
			pages = append(pages, "/compare/"+content.CanonicalName([]string{a.Slug, b.Slug}))
		}
	}
	for _, t := range site.Tags {
		pages = append(pages, "/tags/"+t.Slug)
	}
	return pages
}

// Documents are the non-HTML files the site serves at fixed paths, exported beside the pages.
var Documents = []string{"/feed.xml", "/sitemap.xml", "/robots.txt"}
