package search

import (
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/custom"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/analysis/token/lowercase"
	"github.com/blevesearch/bleve/v2/analysis/token/porter"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/registry"
)

// The analyzer turns text into the words the index holds, at build time and for every query
// and snippet alike: words split by wordTokenizer, English possessives dropped, lowercased,
// stop words dropped, Porter-stemmed.
const (
	analyzerName  = "versus-en"
	tokenizerName = "versus-words"
)

func init() {
	err := registry.RegisterTokenizer(tokenizerName, func(map[string]any, *registry.Cache) (analysis.Tokenizer, error) {
		return wordTokenizer{}, nil
	})
	if err != nil {
		panic(err)
	}
}

// addAnalyzer defines the analyzer in an index mapping.
func addAnalyzer(m *mapping.IndexMappingImpl) error {
	return m.AddCustomAnalyzer(analyzerName, map[string]any{
		"type":          custom.Name,
		"tokenizer":     tokenizerName,
		"token_filters": []string{en.PossessiveName, lowercase.Name, en.StopName, porter.Name},
	})
}

// wordTokenizer splits text into runs of letters and digits, keeping an apostrophe between
// letters ("Django’s", for the possessive filter). Unlike bleve's Unicode word segmentation it
// splits "Node.js" and "worker_threads" into their parts, so each part can be found, and it is
// cheaper: snippets use it to find words at query time (nextWord).
type wordTokenizer struct{}

func (wordTokenizer) Tokenize(input []byte) analysis.TokenStream {
	var out analysis.TokenStream
	for i := 0; ; {
		start, end := nextWord(input, i)
		if start < 0 {
			return out
		}
		out = append(out, &analysis.Token{Term: input[start:end], Start: start, End: end,
			Position: len(out) + 1, Type: analysis.AlphaNumeric})
		i = end
	}
}

// nextWord finds the first word of b at or after byte i; start is -1 when there is none.
func nextWord(b []byte, i int) (start, end int) {
	start = -1
	for i < len(b) {
		r, size := decodeRune(b[i:])
		switch {
		case wordRune(r):
			if start < 0 {
				start = i
			}
		case start >= 0 && (r == '\'' || r == '’') && i+size < len(b):
			if next, _ := decodeRune(b[i+size:]); !wordRune(next) {
				return start, i
			}
			// an apostrophe inside a word
		case start >= 0:
			return start, i
		}
		i += size
	}
	return start, len(b)
}

func decodeRune(b []byte) (rune, int) {
	if b[0] < utf8.RuneSelf {
		return rune(b[0]), 1
	}
	return utf8.DecodeRune(b)
}

func wordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
	}
	return r != utf8.RuneError && (unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r))
}
