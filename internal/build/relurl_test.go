package build

import "testing"

func TestRelURL(t *testing.T) {
	tests := []struct{ from, to, want string }{
		{"/nl-nl/a/admin/contact/", "/nl-nl/a/admin/support/germany/", "../support/germany/"},
		{"/nl-nl/a/admin/contact/", "/nl-nl/a/admin/contact/", "./"},
		{"/nl-nl/a/admin/contact/", "/nl-nl/a/admin/contact/#x", "./#x"},
		{"/nl-nl/a/admin/contact/", "/nl-nl/b/admin/contact/", "../../../b/admin/contact/"},
		{"/nl-nl/a/admin/contact/", "/nl-nl/media/logo.svg", "../../../media/logo.svg"},
		{"/nl-nl/a/", "/nl-nl/a/admin/?view=x#y", "admin/?view=x#y"},
		{"/", "/nl-nl/a/", "nl-nl/a/"},
	}
	for _, tc := range tests {
		if got := relURL(tc.from, tc.to); got != tc.want {
			t.Errorf("relURL(%q, %q) = %q, want %q", tc.from, tc.to, got, tc.want)
		}
	}
}
