package e2e

import (
	"testing"

	"github.com/docloom/docloom/internal/e2e/sitetest"
)

// The sites and helpers these tests share with the other end-to-end
// packages live in sitetest; these names keep the tests short.

type (
	built       = sitetest.Built
	corpusBuild = sitetest.CorpusBuild
	tomlTable   = sitetest.TOMLTable
)

const psCorpus = sitetest.PSCorpus

var (
	exampleSite      = sitetest.ExampleSite
	fixtureSite      = sitetest.FixtureSite
	runBuild         = sitetest.RunBuild
	pages            = sitetest.Pages
	read             = sitetest.Read
	corpora          = sitetest.Corpora
	corporaDir       = sitetest.CorporaDir
	corpusSite       = sitetest.CorpusSite
	psBuild          = sitetest.PSBuild
	buildBounded     = sitetest.BuildBounded
	parseTOML        = sitetest.ParseTOML
	loadNetlify      = sitetest.LoadNetlify
	serveWithHeaders = sitetest.ServeWithHeaders
	addInitScript    = sitetest.AddInitScript
	samplePages      = sitetest.SamplePages
	firstErrors      = sitetest.FirstErrors
	tmpRoot          = sitetest.TmpRoot
	exampleDiags     = sitetest.ExampleDiags
	fixtureDiags     = sitetest.FixtureDiags
)

func TestMain(m *testing.M) { sitetest.Main(m) }
