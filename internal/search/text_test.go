package search

import (
	"html/template"
	"testing"
)

func TestPlainText(t *testing.T) {
	tests := []struct {
		name string
		in   template.HTML
		want string
	}{
		{"heading anchors are left out",
			`<h2 id="why">Why it blocks <a class="anchor" href="#why" aria-label="Link to this section">#</a></h2><p>Because.</p>`,
			"Why it blocks. Because."},
		{"cells and items never run together",
			`<table><tr><th>Aspect</th><th>Django</th></tr><tr><td>ORM</td><td>Built in</td></tr></table><ul><li>one</li><li>two</li></ul>`,
			"Aspect Django ORM Built in one two"},
		{"inline markup joins, entities decode",
			`<p>Node<em>.js</em> &amp; <code>&lt;script&gt;</code>&nbsp;tags</p>`,
			"Node.js & <script> tags"},
		{"highlighted code keeps its spaces",
			`<div class="code"><pre class="chroma"><code><span class="line"><span class="kr">const</span> <span class="nx">app</span> <span class="o">=</span> <span class="nx">express</span><span class="p">();</span>
</span></code></pre></div>`,
			"const app = express();"},
		{"footnote back-links are left out",
			`<p>Text.<sup id="fnref:1"><a href="#fn:1" class="footnote-ref">1</a></sup></p><li id="fn:1"><p>The note.&#160;<a href="#fnref:1" class="footnote-backref" role="doc-backlink">&#x21a9;&#xfe0e;</a></p></li>`,
			"Text. 1 The note."},
	}
	for _, tt := range tests {
		if got := plainText(tt.in); got != tt.want {
			t.Errorf("%s: plainText = %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestWordTokenizer(t *testing.T) {
	var got []string
	for _, tok := range (wordTokenizer{}).Tokenize([]byte("Node.js’s worker_threads don't, v8 ’quoted’ Évènement\xff!")) {
		got = append(got, string(tok.Term))
	}
	want := []string{"Node", "js’s", "worker", "threads", "don't", "v8", "quoted", "Évènement"}
	if len(got) != len(want) {
		t.Fatalf("tokens %q, want %q", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("tokens %q, want %q", got, want)
		}
	}
}
