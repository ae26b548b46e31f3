package sqlite_test

import (
	"testing"

	"github.com/rapport-crm/rapport/store/storetest"
)

func TestForms(t *testing.T) {
	t.Parallel()
	storetest.RunForms(t, open)
}
