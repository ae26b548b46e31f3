package sqlite_test

import (
	"testing"

	"github.com/rapport-crm/rapport/store/storetest"
)

func TestConversationsAbout(t *testing.T) {
	t.Parallel()
	storetest.RunConversationsAbout(t, open)
}
