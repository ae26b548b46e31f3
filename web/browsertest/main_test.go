package browsertest_test

import (
	"testing"

	"github.com/rapport-crm/rapport/web/browsertest"
)

func TestMain(m *testing.M) { browsertest.Main(m) }
