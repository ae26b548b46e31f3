package postgres_test

import (
	"testing"

	"github.com/rapport-crm/rapport/matcher"
	"github.com/rapport-crm/rapport/store/storetest"
)

func TestBot(t *testing.T) {
	t.Parallel()
	storetest.RunBot(t, open, matcher.New(matcher.Config{}))
}
