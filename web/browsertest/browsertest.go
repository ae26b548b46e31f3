// Package browsertest starts headless Chromium for Rapport's browser tests,
// with the flags this machine needs (no sandbox as root, no background
// networking on a closed network).
package browsertest

import (
	"context"
	"os"
	"os/exec"
	"testing"

	"github.com/chromedp/chromedp"
)

// Path is where Debian installs Chromium (.ci/run installs it).
const Path = "/usr/bin/chromium"

// New returns a chromedp context for one browser tab, closed when the test
// ends. Without Chromium the test is skipped, except in CI, where the
// browser tests are mandatory.
func New(t *testing.T) context.Context {
	t.Helper()
	path := Path
	if _, err := os.Stat(path); err != nil {
		p, lerr := exec.LookPath("chromium")
		if lerr != nil {
			if os.Getenv("CI") != "" {
				t.Fatalf("CI is set but Chromium is not installed at %s: %v (see .ci/run)", Path, err)
			}
			t.Skipf("Chromium not installed at %s; install Debian's chromium to run browser tests", Path)
		}
		path = p
	}
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(path), chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU,
		chromedp.NoFirstRun, chromedp.NoDefaultBrowserCheck, chromedp.UserDataDir(t.TempDir()),
		chromedp.Flag("disable-quic", true), chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true), chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true), chromedp.WindowSize(1280, 900),
	}
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelTab := chromedp.NewContext(actx)
	t.Cleanup(func() { cancelTab(); cancelAlloc() })
	// The first action starts the browser, which lives as long as ctx: no
	// timeout on it (chromedp's rule); bound single steps with a context
	// derived from ctx instead.
	if err := chromedp.Do(ctx, chromedp.Navigate("about:blank")); err != nil {
		t.Fatalf("start Chromium: %v", err)
	}
	return ctx
}
