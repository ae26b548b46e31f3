// Package browsertest runs Rapport's browser tests in headless Chromium, with
// the flags this machine needs (no sandbox as root, no background networking
// on a closed network).
//
// A test binary starts one Chromium, on the first New, and every test gets a
// tab in a browser context of its own (its own cookies and storage), so that
// tests stay independent and may run in parallel: starting Chromium costs
// seconds, a browser context milliseconds. A package whose tests use New
// calls Main from its TestMain, which closes the browser when the tests end
// (the kernel kills it anyway if the binary dies: chromedp sets Pdeathsig).
package browsertest

import (
	"context"
	"os"
	"os/exec"
	"sync"
	"testing"

	"github.com/chromedp/chromedp"
)

// Path is where Debian installs Chromium (.ci/run installs it).
const Path = "/usr/bin/chromium"

// browser is the one Chromium of this test binary.
var browser struct {
	once    sync.Once
	ctx     context.Context // its first tab; new contexts derive from it
	stop    func()
	missing string // why there is no Chromium: tests skip (or fail in CI)
	err     error  // Chromium is there but did not start
}

// New returns a chromedp context for a new tab in a new browser context of
// the shared Chromium, closed when the test ends. Without Chromium the test
// is skipped, except in CI, where the browser tests are mandatory.
func New(t *testing.T) context.Context {
	t.Helper()
	browser.once.Do(start)
	if browser.missing != "" {
		if os.Getenv("CI") != "" {
			t.Fatalf("CI is set but %s (see .ci/run)", browser.missing)
		}
		t.Skipf("%s; install Debian's chromium to run browser tests", browser.missing)
	}
	if browser.err != nil {
		t.Fatalf("start Chromium: %v", browser.err)
	}
	ctx, cancel := chromedp.NewContext(browser.ctx, chromedp.WithNewBrowserContext())
	t.Cleanup(cancel)
	// The first action makes the tab, which lives as long as ctx: no
	// timeout on it (chromedp's rule); bound single steps with a context
	// derived from ctx instead.
	if err := chromedp.Do(ctx, chromedp.Navigate("about:blank")); err != nil {
		t.Fatalf("open a tab: %v", err)
	}
	return ctx
}

// start launches Chromium, outside any test: it outlives the test that
// asked first.
func start() {
	path := Path
	if _, err := os.Stat(path); err != nil {
		p, lerr := exec.LookPath("chromium")
		if lerr != nil {
			browser.missing = "Chromium is not installed at " + Path
			return
		}
		path = p
	}
	dir, err := os.MkdirTemp("", "rapport-chromium-")
	if err != nil {
		browser.err = err
		return
	}
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(path), chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU,
		chromedp.NoFirstRun, chromedp.NoDefaultBrowserCheck, chromedp.UserDataDir(dir),
		chromedp.Flag("disable-quic", true), chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true), chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true), chromedp.WindowSize(1280, 900),
	}
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelTab := chromedp.NewContext(actx)
	browser.ctx = ctx
	browser.stop = func() { cancelTab(); cancelAlloc(); os.RemoveAll(dir) }
	browser.err = chromedp.Do(ctx, chromedp.Navigate("about:blank"))
}

// Main runs the package's tests, then closes the shared Chromium:
//
//	func TestMain(m *testing.M) { browsertest.Main(m) }
func Main(m *testing.M) {
	code := m.Run()
	if browser.stop != nil {
		browser.stop()
	}
	os.Exit(code)
}
