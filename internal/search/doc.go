// Package search is the build stage that makes a site searchable without a
// server. While internal/build renders a page for one locale and cloud, it
// hands the rendered body here (Analyze): the text a reader sees in that
// cloud is split into words (tokenize.go), reduced to stems with the
// language's Snowball stemmer (stem.go) and weighted by where it stands
// (title, headings, description, body). An Index per locale and cloud
// keeps one Entry per page, so docloom serve replaces only the entries of
// the pages a save changed.
//
// Write turns an Index into static files (format.go): a small manifest at
// a fixed URL, and content-hashed, gzip-compressed chunks that a browser
// fetches on demand and may cache forever: word chunks split by word
// prefix, document metadata blocks and packs of the pages' text fragments
// (for snippets; pack.go), each fragment read with a Range request. The browser side is static/ts/search.ts; Search (query.go)
// is the same ranking in Go, for tests and benchmarks.
//
// The browser never stems: a word chunk maps each surface word (lower
// case, diacritics folded) of the docset to its stem's postings, so
// "policies" and "policy" find the same pages, and a prefix typed so far
// matches every word that starts with it.
package search
