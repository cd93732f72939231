package shareimage

import (
	"bytes"
	"image"
	"image/png"
	"os"
	"strings"
	"sync"
	"testing"

	"golang.org/x/image/font"
	"golang.org/x/image/font/opentype"
)

func twoColumns() Card {
	return Card{
		Title: "Node.js vs Django",
		Columns: []Column{
			{Name: "Node.js", Kind: "runtime", Language: "JavaScript"},
			{Name: "Django", Kind: "framework", Language: "Python"},
		},
		Rows: []Row{
			{Label: "Concurrency", Values: []string{"Event loop, async I/O", "Threads or ASGI workers"}},
			{Label: "Typing", Values: []string{"Dynamic (TypeScript opt.)", "Dynamic, type hints"}},
			{Label: "ORM", Values: []string{"None built in", "Django ORM"}},
			{Label: "License", Values: []string{"MIT", "BSD-3-Clause"}},
		},
		Footer: "versus · compare backend technologies",
	}
}

func threeColumns() Card {
	return Card{
		Title: "Go net/http vs Gin vs Echo",
		Columns: []Column{
			{Name: "net/http", Kind: "standard library", Language: "Go"},
			{Name: "Gin", Kind: "framework", Language: "Go"},
			{Name: "Echo", Kind: "framework", Language: "Go"},
		},
		Rows: []Row{
			{Label: "Routing", Values: []string{"Patterns (1.22+)", "Radix tree", "Radix tree"}},
			{Label: "Middleware", Values: []string{"Handler wrapping", "gin.HandlerFunc", "echo.MiddlewareFunc"}},
		},
		Footer: "versus · compare backend technologies",
	}
}

func fourColumns() Card {
	return Card{
		Title: "Node.js vs Django vs Rails vs Laravel",
		Columns: []Column{
			{Name: "Node.js", Kind: "runtime", Language: "JavaScript"},
			{Name: "Django", Kind: "framework", Language: "Python"},
			{Name: "Ruby on Rails", Kind: "framework", Language: "Ruby"},
			{Name: "Laravel", Kind: "framework", Language: "PHP"},
		},
		Rows: []Row{
			{Label: "Concurrency", Values: []string{"Event loop", "Threads / ASGI", "Threads", "Process per request"}},
			{Label: "Typing", Values: []string{"Dynamic", "Dynamic", "Dynamic", "Gradual"}},
			{Label: "ORM", Values: []string{"None built in", "Django ORM", "Active Record", "Eloquent"}},
			{Label: "License", Values: []string{"MIT", "BSD-3-Clause", "MIT", "MIT"}},
		},
		Footer: "versus · compare backend technologies",
	}
}

// longCard has text far too long for every place on the card, including
// words without spaces, newlines and runes the Go fonts lack.
func longCard() Card {
	long := strings.Repeat("Extraordinarily long subject name ", 40)
	word := strings.Repeat("x", 5000)
	return Card{
		Title: long + "vs\n" + word,
		Columns: []Column{
			{Name: long, Kind: long, Language: word},
			{Name: word, Kind: word, Language: long},
			{Name: "数据库服务器", Kind: "🚀🚀🚀", Language: ""},
		},
		Rows: []Row{
			{Label: long, Values: []string{long, word, long}},
			{Label: word, Values: []string{word}},
			{Label: "", Values: []string{"", long, word, "extra value beyond the columns"}},
			{Label: "fourth", Values: []string{"a", "b", "c"}},
			{Label: "fifth row is not drawn", Values: []string{"a", "b", "c"}},
		},
		Footer: long,
	}
}

func decode(t *testing.T, b []byte) image.Image {
	t.Helper()
	img, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("output is not a PNG: %v", err)
	}
	return img
}

// inkIn counts the pixels in r that differ from the background, and those
// dark enough to be text.
func inkIn(img image.Image, r image.Rectangle) (changed, dark int) {
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			cr, cg, cb, _ := img.At(x, y).RGBA()
			br, bg, bb, _ := background.RGBA()
			if cr != br || cg != bg || cb != bb {
				changed++
			}
			if (cr+cg+cb)/3 < 0x4000 {
				dark++
			}
		}
	}
	return changed, dark
}

func TestRender(t *testing.T) {
	tests := []struct {
		name string
		card Card
	}{
		{"two columns", twoColumns()},
		{"three columns", threeColumns()},
		{"four columns", fourColumns()},
		{"no rows", Card{Title: "A vs B", Columns: []Column{{Name: "A"}, {Name: "B"}}}},
		{"very long text", longCard()},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, err := Render(tt.card)
			if err != nil {
				t.Fatalf("Render: %v", err)
			}
			img := decode(t, b)
			if got := img.Bounds(); got != image.Rect(0, 0, Width, Height) {
				t.Fatalf("bounds = %v, want %dx%d", got, Width, Height)
			}
			changed, _ := inkIn(img, img.Bounds())
			if changed < Width*Height/100 {
				t.Errorf("only %d pixels differ from the background; the image looks blank", changed)
			}
			title := image.Rect(margin, accentBar, Width-margin, titleBase+20)
			if _, dark := inkIn(img, title); dark < 500 {
				t.Errorf("title region has %d dark pixels; the title is missing", dark)
			}
		})
	}
}

// TestRenderStaysInside checks that nothing is drawn in the side margins, which
// is where text that failed to shrink or ellipsize would overflow to.
func TestRenderStaysInside(t *testing.T) {
	for _, card := range []Card{fourColumns(), longCard()} {
		img := decode(t, must(t, card))
		for _, r := range []image.Rectangle{
			image.Rect(0, accentBar, margin-4, Height),
			image.Rect(Width-margin+4, accentBar, Width, Height),
		} {
			if changed, _ := inkIn(img, r); changed > 0 {
				t.Errorf("%q: %d pixels drawn in the margin %v", card.Title[:min(len(card.Title), 20)], changed, r)
			}
		}
	}
}

func TestRenderColumnCount(t *testing.T) {
	for _, n := range []int{0, 1, 5} {
		card := fourColumns()
		card.Columns = make([]Column, n)
		if _, err := Render(card); err == nil {
			t.Errorf("Render with %d columns: no error, want one", n)
		}
	}
}

func TestRenderDeterministicAndConcurrent(t *testing.T) {
	want := must(t, fourColumns())
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			got, err := Render(fourColumns())
			if err != nil {
				t.Errorf("Render: %v", err)
				return
			}
			if !bytes.Equal(got, want) {
				t.Error("concurrent Render produced a different image")
			}
		})
	}
	wg.Wait()
}

func TestEllipsize(t *testing.T) {
	fs, err := loadFonts()
	if err != nil {
		t.Fatal(err)
	}
	face, err := opentype.NewFace(fs.regular, &opentype.FaceOptions{Size: 24, DPI: 72})
	if err != nil {
		t.Fatal(err)
	}
	width := func(s string) int { return font.MeasureString(face, s).Ceil() }

	tests := []struct {
		name, in string
		maxW     int
		want     string
	}{
		{"fits", "Django", 200, "Django"},
		{"exact fit", "Django", width("Django"), "Django"},
		{"empty", "", 10, ""},
		{"no space before the ellipsis", "Event loop", width("Event ") + width("…"), "Event…"},
		{"not even the ellipsis fits", "Django", width("…") - 1, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := ellipsize(face, tt.in, tt.maxW); got != tt.want {
				t.Errorf("ellipsize(%q, %d) = %q, want %q", tt.in, tt.maxW, got, tt.want)
			}
		})
	}

	// At every width, the result fits and is either the text itself or a
	// prefix of it followed by "…".
	const text = "Threads or ASGI workers"
	for maxW := 0; maxW <= width(text)+1; maxW++ {
		got := ellipsize(face, text, maxW)
		if w := width(got); w > maxW {
			t.Errorf("ellipsize(%q, %d) = %q, %dpx wide", text, maxW, got, w)
		}
		prefix, cut := strings.CutSuffix(got, "…")
		switch {
		case width(text) <= maxW && got != text:
			t.Errorf("ellipsize(%q, %d) = %q, want the text unchanged", text, maxW, got)
		case width(text) > maxW && got != "" && (!cut || !strings.HasPrefix(text, prefix)):
			t.Errorf("ellipsize(%q, %d) = %q, want a prefix and …", text, maxW, got)
		}
	}
}

// TestWriteExamples writes example images to look at: SHAREIMAGE_WRITE=1 go test -run WriteExamples.
func TestWriteExamples(t *testing.T) {
	if os.Getenv("SHAREIMAGE_WRITE") != "1" {
		t.Skip("set SHAREIMAGE_WRITE=1 to write /tmp/share-*.png")
	}
	for path, card := range map[string]Card{
		"/tmp/share-2.png":    twoColumns(),
		"/tmp/share-3.png":    threeColumns(),
		"/tmp/share-4.png":    fourColumns(),
		"/tmp/share-long.png": longCard(),
	} {
		if err := os.WriteFile(path, must(t, card), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func must(t *testing.T, c Card) []byte {
	t.Helper()
	b, err := Render(c)
	if err != nil {
		t.Fatalf("Render: %v", err)
	}
	return b
}

func BenchmarkRender(b *testing.B) {
	card := fourColumns()
	for b.Loop() {
		if _, err := Render(card); err != nil {
			b.Fatal(err)
		}
	}
}
