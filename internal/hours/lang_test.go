package hours

import (
	"os"
	"strings"
	"testing"
)

// Per language, lines as the translated pages write them (and, for nb,
// fi, cs and hu, of which no translated pages could be had, lines in the
// style of the country pages, written for this test; their real lines are
// in testdata/lines, see TestRealLines) and the schedule and zone word the
// reader must get.
func TestLinesPerLanguage(t *testing.T) {
	for _, tt := range []struct {
		locale, line, label, schedule, zone string
	}{
		{"de-de", "Deutsch: Mo-Fr 9:00 bis 17:00 Uhr", "Deutsch", "Mo-Fr 09:00-17:00", ""},
		{"de-de", "Russisch: Mon-Fri 10 – 19 Uhr Moskau", "Russisch", "Mo-Fr 10:00-19:00", "Europe/Moscow"},
		{"de-de", "Arabisch: So-Do 10 – 18 Uhr", "Arabisch", "Su-Th 10:00-18:00", ""},
		{"de-de", "Englisch: Montag bis Freitag von 4 Uhr bis 12.00 Uhr", "Englisch", "Mo-Fr 04:00-12:00", ""},
		{"de-de", "Englisch: Mon-Fri 9.00-17.00 Uhr", "Englisch", "Mo-Fr 09:00-17:00", ""},
		{"de-de", "Französisch: Mon-Fri 9.00-17.00 Uhr et", "Französisch", "Mo-Fr 09:00-17:00", "ET"},
		{"de-de", "Deutsch: Mon-Fri 9.00-17.00 Uhr lokal", "Deutsch", "Mo-Fr 09:00-17:00", "local"},
		{"de-de", "Englisch: Mo-Fr 18:00 bis Mitternacht", "Englisch", "Mo-Fr 18:00-24:00", ""},
		{"de-de", "Englisch: rund um die Uhr", "Englisch", "24/7", ""},
		{"de-de", "Portugiesisch: 24 Stunden am Tag, 7 Tage die Woche", "Portugiesisch", "24/7", ""},
		{"de-de", "Telefonisch nicht verfügbar", "", "off", ""},
		{"fr-fr", "Anglais : Lun.-ven. 9H-17h", "Anglais", "Mo-Fr 09:00-17:00", ""},
		{"fr-fr", "Anglais : Mon-Fri 9h00 à 17h00 à Londres", "Anglais", "Mo-Fr 09:00-17:00", "Europe/London"},
		{"fr-fr", "Français : Mon-Fri 9h00-17h00 ET", "Français", "Mo-Fr 09:00-17:00", "ET"},
		{"fr-fr", "Anglais : Mon-Fri 9h00 à 17h00 locales", "Anglais", "Mo-Fr 09:00-17:00", "local"},
		{"fr-fr", "Anglais : 24h/24, 7j/7", "Anglais", "24/7", ""},
		{"es-es", "Alemán: lunes a viernes, de 8 A.M. a 9 P.M.", "Alemán", "Mo-Fr 08:00-21:00", ""},
		{"es-es", "Ruso: lunes a viernes 10 A.M. a 7 P.M. Moscú", "Ruso", "Mo-Fr 10:00-19:00", "Europe/Moscow"},
		{"es-es", "Inglés: 24 horas al día, 7 días a la semana", "Inglés", "24/7", ""},
		{"it-it", "Tedesco: Mon-Fri dalle 8.00 alle 21.00", "Tedesco", "Mo-Fr 08:00-21:00", ""},
		{"it-it", "Inglese: lun-ven 9:00-17:00", "Inglese", "Mo-Fr 09:00-17:00", ""},
		{"it-it", "Inglese: Mon-Fri 9.00-17.00 Londra", "Inglese", "Mo-Fr 09:00-17:00", "Europe/London"},
		{"pt-br", "Inglês: Segunda a sexta, das 9h às 17h", "Inglês", "Mo-Fr 09:00-17:00", ""},
		{"pt-br", "Inglês: Seg-Sex 10 AM-6 PM", "Inglês", "Mo-Fr 10:00-18:00", ""},
		{"pt-pt", "Inglês: 24 horas por dia, 7 dias por semana", "Inglês", "24/7", ""},
		{"nl-nl", "Engels: Mon-Fri 09:00- 17:00 uur", "Engels", "Mo-Fr 09:00-17:00", ""},
		{"nl-nl", "Russisch: Mon-Fri 10:00 tot 19:00 Moskou", "Russisch", "Mo-Fr 10:00-19:00", "Europe/Moscow"},
		{"sv-se", "Engelska: mån–sön, dygnet runt", "Engelska", "24/7", ""},
		{"sv-se", "Engelska: Mon-Fri 9–17 London", "Engelska", "Mo-Fr 09:00-17:00", "Europe/London"},
		{"sv-se", "Ryska: Mon-Fri 10:00–17:00 Moskva", "Ryska", "Mo-Fr 10:00-17:00", "Europe/Moscow"},
		{"da-dk", "Tysk: Mon-Fri 8-18", "Tysk", "Mo-Fr 08:00-18:00", ""},
		{"da-dk", "Engelsk: 24 timer i døgnet, syv dage om ugen", "Engelsk", "24/7", ""},
		{"nb-no", "Engelsk: man.–fre. 09:00–17:00", "Engelsk", "Mo-Fr 09:00-17:00", ""},
		{"nb-no", "Engelsk: døgnet rundt", "Engelsk", "24/7", ""},
		{"fi-fi", "Englanti: ma–pe klo 9.00–17.00", "Englanti", "Mo-Fr 09:00-17:00", ""},
		{"fi-fi", "Englanti: 24 tuntia vuorokaudessa, 7 päivää viikossa", "Englanti", "24/7", ""},
		{"pl-pl", "Angielski: londyn Mon-Fri 9:00–17:00", "Angielski", "Mo-Fr 09:00-17:00", "Europe/London"},
		{"pl-pl", "Rosyjski: Mon-Fri 7:00–18:00 w Moskwie", "Rosyjski", "Mo-Fr 07:00-18:00", "Europe/Moscow"},
		{"pl-pl", "Angielski: pon.–pt. 9:00–17:00", "Angielski", "Mo-Fr 09:00-17:00", ""},
		{"cs-cz", "Angličtina: po–pá 9:00–17:00", "Angličtina", "Mo-Fr 09:00-17:00", ""},
		{"cs-cz", "Angličtina: 24 hodin denně, 7 dní v týdnu", "Angličtina", "24/7", ""},
		{"hu-hu", "Angol: hétfő–péntek 9:00–17:00", "Angol", "Mo-Fr 09:00-17:00", ""},
		{"hu-hu", "Angol: a nap 24 órájában, a hét 7 napján", "Angol", "24/7", ""},
		{"tr-tr", "Rusça: Mon-Fri 07:00 -17:00 Moskova", "Rusça", "Mo-Fr 07:00-17:00", "Europe/Moscow"},
		{"tr-tr", "İngilizce: Haftanın 7 günü, günde 24 saat", "İngilizce", "24/7", ""},
		{"tr-tr", "İngilizce: Pzt-Cum 09:00-17:00", "İngilizce", "Mo-Fr 09:00-17:00", ""},
		{"ru-ru", "Английский: Пн – Пятница 9 AM – 5 PM Лондон", "Английский", "Mo-Fr 09:00-17:00", "Europe/London"},
		{"ru-ru", "Русский: Пн – Пятница, 7 AM – 8 PM Москва", "Русский", "Mo-Fr 07:00-20:00", "Europe/Moscow"},
		{"ru-ru", "Английский: 24 часа в сутки, 7 дней в неделю", "Английский", "24/7", ""},
		{"ja-jp", "ドイツ語: 月曜日から金曜日 (午前9時 ~ 午後5時)", "ドイツ語", "Mo-Fr 09:00-17:00", ""},
		{"ja-jp", "日本語: 月曜日から金曜日、午前 9 時から午後 5 時", "日本語", "Mo-Fr 09:00-17:00", ""},
		{"ja-jp", "ロシア語: 月曜日 ~ 金曜日7時-8 PM モスクワ", "ロシア語", "Mo-Fr 07:00-20:00", "Europe/Moscow"},
		{"ja-jp", "英語: 月曜日から金曜日の午前9時から午後5時半", "英語", "Mo-Fr 09:00-17:30", ""},
		{"ja-jp", "英語: 24 時間年中無休", "英語", "24/7", ""},
		{"zh-cn", "德语： Mon-Fri 上午9点-下午5点", "德语", "Mo-Fr 09:00-17:00", ""},
		{"zh-cn", "俄语：周一至周五上午10点-7 下午莫斯科", "俄语", "Mo-Fr 10:00-19:00", "Europe/Moscow"},
		{"zh-cn", "英语：周一至周五上午9点-下午5点，伦敦", "英语", "Mo-Fr 09:00-17:00", "Europe/London"},
		{"zh-cn", "英语：每天24小时，每周7天", "英语", "24/7", ""},
		{"zh-tw", "英文：週一至週五上午9點至下午5點（倫敦）", "英文", "Mo-Fr 09:00-17:00", "Europe/London"},
		{"zh-tw", "英文：全年無休", "英文", "24/7", ""},
		{"ko-kr", "러시아어: Mon-Fri 오전 10시-오후 7시 모스크바", "러시아어", "Mo-Fr 10:00-19:00", "Europe/Moscow"},
		{"ko-kr", "영어: 월요일~금요일 오전 9시~오후 5시", "영어", "Mo-Fr 09:00-17:00", ""},
		{"ko-kr", "영어: 연중무휴 24시간", "영어", "24/7", ""},
		{"en-us", "English: Mon-Fri 9 AM-5 PM London", "English", "Mo-Fr 09:00-17:00", "Europe/London"},
		{"en-us", "English Mon-Fri 8 AM-9 PM", "English", "Mo-Fr 08:00-21:00", ""},
		// Several rules on one line, days before a colon, "between ... and".
		{"en-us", "English: Mon-Fri 9 AM-6 PM, Sat 10 AM-2 PM", "English", "Mo-Fr 09:00-18:00; Sa 10:00-14:00", ""},
		{"en-us", "9 AM-5 PM Mon-Fri, 10 AM-2 PM Sat", "", "Mo-Fr 09:00-17:00; Sa 10:00-14:00", ""},
		{"de-de", "Mo-Fr: 9:00-17:00 Uhr", "", "Mo-Fr 09:00-17:00", ""},
		{"fi-fi", "Ma-Pe klo 10-18 ja La 9-15", "", "Mo-Fr 10:00-18:00; Sa 09:00-15:00", ""},
		{"cs-cz", "Po - Pá: 8:30 - 18:00, So - Ne zavřeno", "", "Mo-Fr 08:30-18:00", ""},
		{"hu-hu", "Hívható hétfőtől péntekig 9:00-16:00 között", "Hívható", "Mo-Fr 09:00-16:00", ""},
		{"hu-hu", "hétfőtől szombatig 10:00 és 19:00 óra között", "", "Mo-Sa 10:00-19:00", ""},
		{"nb-no", "Hverdager 08:00 - 16:00", "", "Mo-Fr 08:00-16:00", ""},
		// A later rule's days replace an earlier rule's.
		{"en-us", "English: Mon-Fri 9 AM-5 PM (Wed 9 AM-12 PM)", "English", "Mo,Tu,Th,Fr 09:00-17:00; We 09:00-12:00", ""},
		{"en-us", "English: Mon-Sun 8 AM-8 PM, Sun 10 AM-4 PM", "English", "Mo-Sa 08:00-20:00; Su 10:00-16:00", ""},
	} {
		hl := parseHoursLine(tt.line, lexiconFor(tt.locale))
		got := "null"
		if hl.ok {
			got = hl.schedule.String()
		}
		if got != tt.schedule || hl.zoneWord != tt.zone || hl.label != tt.label {
			t.Errorf("%s %q: got %q zone %q label %q (%s); want %q zone %q label %q", tt.locale, tt.line, got, hl.zoneWord, hl.label, hl.problem, tt.schedule, tt.zone, tt.label)
		}
	}
}

// Lines that must stay without a schedule: damaged translations and prose.
func TestLinesPerLanguageRejected(t *testing.T) {
	for _, tt := range []struct{ locale, line string }{
		{"pt-br", "Alemão: Mon-Fri 8:9 PM"},
		{"pt-br", "Árabe: sol-qui 10 AM-6 PM"},
		{"ja-jp", "英語: 月曜日から金曜日9時午前5時"},
		{"fr-fr", "Russe : Mon-Fri 7h00-20h00 à Russie"},
		{"nl-nl", "Nederlands: Mon-Fri 04:00 uur"},
		{"de-de", "Telefonischer technischer Support ist wochentags von 09:00 bis 17:30 Uhr verfügbar."},
		// A second span without days of its own overlaps the first; closed
		// days alone are no schedule.
		{"en-us", "Mon-Fri 9 AM-5 PM, 10 AM-2 PM"},
		{"cs-cz", "So - Ne zavřeno"},
	} {
		if hl := parseHoursLine(tt.line, lexiconFor(tt.locale)); hl.ok {
			t.Errorf("%s %q: got %s, want no schedule", tt.locale, tt.line, hl.schedule)
		}
	}
}

// Every language has a phrase file with a stated source and all seven
// weekdays from CLDR.
func TestLanguageData(t *testing.T) {
	want := strings.Fields("cs da de en es fi fr hu it ja ko nb nl pl pt ru sv tr zh-cn zh-tw")
	if got := Languages(); strings.Join(got, " ") != strings.Join(want, " ") {
		t.Fatalf("languages %v, want %v", got, want)
	}
	for _, l := range want {
		if PhraseSource(l) == "" {
			t.Errorf("%s: phrase file states no source", l)
		}
		days := map[string]bool{}
		for _, r := range cldrRows()[l] {
			if r[0] == "day" {
				days[r[1]] = true
			}
		}
		if len(days) != 7 {
			t.Errorf("%s: %d weekdays in cldr.tsv", l, len(days))
		}
	}
	for locale, key := range map[string]string{"de-de": "de", "zh-tw": "zh-tw", "zh-hk": "zh-tw", "zh-cn": "zh-cn", "pt-br": "pt", "nb-no": "nb", "no": "nb", "ja-JP": "ja"} {
		if got := LangKey(locale); got != key {
			t.Errorf("LangKey(%q) = %q, want %q", locale, got, key)
		}
	}
}

// The bilingual markup is stripped, and a translated line that cannot be
// read takes the English original it carries; a page without that markup
// falls back to the same line of the default locale's page.
func TestFallbackToOriginal(t *testing.T) {
	src, err := os.ReadFile("testdata/pages/ja-jp/germany.md")
	if err != nil {
		t.Fatal(err)
	}
	c, ds := ParseCountryPageWith("ja-jp/germany.md", src, "ja-jp", PageOptions{})
	if c.Phones[0].Number != "0800 589 2332" || c.Lines[1].Text != "英語: 月曜日から金曜日9時午前5時" ||
		c.Lines[1].Original != "English: Mon-Fri 9 AM-5 PM" || *c.Lines[1].Schedule != "Mo-Fr 09:00-17:00" {
		t.Errorf("ja germany: %+v %+v", c.Phones, c.Lines[1])
	}
	n := 0
	for _, d := range ds {
		if d.Code == CodeFallback {
			n++
			if d.Pos.File != "ja-jp/germany.md" || d.Pos.Line == 0 {
				t.Errorf("fallback warning without file:line: %v", d)
			}
		}
	}
	if n != 2 {
		t.Errorf("ja germany: %d fallback warnings, want 2: %v", n, ds)
	}
	def, _ := os.ReadFile("testdata/pages/en-us/saudi-arabia.md")
	d, _ := ParseCountryPage("saudi-arabia.md", def, "en-us")
	src, _ = os.ReadFile("testdata/pages/pt-br/saudi-arabia.md")
	c, ds = ParseCountryPageWith("pt-br/saudi-arabia.md", src, "pt-br", PageOptions{Default: &d})
	if c.Lines[0].Schedule == nil || *c.Lines[0].Schedule != "Su-Th 10:00-18:00" || c.Lines[0].Original != "Arabic: Sun-Thu 10 AM-6 PM" || c.Lines[0].Text != "Árabe: sol-qui 10 AM-6 PM" {
		t.Errorf("pt-br saudi-arabia: %+v", c.Lines[0])
	}
	if len(ds) != 2 || ds[0].Code != CodeFallback || !strings.Contains(ds[0].Message, "saudi-arabia.md:") {
		t.Errorf("pt-br saudi-arabia diagnostics: %v", ds)
	}
	c, _ = ParseCountryPageWith("pt-br/saudi-arabia.md", src, "pt-br", PageOptions{})
	if c.Lines[0].Schedule != nil {
		t.Errorf("without a default page the line stays unread: %+v", c.Lines[0])
	}
}

// Notes are notes; phone numbers as the pages write them.
func TestNotesAndPhones(t *testing.T) {
	src := "## <a name=\"phone-number\"></a>Telefonnummer\n+ 1 312 555 0100\nOption 2 wählen\n\n" +
		"## <a name=\"hours\"></a>Stunden\n### <a name=\"billing-support\"></a>Abrechnungssupport:\n\n" +
		"Englisch: Mo-Fr 9:00 bis 17:00 Uhr\n\nAn Feiertagen geschlossen.\n\nAlternative Telefonnummer: + 1 312 555 0199\n\nEs gelten die Ortstarife.\n"
	c, ds := ParseCountryPage("united-states.md", []byte(src), "de-de")
	if len(ds) != 0 {
		t.Errorf("diagnostics: %v", ds)
	}
	if len(c.Phones) != 2 || c.Phones[0].Tel != "+13125550100" || c.Phones[1].Kind != "alternative" || c.Phones[1].Note != "Es gelten die Ortstarife" {
		t.Errorf("phones %+v", c.Phones)
	}
	if len(c.Dial) != 1 || len(c.Notes) != 1 || c.Notes[0] != "An Feiertagen geschlossen." || len(c.Lines) != 1 {
		t.Errorf("dial %q notes %q lines %+v", c.Dial, c.Notes, c.Lines)
	}
}

// The lexicon is the same from run to run: entries in a fixed order.
func TestLexiconOrder(t *testing.T) {
	a, b := buildLexicon("fr"), buildLexicon("fr")
	if len(a.entries) != len(b.entries) {
		t.Fatal("lexicon sizes differ")
	}
	for i := range a.entries {
		if string(a.entries[i].text) != string(b.entries[i].text) || a.entries[i].kind != b.entries[i].kind || a.entries[i].val != b.entries[i].val {
			t.Fatalf("entry %d differs: %+v %+v", i, a.entries[i], b.entries[i])
		}
	}
	// Two spans joined by "and", and a French "et" that ends the line.
	hl := parseHoursLine("Français : Lun.-ven. 9h00-12h00 et 13h00-17h00", lexiconFor("fr-fr"))
	if !hl.ok || hl.schedule.String() != "Mo-Fr 09:00-12:00,13:00-17:00" || hl.zoneWord != "" {
		t.Errorf("two spans: %v %q %s", hl.schedule, hl.zoneWord, hl.problem)
	}
}

// A line the page's words do not cover is read by its English original
// (the sxs-lookup markup): a notice, a charge note, a dialling step, "not
// available by phone".
func TestLinesReadByOriginal(t *testing.T) {
	sxs := func(tr, en string) string {
		return `<span data-ttu-id="a-1">` + tr + `</span><span class="sxs-lookup"><span data-stu-id="a-1">` + en + `</span></span>`
	}
	src := "## <a name=\"phone-number\"></a>Puhelinnumero\n" + sxs("+92 21 111 674 357", "+92 21 111 674 357") + "\n\n" +
		sxs("Valitkaa kolmas", "Select option 3") + "\n\n" +
		"## <a name=\"hours\"></a>Aukioloajat\n### <a name=\"billing-support\"></a>Laskutustuki:\n\n" +
		sxs("Englanti: ma–pe klo 10–18", "English: Mon-Fri 10 AM-6 PM") + "\n\n" +
		sxs("Puhelimitse ei tavoitettavissa", "Not available by phone") + "\n\n" +
		sxs("Ulkomaanpuhelun hinta", "International call charges apply") + "\n"
	c, _ := ParseCountryPage("afghanistan.md", []byte(src), "fi-fi")
	if len(c.Dial) != 1 || len(c.Notes) != 0 || len(c.Phones) != 1 || c.Phones[0].Note != "Ulkomaanpuhelun hinta" {
		t.Errorf("dial %q notes %q phones %+v", c.Dial, c.Notes, c.Phones)
	}
	if len(c.Lines) != 2 || c.Lines[1].Schedule == nil || *c.Lines[1].Schedule != "off" {
		t.Errorf("lines %+v", c.Lines)
	}
	src = "## <a name=\"phone-number\"></a>Puhelinnumero\n" + sxs("Puhelintukea ei ole", "Telephone support not available; only online support.") + "\n"
	if c, _ = ParseCountryPage("nepal.md", []byte(src), "fi-fi"); c.Notice == "" {
		t.Errorf("no notice: %+v", c)
	}
}
