package web_test

import (
	"testing"

	"github.com/rapport-crm/rapport/web/browsertest"
)

// One Chromium serves every browser test of the package (see browsertest).
func TestMain(m *testing.M) { browsertest.Main(m) }
