package sqlite_test

import (
	"testing"

	"github.com/rapport-crm/rapport/matcher"
	"github.com/rapport-crm/rapport/store/storetest"
)

func TestMailbox(t *testing.T) {
	t.Parallel()
	storetest.RunMailbox(t, open, matcher.New(matcher.Config{}))
}
