package postgres_test

import (
	"context"
	"fmt"
	"strconv"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/rapport-crm/rapport/matcher"
	"github.com/rapport-crm/rapport/migrations"
	"github.com/rapport-crm/rapport/store/postgres/pgtest"
	"github.com/rapport-crm/rapport/store/storetest"
)

// RAPPORT_TEST_POSTGRES_URL=… go test ./store/postgres -run '^$' -bench Ingest -benchtime 20000x
//
// It runs in the cached seeded schema and empties what it wrote afterwards
// (the seed holds no conversations, messages or leads; CASCADE empties
// what refers to them, such as the outbox), so that the data
// set stays as seeded for later runs.
func BenchmarkIngest(b *testing.B) {
	for _, n := range storetest.BenchSizes() {
		b.Run("contacts="+strconv.Itoa(n), func(b *testing.B) {
			s := openBench(b, n)
			b.Cleanup(func() { emptyIngest(b, n) })
			storetest.BenchIngest(b, s, matcher.New(matcher.Config{}), n)
		})
	}
}

func emptyIngest(b *testing.B, n int) {
	ctx := context.Background()
	schema := fmt.Sprintf("rapport_bench_%d_%s", n, storetest.SchemaKey(migrations.Postgres()))
	conn, err := pgx.Connect(ctx, pgtest.WithSearchPath(b, pgtest.URL(b), schema))
	if err != nil {
		b.Fatal(err)
	}
	defer conn.Close(ctx)
	_, err = conn.Exec(ctx, `TRUNCATE message_links, message_raw, messages, conversation_refs,
		review_candidates, conversations, leads CASCADE`)
	if err != nil {
		b.Fatal(err)
	}
}
