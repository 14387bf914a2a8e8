package build

import (
	"bufio"
	"image"
	_ "image/gif" // DecodeConfig reads GIF headers
	_ "image/jpeg"
	_ "image/png"
	"io"
	"net/url"
	"os"
	"path"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/docloom/docloom/internal/dialect"
	"github.com/docloom/docloom/internal/docset"
)

// imageSize is a decoded image header, cached per file and modification
// time: an image shown on many pages is read once.
type imageSize struct {
	mod  time.Time
	w, h int
	ok   bool
}

// ImageSize gives the pixel size of a docset image a document names, from
// the file's header only (image.DecodeConfig; the root element of an SVG),
// so the layout reserves its space before it loads.
func (e *env) ImageSize(doc *dialect.Doc, dest string) (int, int, bool) {
	dest = strings.TrimSpace(dest)
	if dest == "" || schemeRE.MatchString(dest) || strings.HasPrefix(dest, "/") || strings.HasPrefix(dest, "//") {
		return 0, 0, false
	}
	p, _, _ := strings.Cut(dest, "#")
	p, _, _ = strings.Cut(p, "?")
	if dp, err := url.PathUnescape(p); err == nil {
		p = dp
	}
	p = strings.ReplaceAll(p, `\`, "/")
	var target string
	if strings.HasPrefix(p, "~/") {
		target = path.Join(e.fileBase(doc), p[2:])
	} else {
		target = path.Join(path.Dir(doc.Rel), p)
	}
	for _, l := range []*localeSet{e.l, e.b.defaultLocale()} {
		if l == nil {
			continue
		}
		if f, _ := l.Docset.Lookup(target); f != nil && f.Kind == docset.Resource {
			return e.b.sizeOf(f.Abs)
		}
	}
	return 0, 0, false
}

func (b *builder) sizeOf(abs string) (int, int, bool) {
	st, err := os.Stat(abs)
	if err != nil {
		return 0, 0, false
	}
	if v, ok := b.imgSizes.Load(abs); ok {
		if s := v.(imageSize); s.mod.Equal(st.ModTime()) {
			return s.w, s.h, s.ok
		}
	}
	s := imageSize{mod: st.ModTime()}
	if f, err := os.Open(abs); err == nil {
		s.w, s.h, s.ok = decodeSize(f, strings.ToLower(path.Ext(abs)))
		f.Close()
	}
	b.imgSizes.Store(abs, s)
	return s.w, s.h, s.ok
}

// decodeSize reads the dimensions from an image's header.
func decodeSize(r io.Reader, ext string) (int, int, bool) {
	if ext == ".svg" {
		return svgSize(r)
	}
	cfg, _, err := image.DecodeConfig(bufio.NewReader(r))
	if err != nil || cfg.Width <= 0 || cfg.Height <= 0 {
		return 0, 0, false
	}
	return cfg.Width, cfg.Height, true
}

var (
	svgTagRE  = regexp.MustCompile(`(?is)<svg\b[^>]*>`)
	svgAttrRE = regexp.MustCompile(`(?is)\s(width|height|viewBox)\s*=\s*["']([^"']*)["']`)
)

// svgSize is the size an SVG's root element declares: width and height in
// pixels, else its viewBox.
func svgSize(r io.Reader) (int, int, bool) {
	head := make([]byte, 8192)
	n, _ := io.ReadFull(r, head)
	tag := svgTagRE.Find(head[:n])
	if tag == nil {
		return 0, 0, false
	}
	attrs := map[string]string{}
	for _, m := range svgAttrRE.FindAllSubmatch(tag, -1) {
		attrs[strings.ToLower(string(m[1]))] = strings.TrimSpace(string(m[2]))
	}
	px := func(s string) float64 {
		s = strings.TrimSuffix(s, "px")
		f, err := strconv.ParseFloat(s, 64)
		if err != nil {
			return 0
		}
		return f
	}
	w, h := px(attrs["width"]), px(attrs["height"])
	if vb := strings.Fields(strings.ReplaceAll(attrs["viewbox"], ",", " ")); len(vb) == 4 {
		vw, vh := px(vb[2]), px(vb[3])
		switch {
		case w > 0 && h <= 0 && vw > 0:
			h = w * vh / vw
		case h > 0 && w <= 0 && vh > 0:
			w = h * vw / vh
		case w <= 0 && h <= 0:
			w, h = vw, vh
		}
	}
	if w < 1 || h < 1 {
		return 0, 0, false
	}
	return int(w + .5), int(h + .5), true
}
