package linkcheck

import (
	"slices"
	"testing"
	"testing/fstest"
)

func TestCheck(t *testing.T) {
	html := func(body string) *fstest.MapFile {
		return &fstest.MapFile{Data: []byte("<!DOCTYPE html><html><head><title>t</title></head><body>" + body + "</body></html>")}
	}
	site := fstest.MapFS{
		"index.html": html(`<h1 id="top-news">Home</h1>
			<a href="/articles/">articles</a> <a href="/articles">articles, no slash</a>
			<a href="/articles/one#intro">a section</a> <a href="/articles/one#gone">a lost section</a>
			<a href="/missing">missing</a> <a href="#top-news">here</a> <a href="#nowhere">here, lost</a>
			<a href="https://elsewhere.example/x">external</a> <a href="mailto:a@b.example">mail</a>
			<a href="?diff=1">same page, a view</a> <a href="#top">top</a> <a href="/articles?view=full">a view not exported</a>
			<img src="/static/logo.svg" alt=""> <img src="/static/gone.png" alt="">
			<img srcset="/static/logo.svg 1x, /static/big.svg 2x" alt="">
			<form action="/search"><input name="q"></form>`),
		"articles/index.html": html(`<a href="one">relative</a> <a href="one/">relative, slash</a> <a href="../../up">too far up</a>
			<a href="/static/logo.svg/">file as folder</a> <a href="/empty">a folder without index</a>`),
		"articles/one/index.html": html(`<h2 id="intro">Intro</h2><a name="old">old anchor</a><a href="/articles/one#old">old</a>
			<link rel="canonical" href="https://versus.example/articles/one"><meta property="og:url" content="https://versus.example/nope">
			<a href="https://versus.example.org/other">another site whose name starts the same</a>`),
		"diff=1.html":     html(`<p>The view ?diff=1 of the home page.</p>`),
		"static/logo.svg": {Data: []byte("<svg/>")},
		"empty/.keep":     {},
	}
	got, err := Check(site, Options{Origins: []string{"https://versus.example/"}})
	if err != nil {
		t.Fatal(err)
	}
	var lines []string
	for _, b := range got {
		lines = append(lines, b.String())
	}
	want := []string{
		`articles/index.html: <a href="../../up">: no such file`,
		`articles/index.html: <a href="/static/logo.svg/">: a file, linked as a folder`,
		`articles/index.html: <a href="/empty">: folder without index.html`,
		`articles/one/index.html: <meta content="https://versus.example/nope">: no such file`,
		`index.html: <a href="/articles/one#gone">: no element with id "gone" in articles/one/index.html`,
		`index.html: <a href="/missing">: no such file`,
		`index.html: <a href="#nowhere">: no element with id "nowhere" in index.html`,
		`index.html: <a href="/articles?view=full">: no exported view articles/view=full.html`,
		`index.html: <img src="/static/gone.png">: no such file`,
		`index.html: <img srcset="/static/big.svg">: no such file`,
	}
	if !slices.Equal(lines, want) {
		t.Errorf("broken links:\n%s\nwant:\n%s", join(lines), join(want))
	}
}

func join(lines []string) string {
	s := ""
	for _, l := range lines {
		s += "\t" + l + "\n"
	}
	return s
}
