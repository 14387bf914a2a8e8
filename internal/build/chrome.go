package build

import (
	"net/url"
	"os"
	"strings"
	"time"

	"github.com/docloom/docloom/internal/config"
	"github.com/docloom/docloom/internal/diag"
	"github.com/docloom/docloom/internal/gitlog"
	"github.com/docloom/docloom/internal/hours"
	"github.com/docloom/docloom/internal/meta"
	"github.com/docloom/docloom/internal/render"
)

// siteChrome settles, once per full build, what the page chrome needs
// beyond the configuration: the absolute base URL (for canonical, og:url,
// hreflang and sitemap links) and the git history (for "last updated").
func (b *builder) siteChrome() {
	s := b.site
	if b.opts.BaseURL != "" {
		s.BaseURL = b.opts.BaseURL
	} else if !isAbsoluteURL(s.BaseURL) {
		// Netlify names the site's URL to every build it runs.
		if u := os.Getenv("URL"); isAbsoluteURL(u) && os.Getenv("NETLIFY") == "true" {
			s.BaseURL = u
		}
	}
	if !strings.HasSuffix(s.BaseURL, "/") {
		s.BaseURL += "/"
	}
	_, serving := b.sink.(*memSink)
	if !isAbsoluteURL(s.BaseURL) && !serving {
		file := config.FileName
		if s.Bare {
			file = "."
		}
		b.led.addf(ownerStage("config"), diag.Pos{File: file}, diag.Info, "base-url-missing",
			"no absolute baseURL: canonical, og:url, hreflang and sitemap URLs are written root-relative, which search engines ignore; set baseURL: https://… in %s or pass --base-url", config.FileName)
	}
	b.history = gitlog.Load(s.Root)
	if b.history != nil && b.history.Shallow {
		b.led.addf(ownerStage("config"), diag.Pos{File: "."}, diag.Info, "git-shallow",
			"the repository is a shallow clone: pages last changed before its oldest commit show their ms.date instead of a git date (clone with full history, e.g. fetch-depth: 0, for exact dates)")
	}
}

func isAbsoluteURL(s string) bool {
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "https" || u.Scheme == "http") && u.Host != ""
}

// pageChrome fills the page's last-updated date, edit link and feedback
// links.
func (b *builder) pageChrome(l *localeSet, p *Page, d *render.Page) {
	if p.File != nil {
		if t, ok := b.history.Date(p.File.Abs); ok {
			d.Date = &render.Date{ISO: t.Format("2006-01-02"), Text: formatDate(t, l.Locale.Code)}
		}
	}
	repo, branch := b.site.EditRepo, b.site.EditBranch
	if r := b.site.Repo; r != nil && r.URL != "" {
		repo, branch = r.URL, r.Branch
	}
	if repo != "" && p.File != nil && !p.Fallback {
		rel := b.history.Rel(p.File.Abs)
		if rel == "" {
			rel = l.Docset.Display(p.File.Rel)
		}
		if branch == "" {
			branch = "main"
		}
		d.EditURL = strings.TrimSuffix(repo, "/") + "/blob/" + branch + "/" + (&url.URL{Path: rel}).EscapedPath()
	}
	if u := meta.String(p.Meta, "feedback_product_url"); isAbsoluteURL(u) {
		d.FeedbackProduct = u
	}
	if strings.EqualFold(meta.String(p.Meta, "feedback_system"), "OpenSource") {
		if u := meta.String(p.Meta, "open_source_feedback_issueUrl"); isAbsoluteURL(u) {
			d.FeedbackPage = u
		}
	}
}

// dateOf parses ms.date (M/D/YYYY, as Learn writes it).
func dateOf(raw string) (time.Time, bool) {
	t, err := time.Parse("1/2/2006", strings.TrimSpace(raw))
	return t, err == nil
}

// searchNames gives each country of a support directory the other names
// readers search it by: the page's language first, then the site's other
// languages.
func (b *builder) searchNames(l *localeSet, dir *hours.Directory) {
	locales := []string{l.Locale.Code}
	for _, o := range b.site.Locales {
		if o.Code != l.Locale.Code {
			locales = append(locales, o.Code)
		}
	}
	for i := range dir.Countries {
		c := &dir.Countries[i]
		c.Search = hours.SearchNames(c.ISO, c.Name, locales)
		c.CC = hours.CallingCode(c.ISO)
	}
}
