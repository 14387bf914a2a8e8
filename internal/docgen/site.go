package docgen

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"math/rand/v2"
	"strings"
)

// tocs returns the TOC.yml files of a locale by path: one at the root that
// points to one per area folder, each area's pages in groups of ten.
func (d *docset) tocs(loc locale) map[string]string {
	out := map[string]string{}
	var root strings.Builder
	fmt.Fprintf(&root, "- name: %s\n  href: index.md\n", yamlString(loc.title(d.pages[0].title)))
	for s := 0; s < d.sections; s++ {
		first := 1 + s*pagesPerSection
		last := min(first+pagesPerSection, len(d.pages))
		fmt.Fprintf(&root, "- name: %s\n  href: %s/TOC.yml\n", yamlString(loc.title(d.pages[first].title)), sectionDir(s))
		var b strings.Builder
		for i := first; i < last; i++ {
			p := d.pages[i]
			indent := ""
			if i > first {
				if (i-first-1)%10 == 0 {
					fmt.Fprintf(&b, "- name: %s\n  items:\n", yamlString(loc.title(p.title[:1])))
				}
				indent = "  "
			}
			fmt.Fprintf(&b, "%s- name: %s\n%s  href: %s\n", indent, yamlString(loc.title(p.title)), indent, p.rel[len(sectionDir(s))+1:])
		}
		out[sectionDir(s)+"/TOC.yml"] = b.String()
	}
	out["TOC.yml"] = root.String()
	return out
}

func yamlString(s string) string { return `"` + strings.ReplaceAll(s, `"`, `\"`) + `"` }

// screenshot is a small PNG screenshot stand-in: a few coloured panes, a
// different picture for every k.
func screenshot(seed, k int) []byte {
	r := rand.New(rand.NewPCG(uint64(seed), 1<<41+uint64(k)))
	const w, h = 48, 32
	img := image.NewPaletted(image.Rect(0, 0, w, h), color.Palette{
		color.RGBA{255, 255, 255, 255}, color.RGBA{0, 120, 212, 255},
		color.RGBA{243, 242, 241, 255}, color.RGBA{50, 49, 48, 255},
	})
	for n := 0; n < 4; n++ {
		x0, y0 := r.IntN(w), r.IntN(h)
		x1, y1 := x0+1+r.IntN(w-x0), y0+1+r.IntN(h-y0)
		c := uint8(1 + r.IntN(3))
		for y := y0; y < y1; y++ {
			for x := x0; x < x1; x++ {
				img.SetColorIndex(x, y, c)
			}
		}
	}
	var buf bytes.Buffer
	_ = png.Encode(&buf, img) // writing to memory cannot fail
	return buf.Bytes()
}
