package dialect

import (
	"net/url"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

// Video is a `> [!VIDEO url]` line: an embedded player.
type Video struct {
	ast.BaseBlock
	URL string // as written
}

// KindVideo is the node kind of Video.
var KindVideo = ast.NewNodeKind("Video")

func (n *Video) Kind() ast.NodeKind { return KindVideo }
func (n *Video) Dump(src []byte, level int) {
	ast.DumpHelper(n, src, level, map[string]string{"URL": n.URL}, nil)
}

// EmbedURL is the address to put in the iframe: always https, YouTube
// through its no-cookie host, Channel 9 with its no-cookie switch, and a
// bare GUID as a Learn video player address.
func EmbedURL(raw string) string {
	if guidRE.MatchString(raw) {
		return "https://learn-video.azurefd.net/vod/player?id=" + raw
	}
	if len(raw) > 7 && strings.EqualFold(raw[:7], "http://") {
		raw = "https://" + raw[7:]
	}
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" {
		return raw
	}
	host := strings.ToLower(u.Host)
	switch {
	case host == "youtu.be":
		id := strings.Trim(u.Path, "/")
		return youtubeEmbed(id, u.Query())
	case host == "youtube.com" || strings.HasSuffix(host, ".youtube.com"):
		if strings.HasPrefix(u.Path, "/embed/") {
			return youtubeEmbed(strings.TrimPrefix(u.Path, "/embed/"), u.Query())
		}
		if v := u.Query().Get("v"); u.Path == "/watch" && v != "" {
			q := u.Query()
			q.Del("v")
			return youtubeEmbed(v, q)
		}
	case host == "channel9.msdn.com":
		q := u.Query()
		q.Set("nocookie", "true")
		u.RawQuery = q.Encode()
		return u.String()
	}
	return raw
}

func youtubeEmbed(id string, q url.Values) string {
	s := "https://www.youtube-nocookie.com/embed/" + url.PathEscape(id)
	if len(q) > 0 {
		s += "?" + q.Encode()
	}
	return s
}

type videoRenderer struct{ st *State }

func (r videoRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(KindVideo, func(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		v := n.(*Video)
		_, _ = w.WriteString(`<div class="embeddedvideo"><iframe src="`)
		_, _ = w.Write(util.EscapeHTML(util.URLEscape([]byte(EmbedURL(v.URL)), false)))
		_, _ = w.WriteString(`" title="`)
		_, _ = w.Write(util.EscapeHTML([]byte(Phrase(r.st.Locale, "video"))))
		_, _ = w.WriteString(`" allowfullscreen loading="lazy"></iframe></div>` + "\n")
		return ast.WalkSkipChildren, nil
	})
}
