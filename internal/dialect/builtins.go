package dialect

// builtins lists the dialect's constructs. Each lives in its own file.
func builtins(d *Dialect) []Extender {
	return []Extender{
		zoneExt{d},
		includeExt{d},
		headingExt{},
		linkExt{},
		quoteExt{},
		imageExt{},
		gfmExt{},
		tableExt{},
		strikeExt{},
		mathExt{},
		emojiExt{},
		formExt{},
		rowExt{},
		pivotExt{},
		noLocExt{},
		tabsExt{},
		hoursExt{},
		rawHTMLExt{},
		annotateExt{},
		autolinkExt{},
		xrefExt{},
		platyExt{},
		newCodeBlockExt(),
		codeIncludeExt{},
	}
}
