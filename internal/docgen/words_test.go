package docgen

import "testing"

// Pages translate word by word, so every vocabulary must line up with the
// English one.
func TestVocabulariesLineUp(t *testing.T) {
	for _, l := range locales {
		if len(l.words) != len(english) {
			t.Errorf("%s has %d words, English %d", l.Code, len(l.words), len(english))
		}
	}
}
