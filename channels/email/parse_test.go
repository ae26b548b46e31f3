package email

import (
	"context"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/rapport-crm/rapport/crm"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// goldenView is what a golden file records of a parsed message.
type goldenView struct {
	From        crm.Address      `json:"from"`
	To          []crm.Address    `json:"to,omitempty"`
	Cc          []crm.Address    `json:"cc,omitempty"`
	Subject     string           `json:"subject"`
	Normalized  string           `json:"normalized_subject"`
	Text        string           `json:"text,omitempty"`
	HTML        string           `json:"html,omitempty"`
	Attachments []crm.Attachment `json:"attachments,omitempty"`
	MessageRef  string           `json:"message_ref,omitempty"`
	References  []string         `json:"references,omitempty"`
	Date        string           `json:"date,omitempty"`
	Automated   bool             `json:"automated,omitempty"`
	Why         string           `json:"automated_reason,omitempty"`
	Forwards    []crm.Forward    `json:"forwards,omitempty"`
	Bounce      *Bounce          `json:"bounce,omitempty"`
	Problems    bool             `json:"has_problems,omitempty"`
}

func view(p *Parsed) goldenView {
	v := goldenView{From: p.In.From, To: p.In.To, Cc: p.In.Cc, Subject: p.In.Subject,
		Normalized: p.subject, Text: p.In.Text, HTML: p.In.HTML, Attachments: p.In.Attachments,
		MessageRef: p.In.MessageRef, References: p.In.References, Automated: p.In.Automated,
		Why: p.In.AutomatedReason, Forwards: p.In.Forwards,
		Bounce: p.Bounce, Problems: len(p.Problems) > 0}
	if !p.In.ReceivedAt.IsZero() {
		v.Date = p.In.ReceivedAt.Format(time.RFC3339)
	}
	return v
}

// TestParseGolden parses every testdata/*.eml and compares the result with
// its .golden file (go test -run TestParseGolden -update rewrites them).
func TestParseGolden(t *testing.T) {
	files, _ := filepath.Glob("testdata/*.eml")
	if len(files) < 20 {
		t.Fatalf("found %d golden messages, want the full set", len(files))
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			raw, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			p, err := Parse(context.Background(), raw, newMemBlobs())
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			assertNoPanic(t, p)
			if string(p.In.Raw) != string(raw) {
				t.Error("raw bytes not kept")
			}
			got, _ := json.MarshalIndent(view(p), "", "  ")
			golden := strings.TrimSuffix(f, ".eml") + ".golden"
			if *update {
				if err := os.WriteFile(golden, append(got, '\n'), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run with -update)", err)
			}
			if strings.TrimSpace(string(want)) != strings.TrimSpace(string(got)) {
				t.Errorf("parsed form differs from %s:\n%s", golden, got)
			}
		})
	}
}
