package postgres_test

import (
	"testing"

	"github.com/rapport-crm/rapport/matcher"
	"github.com/rapport-crm/rapport/store/storetest"
)

func TestOutbox(t *testing.T) {
	t.Parallel()
	storetest.RunOutbox(t, open, matcher.New(matcher.Config{}))
}
