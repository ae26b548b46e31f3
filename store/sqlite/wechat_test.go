package sqlite_test

import (
	"testing"

	"github.com/rapport-crm/rapport/matcher"
	"github.com/rapport-crm/rapport/store/storetest"
)

func TestWeChat(t *testing.T) {
	t.Parallel()
	storetest.RunWeChat(t, open, matcher.New(matcher.Config{}))
}
