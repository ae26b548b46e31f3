package webform_test

import (
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/rapport-crm/rapport/channels/webform"
	"github.com/rapport-crm/rapport/crm"
	"github.com/rapport-crm/rapport/internal/testapp"
	"github.com/rapport-crm/rapport/store/postgres"
	"github.com/rapport-crm/rapport/store/postgres/pgtest"
)

// BenchmarkCapture posts distinct submissions (each a new lead) over real
// HTTP through the real Ingester and matcher, into SQLite and PostgreSQL.
// Run it with -cpuprofile to see where a submission's time goes;
// cmd/rapport-load against rapport serve gives the end-to-end figures.
func BenchmarkCapture(b *testing.B) {
	b.Run("sqlite", func(b *testing.B) { benchCapture(b, newHarness(b, unlimited)) })
	b.Run("postgres", func(b *testing.B) {
		u := pgtest.URL(b)
		db, err := postgres.Open(ctx, postgres.Config{URL: pgtest.FreshSchema(b, u), MaxConns: 8})
		if err != nil {
			b.Fatal(err)
		}
		b.Cleanup(func() { db.Close() })
		benchCapture(b, newHarnessOn(b, testapp.New(b, testapp.Options{DB: db}), unlimited))
	})
}

func unlimited(c *webform.Config, _ *crm.Form) {
	c.PerIP = webform.Limit{Rate: 1e9, Burst: 1 << 30}
	c.PerForm = webform.Limit{Rate: 1e9, Burst: 1 << 30}
	c.Logger = nil
}

func benchCapture(b *testing.B, h *harness) {
	var seq atomic.Int64
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 256}}
	b.SetParallelism(16)
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			n := seq.Add(1)
			body := fmt.Sprintf("full_name=Bench+%d&email=bench-%d%%40load.example&msg=hello+%d", n, n, n)
			resp, err := client.Post(h.url(), "application/x-www-form-urlencoded", strings.NewReader(body))
			if err != nil {
				b.Error(err)
				return
			}
			io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			if resp.StatusCode != http.StatusOK {
				b.Errorf("status %d", resp.StatusCode)
				return
			}
		}
	})
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "submissions/s")
}
