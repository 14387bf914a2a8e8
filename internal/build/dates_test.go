package build

import (
	"testing"
	"time"
)

func TestFormatDate(t *testing.T) {
	d := time.Date(2026, 3, 5, 0, 0, 0, 0, time.UTC)
	for _, c := range []struct{ locale, want string }{
		{"en-us", "March 5, 2026"},
		{"en-gb", "5 March 2026"},
		{"nl-nl", "5 maart 2026"},
		{"de-de", "5. März 2026"},
		{"fr-fr", "5 mars 2026"},
		{"pt-br", "5 de março de 2026"},
		{"ru-ru", "5 марта 2026\u202fг."},
		{"pl-pl", "5 marca 2026"},
		{"ja-jp", "2026年3月5日"},
		{"zh-cn", "2026年3月5日"},
		{"zh-tw", "2026年3月5日"},
		{"ko-kr", "2026년 3월 5일"},
		{"hu-hu", "2026. március 5."},
		{"xx-yy", "March 5, 2026"},
	} {
		if got := formatDate(d, c.locale); got != c.want {
			t.Errorf("formatDate(%s) = %q, want %q", c.locale, got, c.want)
		}
	}
}
