// Package content embeds the site's content (aspects.yaml, site.yaml, subjects/, sources/,
// articles/)
// into the binary, so `versus` serves the whole site with no files around it.
package content

import "embed"

// FS is the embedded content folder.
//
//go:embed aspects.yaml site.yaml subjects sources articles
var FS embed.FS
