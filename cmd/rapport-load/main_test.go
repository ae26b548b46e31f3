package main

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
)

func TestLoadSendsDistinctBodies(t *testing.T) {
	var mu sync.Mutex
	bodies, ips := map[string]int{}, map[string]bool{}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		mu.Lock()
		bodies[string(b)]++
		ips[r.Header.Get("X-Forwarded-For")] = true
		n := len(bodies)
		mu.Unlock()
		if n%10 == 1 { // the first of every ten, so that any run sees one
			w.WriteHeader(http.StatusTooManyRequests)
		}
	}))
	defer srv.Close()
	for _, args := range [][]string{
		{"-url", srv.URL, "-c", "4", "-d", "300ms", "-warmup", "0s", "-spread-ips", "3"},
		{"-url", srv.URL, "-c", "2", "-d", "300ms", "-warmup", "0s", "-rate", "200", "-spread-ips", "3"},
	} {
		var out strings.Builder
		if err := run(args, &out); err != nil {
			t.Fatal(err)
		}
		for _, want := range []string{"achieved", "p99", "status 200:", "status 429:"} {
			if !strings.Contains(out.String(), want) {
				t.Errorf("%v: report lacks %q:\n%s", args, want, out.String())
			}
		}
	}
	mu.Lock()
	defer mu.Unlock()
	for b, n := range bodies {
		if n > 1 || !strings.Contains(b, "%40bench.example") {
			t.Fatalf("body %q sent %d times; want each distinct", b, n)
		}
	}
	if len(bodies) < 3 || len(ips) != 3 {
		t.Fatalf("%d bodies from %d addresses; want several, from 3", len(bodies), len(ips))
	}
}

func TestLoadRefusesBadFlags(t *testing.T) {
	if err := run([]string{"-c", "0"}, io.Discard); err == nil {
		t.Fatal("want an error without -url")
	}
}
