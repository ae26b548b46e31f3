package sqlite_test

import (
	"testing"

	"github.com/rapport-crm/rapport/store/storetest"
)

func TestInbox(t *testing.T) {
	t.Parallel()
	storetest.RunInbox(t, open)
}
