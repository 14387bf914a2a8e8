package dialect

import (
	"net/url"
	"path"
	"strings"

	"github.com/yuin/goldmark/util"
)

// Media links: an image whose target is a video or audio file plays in
// the page, as Learn's pipeline (Markdig's media links, default options)
// shows it:
//
//	![demo](media/demo.mp4)  ->  <video width="500" height="281" controls=""><source type="video/mp4" src="media/demo.mp4"></source></video>

// An image link to a YouTube or Vimeo video page embeds its player, as
// Markdig's media links do (YouTube through its no-cookie host, like every
// YouTube player docloom writes):
//
//	![demo](https://www.youtube.com/watch?v=abc)  ->  <iframe src="https://www.youtube-nocookie.com/embed/abc" ...>

// hostedVideo returns the player address for a video page URL and the
// host's name, or "".
func hostedVideo(dest []byte) (player, class string) {
	u, err := url.Parse(string(dest))
	if err != nil || u.Host == "" {
		return "", ""
	}
	host := strings.TrimPrefix(strings.ToLower(u.Host), "www.")
	switch {
	case host == "youtu.be" && len(u.Path) > 1,
		host == "youtube.com" && u.Path == "/watch" && u.Query().Get("v") != "":
		return EmbedURL(string(dest)), "youtube"
	case host == "vimeo.com":
		id := strings.Trim(u.Path, "/")
		if id != "" && strings.Trim(id, "0123456789") == "" {
			return "https://player.vimeo.com/video/" + id, "vimeo"
		}
	}
	return "", ""
}

// renderHostedVideo writes the player iframe for a video page.
func renderHostedVideo(w util.BufWriter, src, class, title string) {
	_, _ = w.WriteString(`<iframe src="`)
	_, _ = w.Write(util.EscapeHTML(util.URLEscape([]byte(src), true)))
	_, _ = w.WriteString(`" class="` + class + `" width="500" height="281" title="`)
	_, _ = w.Write(util.EscapeHTML([]byte(title)))
	_, _ = w.WriteString(`" allowfullscreen loading="lazy"></iframe>`)
}

// mediaTypes maps file extensions to MIME types: video/* plays in a
// <video>, audio/* in an <audio>.
var mediaTypes = map[string]string{
	".mp4": "video/mp4", ".m4v": "video/mp4", ".webm": "video/webm", ".ogv": "video/ogg", ".mov": "video/quicktime",
	".mp3": "audio/mpeg", ".m4a": "audio/mp4", ".wav": "audio/wav", ".oga": "audio/ogg", ".ogg": "audio/ogg", ".flac": "audio/flac",
}

// mediaType is the MIME type of a link destination, or "".
func mediaType(dest []byte) string {
	p := string(dest)
	if i := strings.IndexAny(p, "?#"); i >= 0 {
		p = p[:i]
	}
	return mediaTypes[strings.ToLower(path.Ext(p))]
}

// renderMedia writes the player for a media file of type mime, its src
// already resolved.
func renderMedia(w util.BufWriter, src []byte, mime string) {
	tag := "video"
	if strings.HasPrefix(mime, "audio/") {
		tag = "audio"
	}
	_, _ = w.WriteString("<" + tag + ` width="500" height="281" controls=""><source type="` + mime + `" src="`)
	_, _ = w.Write(util.EscapeHTML(util.URLEscape(src, true)))
	_, _ = w.WriteString(`"></source></` + tag + ">")
}
