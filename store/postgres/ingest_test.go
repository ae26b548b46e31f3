package postgres_test

import (
	"testing"

	"github.com/rapport-crm/rapport/matcher"
	"github.com/rapport-crm/rapport/store/storetest"
)

// The ingest pipeline with the real matcher, on this engine.
func TestIngest(t *testing.T) {
	t.Parallel()
	storetest.RunIngest(t, open, matcher.New(matcher.Config{}))
}
