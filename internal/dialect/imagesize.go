package dialect

import "strconv"

// ImageSizer is an Env that knows the pixel size of the images a document
// names, so an <img> gets width and height and the page does not shift
// while images load (or when a reader jumps to a heading).
type ImageSizer interface {
	ImageSize(doc *Doc, dest string) (width, height int, ok bool)
}

// writeImageSize writes width and height attributes for the image at dest
// when the Env knows them.
func (st *State) writeImageSize(w interface{ WriteString(string) (int, error) }, dest string) {
	is, ok := st.Env.(ImageSizer)
	cur := st.Current()
	if !ok || cur == nil {
		return
	}
	if wd, ht, ok := is.ImageSize(cur, dest); ok {
		_, _ = w.WriteString(` width="` + strconv.Itoa(wd) + `" height="` + strconv.Itoa(ht) + `"`)
	}
}
