// Package hours models the support hours and phone numbers of the
// "Contact support" country pages, so that a site can tell its reader
// whether a line is open now.
//
// In the pipeline it sits beside the dialect: the build reads the country
// pages of a docset with ParseCountryPage (with the words of the page's
// language: CLDR data in cldr.tsv and phrase files in lang/), joins them with the country
// table shipped in countries.tsv (slug, ISO code, IANA zones) and with the
// names of the country drop-down include, and writes one Directory per
// locale as JSON for the browser. The same schedule grammar serves the
// authoring block :::hours zone="..." schedule="...":::, validated here.
//
// Schedules are a strict subset of the OpenStreetMap opening_hours syntax
// and carry no zone; the zone is always a separate IANA name. Evaluation
// follows opening_hours.js: intervals whose wall-clock ends are resolved
// with RFC 5545 "compatible" disambiguation. The package embeds Go's tzdata
// so that results do not depend on the host. SYNTAX.md describes the
// grammar, the semantics and the JSON schema.
package hours

import _ "time/tzdata" // zones must load the same on every machine
