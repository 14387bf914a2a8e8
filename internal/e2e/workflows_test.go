package e2e

import (
	"os"
	"regexp"
	"strings"
	"testing"

	yaml "go.yaml.in/yaml/v3"
)

type workflow struct {
	Jobs map[string]struct {
		Uses  string            `yaml:"uses"`
		Needs any               `yaml:"needs"`
		Env   map[string]string `yaml:"env"`
		Steps []struct {
			Name string `yaml:"name"`
			Run  string `yaml:"run"`
		} `yaml:"steps"`
	} `yaml:"jobs"`
}

func readWorkflow(t *testing.T, name string) workflow {
	t.Helper()
	data, err := os.ReadFile("../../.github/workflows/" + name)
	if err != nil {
		t.Fatal(err)
	}
	var w workflow
	if err := yaml.Unmarshal(data, &w); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return w
}

// CI cannot be green by skipping: the check job requires the browser
// tests (CI=true), installs a browser that runs on Ubuntu runners (not the
// chromium snap) and fails when it is missing.
func TestCheckWorkflowRequiresBrowserTests(t *testing.T) {
	job := readWorkflow(t, "check.yml").Jobs["test"]
	if job.Env["CI"] != "true" {
		t.Errorf("check.yml sets CI=%q: browser tests would skip when the browser is missing", job.Env["CI"])
	}
	runs := ""
	for _, s := range job.Steps {
		runs += s.Run + "\n"
	}
	if strings.Contains(runs, "apt-get install") && strings.Contains(runs, "chromium") {
		t.Error("check.yml installs Ubuntu's chromium, a snap that breaks chromedp's profile folder")
	}
	if !regexp.MustCompile(`@puppeteer/browsers@\d+\.\d+\.\d+ install chrome@\d+\.`).MatchString(runs) || !strings.Contains(runs, `test -x "$chrome"`) {
		t.Error("check.yml does not install a pinned Chrome for Testing and check it is there")
	}
	if !strings.Contains(runs, "go test ./...") || !strings.Contains(runs, "-fuzztime") {
		t.Error("check.yml does not run go test ./... and the fuzz targets")
	}
}

// The deploy job runs the tests first, with a pinned Netlify CLI that
// deploys the folder just built (--no-build: no second, non-strict build).
func TestDeployWorkflowTestsFirstAndPinsTheCLI(t *testing.T) {
	w := readWorkflow(t, "deploy.yml")
	if w.Jobs["test"].Uses != "./.github/workflows/check.yml" {
		t.Errorf("deploy.yml has no test job running check.yml: %+v", w.Jobs["test"])
	}
	deploy := w.Jobs["deploy"]
	if deploy.Needs != "test" {
		t.Errorf("the deploy job needs %v, not the tests", deploy.Needs)
	}
	var cmd string
	for _, s := range deploy.Steps {
		if strings.Contains(s.Run, "netlify") {
			cmd = s.Run
		}
	}
	if !regexp.MustCompile(`netlify-cli@\d+\.\d+\.\d+ deploy`).MatchString(cmd) || !strings.Contains(cmd, "--no-build") || !strings.Contains(cmd, "--dir public") {
		t.Errorf("deploy command %q: want a pinned netlify-cli deploying public/ with --no-build", cmd)
	}
}
