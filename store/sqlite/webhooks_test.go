package sqlite_test

import (
	"testing"

	"github.com/rapport-crm/rapport/store/storetest"
)

func TestWebhooks(t *testing.T) {
	t.Parallel()
	storetest.RunWebhooks(t, open)
}
