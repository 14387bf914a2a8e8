// Package e2e holds end-to-end tests of a built site: docloom builds the
// example site and the fixture slice in-process, and the tests read the
// output as a reader's browser, a search engine and the CDN would (static
// checks, the _redirects rules through publish.Evaluate, and headless
// Chromium with axe-core). It has no code of its own outside tests.
package e2e
