// Package export says which file of a static export holds each URL of the site, the one
// mapping `versus build` writes by and the link check reads by. A page is a folder's
// index.html (/compare/a-vs-b → compare/a-vs-b/index.html), a file keeps its name
// (/compare/a-vs-b.json), and a view a query names is a file beside its page named by the
// query (/compare/a-vs-b?diff=1 → compare/a-vs-b/diff=1.html). A static host serves views with
// a rule such as nginx's `try_files $uri/$args.html $uri/index.html $uri =404` (deploy/nginx.conf).
package export

import (
	"path"
	"strings"
)

// File is the slash-separated path, inside the export, of the file for a URL path and its raw
// query (already in the site's canonical order).
func File(urlPath, rawQuery string) string {
	rel := strings.TrimPrefix(path.Clean("/"+urlPath), "/")
	if rawQuery != "" {
		return path.Join(rel, rawQuery+".html")
	}
	if rel == "" || path.Ext(rel) == "" {
		return path.Join(rel, "index.html")
	}
	return rel
}
