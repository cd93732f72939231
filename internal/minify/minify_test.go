package minify

import (
	"strings"
	"testing"
)

func TestHTMLKeepsWhatMatters(t *testing.T) {
	in := "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n  <title>  A  page </title>\n</head>\n<body>\n  <!-- a note -->\n" +
		"  <p class=\"lede\">Two   words <a href=\"/x\">and</a> <b>more</b></p>\n" +
		"  <pre><code>  keep\n    this   spacing\n</code></pre>\n  <ul>\n    <li>one</li>\n    <li>two</li>\n  </ul>\n</body>\n</html>\n"
	out := string(HTML([]byte(in)))
	for _, want := range []string{"<html lang=\"en\">", "<p class=\"lede\">Two words <a href=\"/x\">and</a> <b>more</b></p>",
		"<pre><code>  keep\n    this   spacing\n</code></pre>", "<li>one</li>", "</body>", "</html>"} {
		if !strings.Contains(out, want) {
			t.Errorf("minified page lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "a note") || len(out) >= len(in) {
		t.Errorf("comments or spaces kept (%d → %d bytes):\n%s", len(in), len(out), out)
	}
}

func TestCSS(t *testing.T) {
	in := "/* note */\n.a > .b ,\n.c { color : red ; margin: calc(100vh - 2rem) ; }\n@media (max-width: 10px) {\n  a:hover { color: #ffffff; }\n}\n"
	out := string(CSS([]byte(in)))
	for _, want := range []string{".a>.b,.c{color:red;margin:calc(100vh - 2rem)}", "@media(max-width:10px){a:hover{color:#fff}}"} {
		if !strings.Contains(out, want) {
			t.Errorf("minified CSS lacks %q: %s", want, out)
		}
	}
}

func TestBrokenInputIsKept(t *testing.T) {
	in := []byte("a { color: red")
	if got := string(CSS(in)); got == "" {
		t.Error("unterminated CSS lost")
	}
}
