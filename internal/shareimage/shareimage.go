// Package shareimage draws the Open Graph share image of a comparison page: a
// 1200×630 PNG with the title, one column per compared subject and up to four
// headline aspects. It is pure Go (the Go fonts, no external renderer), and
// Render is safe for concurrent use.
package shareimage

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"strings"
	"sync"

	"golang.org/x/image/font"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/gomono"
	"golang.org/x/image/font/gofont/goregular"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"
	"golang.org/x/image/vector"
)

// Width and Height are the size of every image Render produces, the size
// Open Graph and Twitter cards recommend.
const (
	Width  = 1200
	Height = 630
)

// maxRows is how many rows a card shows; Render draws only the first maxRows.
const maxRows = 4

// Column is one compared subject.
type Column struct {
	Name, Kind, Language string
}

// Row is one headline aspect with each subject's short value, in column order.
type Row struct {
	Label  string
	Values []string
}

// Card is what the image shows.
type Card struct {
	Title   string   // e.g. "Node.js vs Django"
	Columns []Column // 2 to 4 subjects
	Rows    []Row    // only the first maxRows are drawn
	Footer  string   // e.g. "versus · compare backend technologies"
}

var (
	background = color.RGBA{0xff, 0xff, 0xff, 0xff}
	textColor  = color.RGBA{0x1b, 0x1f, 0x24, 0xff}
	muted      = color.RGBA{0x57, 0x60, 0x6a, 0xff}
	accent     = color.RGBA{0x1f, 0x4f, 0xd1, 0xff}
	rule       = color.RGBA{0xd8, 0xde, 0xe4, 0xff}
	accentTint = color.RGBA{0xe9, 0xed, 0xfa, 0xff} // accent at 10% over the background
)

// Layout in pixels. Everything is left-aligned on the margin; the rows sit
// below the column heads and the footer sits on the bottom edge.
const (
	margin      = 64
	accentBar   = 10
	gutter      = 24  // space between two columns
	labelWidth  = 184 // aspect labels, left of the subject columns
	titleBase   = 112
	nameBase    = 190
	pillTop     = 208
	pillHeight  = 36
	pillPadX    = 14
	langBase    = 280
	headRule    = 304
	rowHeight   = 62
	rowBase     = 40 // baseline offset inside a row
	ruleWidth   = 2
	footerBase  = Height - 34
	contentLeft = margin
	contentW    = Width - 2*margin
)

type fonts struct {
	bold, regular, mono *opentype.Font
}

// loadFonts parses the embedded Go fonts once; parsed fonts are read-only and
// shared, while faces (which hold scratch buffers) are made per render.
var loadFonts = sync.OnceValues(func() (*fonts, error) {
	var fs fonts
	for _, f := range []struct {
		dst  **opentype.Font
		name string
		ttf  []byte
	}{
		{&fs.bold, "Go Bold", gobold.TTF},
		{&fs.regular, "Go Regular", goregular.TTF},
		{&fs.mono, "Go Mono", gomono.TTF},
	} {
		parsed, err := opentype.Parse(f.ttf)
		if err != nil {
			return nil, fmt.Errorf("parse %s: %w", f.name, err)
		}
		*f.dst = parsed
	}
	return &fs, nil
})

// textStyle is a colour and a list of faces, largest first: text is set in the
// largest face it fits in and ellipsized in the smallest when none fits.
type textStyle struct {
	faces []font.Face
	color color.Color
}

func newStyle(f *opentype.Font, c color.Color, sizes ...float64) (textStyle, error) {
	st := textStyle{color: c}
	for _, size := range sizes {
		face, err := opentype.NewFace(f, &opentype.FaceOptions{Size: size, DPI: 72, Hinting: font.HintingFull})
		if err != nil {
			return textStyle{}, fmt.Errorf("face at %gpx: %w", size, err)
		}
		st.faces = append(st.faces, face)
	}
	return st, nil
}

// styles holds the faces of one render. opentype faces are not safe for
// concurrent use, so each call to Render makes its own (making one is cheap).
type styles struct {
	title, name, kind, lang, label, value, footer textStyle
}

func newStyles() (*styles, error) {
	fs, err := loadFonts()
	if err != nil {
		return nil, err
	}
	var s styles
	for _, d := range []struct {
		dst   *textStyle
		font  *opentype.Font
		color color.Color
		sizes []float64
	}{
		{&s.title, fs.bold, textColor, []float64{66, 60, 54, 48, 44}},
		{&s.name, fs.bold, textColor, []float64{36, 32, 28}},
		{&s.kind, fs.bold, accent, []float64{19}},
		{&s.lang, fs.mono, muted, []float64{22, 19}},
		// Labels are never larger than values: the smallest value size is
		// the largest label size.
		{&s.label, fs.regular, muted, []float64{22, 20, 18}},
		{&s.value, fs.regular, textColor, []float64{26, 24, 22}},
		{&s.footer, fs.regular, muted, []float64{22}},
	} {
		st, err := newStyle(d.font, d.color, d.sizes...)
		if err != nil {
			return nil, err
		}
		*d.dst = st
	}
	return &s, nil
}

// Render draws the card as a Width×Height PNG. It fails if the card does not
// have 2 to 4 columns; text too long for its place is shrunk, then cut with "…".
func Render(c Card) ([]byte, error) {
	if n := len(c.Columns); n < 2 || n > 4 {
		return nil, fmt.Errorf("share image: %d columns, want 2 to 4", n)
	}
	st, err := newStyles()
	if err != nil {
		return nil, fmt.Errorf("share image: %w", err)
	}
	img := canvases.Get().(*image.RGBA)
	defer canvases.Put(img)
	fill(img, img.Bounds(), background)
	fill(img, image.Rect(0, 0, Width, accentBar), accent)
	st.title.draw(img, contentLeft, titleBase, contentW, c.Title)

	rows := c.Rows[:min(len(c.Rows), maxRows)]
	g := newGrid(len(c.Columns), len(rows) > 0)
	drawHeads(img, st, g, c.Columns)
	drawRows(img, st, g, rows)
	st.footer.draw(img, contentLeft, footerBase, contentW, c.Footer)

	var buf bytes.Buffer
	enc := png.Encoder{CompressionLevel: png.BestSpeed}
	if err := enc.Encode(&buf, toPaletted(img)); err != nil {
		return nil, fmt.Errorf("share image: encode: %w", err)
	}
	return buf.Bytes(), nil
}

// canvases keeps drawing surfaces between renders: a 1200×630 RGBA is 3 MB to allocate and
// clear, more than drawing the card costs. Every render paints the whole surface first.
var canvases = sync.Pool{New: func() any { return image.NewRGBA(image.Rect(0, 0, Width, Height)) }}

// grid places the subject columns: column i starts at left+i*step and its
// text is at most textW wide.
type grid struct {
	cols, left, step, textW int
}

func newGrid(cols int, labels bool) grid {
	left := contentLeft
	if labels {
		left += labelWidth
	}
	step := (contentLeft + contentW - left + gutter) / cols
	return grid{cols: cols, left: left, step: step, textW: step - gutter}
}

func (g grid) x(i int) int { return g.left + i*g.step }

// drawHeads draws each subject's name, kind and language, and the rule below.
// All names share one size so that no subject looks more important.
func drawHeads(img *image.RGBA, st *styles, g grid, cols []Column) {
	names := make([]string, len(cols))
	for i, col := range cols {
		names[i] = col.Name
	}
	nameFace := st.name.pick(g.textW, names...)
	for i, col := range cols {
		st.name.drawIn(img, nameFace, g.x(i), nameBase, g.textW, col.Name)
		drawPill(img, st.kind, g.x(i), pillTop, g.textW, col.Kind)
		st.lang.draw(img, g.x(i), langBase, g.textW, col.Language)
	}
	fill(img, image.Rect(contentLeft, headRule, contentLeft+contentW, headRule+ruleWidth), rule)
}

// drawRows draws the aspect rows, with a hairline between two rows. All labels
// share one size and all values another, so the rows read as a table.
func drawRows(img *image.RGBA, st *styles, g grid, rows []Row) {
	var labels, values []string
	for _, row := range rows {
		labels = append(labels, row.Label)
		values = append(values, g.cells(row)...)
	}
	labelFace := st.label.pick(labelWidth-gutter, labels...)
	valueFace := st.value.pick(g.textW, values...)
	for i, row := range rows {
		top := headRule + ruleWidth + i*rowHeight
		st.label.drawIn(img, labelFace, contentLeft, top+rowBase, labelWidth-gutter, row.Label)
		for j, v := range g.cells(row) {
			st.value.drawIn(img, valueFace, g.x(j), top+rowBase, g.textW, v)
		}
		if i < len(rows)-1 {
			y := top + rowHeight - 1
			fill(img, image.Rect(contentLeft, y, contentLeft+contentW, y+1), rule)
		}
	}
}

// cells returns the row's values that have a column; extra values are dropped.
func (g grid) cells(r Row) []string {
	return r.Values[:min(len(r.Values), g.cols)]
}

// draw sets s with its left edge at x and its baseline at y, in the largest
// face in which it fits maxW pixels, cut with "…" if it fits in none.
func (st textStyle) draw(dst draw.Image, x, y, maxW int, s string) {
	st.drawIn(dst, st.pick(maxW, s), x, y, maxW, s)
}

// drawIn sets s in face, cut with "…" to fit maxW pixels. Text that should look
// alike across columns shares one face chosen by pick.
func (st textStyle) drawIn(dst draw.Image, face font.Face, x, y, maxW int, s string) {
	d := font.Drawer{Dst: dst, Src: image.NewUniform(st.color), Face: face, Dot: fixed.P(x, y)}
	d.DrawString(ellipsize(face, clean(s), maxW))
}

// pick returns the largest face in which every one of texts fits maxW pixels,
// or the smallest face if there is none.
func (st textStyle) pick(maxW int, texts ...string) font.Face {
next:
	for _, face := range st.faces[:len(st.faces)-1] {
		for _, s := range texts {
			if s = clean(s); ellipsize(face, s, maxW) != s {
				continue next
			}
		}
		return face
	}
	return st.faces[len(st.faces)-1]
}

// clean folds runs of white space, newlines included, into single spaces.
func clean(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

const ellipsis = "…"

// ellipsize returns s if it is at most maxW pixels wide in face, otherwise its
// longest prefix that fits with "…" appended, or "" if not even "…" fits. It
// stops measuring at the first rune past maxW, so very long text costs little.
func ellipsize(face font.Face, s string, maxW int) string {
	limit := fixed.I(maxW)
	room := limit - font.MeasureString(face, ellipsis)
	var w fixed.Int26_6
	cut := -1 // s[:cut] is the longest prefix that fits with the ellipsis
	prev := rune(-1)
	for i, r := range s {
		if prev >= 0 {
			w += face.Kern(prev, r)
		}
		if w <= room {
			cut = i
		}
		adv, _ := face.GlyphAdvance(r)
		w += adv
		if w > limit {
			if cut < 0 {
				return ""
			}
			return strings.TrimRight(s[:cut], " ") + ellipsis
		}
		prev = r
	}
	return s
}

// drawPill draws s in a rounded tag whose top-left corner is at (x, y), at
// most maxW pixels wide. Empty text draws nothing.
func drawPill(dst *image.RGBA, st textStyle, x, y, maxW int, s string) {
	face := st.pick(maxW-2*pillPadX, s)
	if s = ellipsize(face, clean(s), maxW-2*pillPadX); s == "" {
		return
	}
	w := font.MeasureString(face, s).Ceil() + 2*pillPadX
	roundedRect(dst, image.Rect(x, y, x+w, y+pillHeight), pillHeight/2, accentTint)
	// Centre the text on its cap height, so lowercase kinds look centred too.
	base := y + (pillHeight+face.Metrics().CapHeight.Round())/2
	d := font.Drawer{Dst: dst, Src: image.NewUniform(st.color), Face: face, Dot: fixed.P(x+pillPadX, base)}
	d.DrawString(s)
}

// roundedRect fills r with corners of radius rad, anti-aliased.
func roundedRect(dst *image.RGBA, r image.Rectangle, rad int, c color.Color) {
	w, h, k := float32(r.Dx()), float32(r.Dy()), float32(rad)
	// Cubic Bézier control distance that approximates a quarter circle.
	q := k * (1 - 0.5523)
	z := vector.NewRasterizer(r.Dx(), r.Dy())
	z.MoveTo(k, 0)
	z.LineTo(w-k, 0)
	z.CubeTo(w-q, 0, w, q, w, k)
	z.LineTo(w, h-k)
	z.CubeTo(w, h-q, w-q, h, w-k, h)
	z.LineTo(k, h)
	z.CubeTo(q, h, 0, h-q, 0, h-k)
	z.LineTo(0, k)
	z.CubeTo(0, q, q, 0, k, 0)
	z.ClosePath()
	z.Draw(dst, r, image.NewUniform(c), image.Point{})
}

func fill(dst *image.RGBA, r image.Rectangle, c color.Color) {
	draw.Draw(dst, r, image.NewUniform(c), image.Point{}, draw.Src)
}

// blendLevels is how many steps of anti-aliasing the palette keeps between a text colour and
// the colour under it: 40 is more than the eye tells apart at these sizes.
const blendLevels = 40

// palette is every colour the card uses, and blends of each colour pair that anti-aliased text
// and shapes produce. An 8-bit paletted PNG is a quarter of the pixels' bytes of RGBA and needs
// no row filtering, which makes it several times faster to encode and smaller to send.
var palette = sync.OnceValue(func() color.Palette {
	p := color.Palette{background, textColor, muted, accent, rule, accentTint}
	for _, pair := range [][2]color.RGBA{{textColor, background}, {muted, background}, {accent, accentTint},
		{accentTint, background}, {accent, background}} {
		fg, bg := pair[0], pair[1]
		for k := 1; k < blendLevels; k++ {
			mix := func(f, b uint8) uint8 {
				return uint8((int(f)*k + int(b)*(blendLevels-k) + blendLevels/2) / blendLevels)
			}
			p = append(p, color.RGBA{mix(fg.R, bg.R), mix(fg.G, bg.G), mix(fg.B, bg.B), 0xff})
		}
	}
	return p
})

// toPaletted maps every pixel to its nearest palette colour. Runs of one colour are the rule on
// a card, so each pixel is compared with the one before and the palette searched only when the
// colour changes, with the answer kept per colour.
func toPaletted(img *image.RGBA) *image.Paletted {
	pal := palette()
	out := image.NewPaletted(img.Bounds(), pal)
	nearest := map[uint32]uint8{}
	prev, idx := uint32(0), uint8(0) // no pixel is 0: alpha is always 0xff
	pix := img.Pix
	for i, j := 0, 0; i+4 <= len(pix); i, j = i+4, j+1 {
		c := binary.LittleEndian.Uint32(pix[i : i+4])
		if c != prev {
			v, ok := nearest[c]
			if !ok {
				v = uint8(pal.Index(color.RGBA{pix[i], pix[i+1], pix[i+2], 0xff}))
				nearest[c] = v
			}
			prev, idx = c, v
		}
		out.Pix[j] = idx
	}
	return out
}
