package dialect

import (
	"errors"
	"net/url"
	"strconv"
	"strings"

	"github.com/docloom/docloom/internal/diag"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Video is a `> [!VIDEO url]` line or a `:::video source="url":::` token:
// an embedded player.
type Video struct {
	ast.BaseBlock
	URL      string // as written
	Title    string // the iframe's title; "" for the localized "Video"
	MaxWidth int    // pixels; 0 for none
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
	if u.Path == "" && u.Opaque == "" {
		// https://host?q is https://host/?q, as DocFX writes it.
		u.Path = "/"
		raw = u.String()
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
		// Any other YouTube address: the same path on the no-cookie
		// host, as DocFX writes it.
		u.Scheme, u.Host = "https", "www.youtube-nocookie.com"
		return u.String()
	case host == "channel9.msdn.com":
		// nocookie=true after the author's own query, as DocFX adds it.
		if u.Query().Get("nocookie") == "" {
			if u.RawQuery != "" {
				u.RawQuery += "&"
			}
			u.RawQuery += "nocookie=true"
		}
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
		title := v.Title
		if title == "" {
			title = Phrase(r.st.Locale, "video")
		}
		_, _ = w.WriteString(`<div class="embeddedvideo"><iframe src="`)
		_, _ = w.Write(util.EscapeHTML(util.URLEscape([]byte(EmbedURL(v.URL)), false)))
		_, _ = w.WriteString(`" title="`)
		_, _ = w.Write(util.EscapeHTML([]byte(title)))
		_ = w.WriteByte('"')
		if v.MaxWidth > 0 {
			// No inline style (the site's CSP forbids them): the page
			// script applies the limit.
			_, _ = w.WriteString(` data-max-width="` + strconv.Itoa(v.MaxWidth) + `"`)
		}
		_, _ = w.WriteString(` allowfullscreen loading="lazy"></iframe></div>` + "\n")
		return ast.WalkSkipChildren, nil
	})
}

// colonVideoParser reads `:::video source="url" title="..." max-width="400":::`
// on a line of its own. A bad token is an invalid-video error and is shown
// as text, as DocFX shows it.
type colonVideoParser struct{}

func (colonVideoParser) Trigger() []byte { return []byte{':'} }

func (colonVideoParser) Open(parent ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	line, seg := reader.PeekLine()
	attrs, indent, ok := selfClosingToken(line, "video")
	if !ok {
		return nil, parser.NoChildren
	}
	v, err := parseColonVideo(attrs)
	if err != nil {
		report(pc, seg.Start+indent, diag.Error, "invalid-video", err.Error()+"; the token is shown as text")
		return nil, parser.NoChildren
	}
	if msg := videoHostProblem(v.URL); msg != "" {
		report(pc, seg.Start+indent, diag.Warning, "invalid-video", msg)
	}
	advanceLine(reader, line)
	return v, parser.NoChildren
}

// videoHostProblem says why Learn would not play a :::video source ("" if
// it would): Learn embeds YouTube, Channel 9 players and Microsoft's own
// video player, and DocFX warns (and still embeds) any other address.
func videoHostProblem(raw string) string {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil || u.Host == "" {
		return "the video source " + raw + " is not an absolute address; Learn embeds YouTube, Channel 9 and Microsoft video player addresses"
	}
	host := strings.ToLower(u.Hostname())
	switch {
	case host == "youtu.be" || host == "youtube.com" || strings.HasSuffix(host, ".youtube.com") ||
		host == "youtube-nocookie.com" || strings.HasSuffix(host, ".youtube-nocookie.com"):
		return ""
	case host == "channel9.msdn.com":
		if !strings.HasSuffix(strings.TrimSuffix(u.Path, "/"), "/player") {
			return "the Channel 9 address " + raw + " is not a player address (…/player); the page shows it as given"
		}
		return ""
	case host == "microsoft.com" || strings.HasSuffix(host, ".microsoft.com"):
		return ""
	}
	return "the video host " + u.Hostname() + " is not one Learn embeds (YouTube, Channel 9, Microsoft video player); the page shows it as given"
}

func parseColonVideo(attrs string) (*Video, error) {
	a, err := parseColonAttrs(attrs)
	if err != nil {
		return nil, err
	}
	if err := a.onlyAttrs("source", "title", "max-width", "thumbnail", "loc-scope"); err != nil {
		return nil, err
	}
	v := &Video{}
	v.URL, _ = a.get("source")
	v.Title, _ = a.get("title")
	if strings.TrimSpace(v.URL) == "" {
		return nil, errors.New(`source="..." is required: the address of the video`)
	}
	if mw, ok := a.get("max-width"); ok {
		n, err := strconv.Atoi(strings.TrimSpace(mw))
		if err != nil || n <= 0 {
			return nil, errors.New(`max-width must be a number of pixels, such as max-width="400"`)
		}
		v.MaxWidth = n
	}
	return v, nil
}

func (colonVideoParser) Continue(ast.Node, text.Reader, parser.Context) parser.State {
	return parser.Close
}
func (colonVideoParser) Close(ast.Node, text.Reader, parser.Context) {}
func (colonVideoParser) CanInterruptParagraph() bool                 { return true }
func (colonVideoParser) CanAcceptIndentedLine() bool                 { return false }

// selfClosingToken reads a whole line `:::name attrs:::` (spaces allowed
// after the opening colons and before the closing ones), returning the
// attribute text.
func selfClosingToken(line []byte, name string) (attrs string, indent int, ok bool) {
	rest, indent, colons, ok := colonToken(line, name, 3)
	if !ok || colons != 3 {
		return "", 0, false
	}
	t := strings.TrimSpace(string(rest))
	if !strings.HasSuffix(t, ":::") {
		return "", 0, false
	}
	return strings.TrimSuffix(t, ":::"), indent, true
}
