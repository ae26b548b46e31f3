package email

import (
	"context"
	"os"
	"strings"
	"testing"
)

func assertNoPanic(t testing.TB, p *Parsed) {
	t.Helper()
	for _, pr := range p.Problems {
		if strings.Contains(pr, "panic") {
			t.Fatalf("the parser panicked: %s", pr)
		}
	}
}

func TestReusedMessageIDKeepsBothMessages(t *testing.T) {
	a, _ := os.ReadFile("testdata/reused_message_id_a.eml")
	b, _ := os.ReadFile("testdata/reused_message_id_b.eml")
	if ExternalID(a) == ExternalID(b) {
		t.Fatal("two messages with one Message-ID share a dedupe key: the second would be lost")
	}
	if ExternalID(a) != ExternalID(append([]byte{}, a...)) {
		t.Fatal("the dedupe key is not a function of the content")
	}
}

func TestHugeAndEmptyBodies(t *testing.T) {
	huge := "Subject: big\r\nContent-Type: text/plain\r\n\r\n" + strings.Repeat("这是一个很长的邮件。\r\n", 300000)
	hugeUTF8 := "Subject: big\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n" + strings.Repeat("这是一个很长的邮件。\r\n", 300000)
	tests := []struct {
		name, raw    string
		wantProblems bool
		maxText      int
	}{
		{"huge text is truncated, raw kept", huge, true, maxBodyText},
		{"huge UTF-8 text is truncated, still UTF-8", hugeUTF8, true, maxBodyText},
		{"empty message", "", true, 0},
		{"header without body", "Subject: x\r\n", false, 0},
		{"body without header", "\r\nhello", false, 10},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := Parse(context.Background(), []byte(tt.raw), newMemBlobs())
			if err != nil {
				t.Fatal(err)
			}
			assertNoPanic(t, p)
			if got := len(p.Problems) > 0; got != tt.wantProblems {
				t.Errorf("problems = %v, want some: %v", p.Problems, tt.wantProblems)
			}
			if len(p.In.Text) > tt.maxText {
				t.Errorf("text has %d bytes, want at most %d", len(p.In.Text), tt.maxText)
			}
			// Cut at the limit, a body is never re-read as another charset.
			if tt.maxText > 100 && (!strings.HasPrefix(p.In.Text, "这是一个很长的邮件") || strings.ContainsRune(p.In.Text, '\uFFFD')) {
				t.Errorf("text begins %.40q, want the UTF-8 text whole", p.In.Text)
			}
			if len(p.In.Raw) != len(tt.raw) {
				t.Error("raw not kept whole")
			}
		})
	}
}

func TestNormalizeSubject(t *testing.T) {
	tests := []struct {
		in, want string
		replied  bool
	}{
		{"Re: 报价", "报价", true},
		{"回复：答复: RE[2]: Fwd:  Quote  A1", "quote a1", true},
		{"转发: 合同", "合同", true},
		{"AW: Angebot", "angebot", true},
		{"WG: Lieferung 4711", "lieferung 4711", true},
		{"TR: Devis", "devis", true},
		{"RV: Pedido 12", "pedido 12", true},
		{"ENC: Pedido", "pedido", true},
		{"Отв: Заказ 58", "заказ 58", true},
		{"転送: 見積もり", "見積もり", true},
		{"Trade fair 2027", "trade fair 2027", false},
		{"Hello", "hello", false},
		{"Regarding: x", "regarding: x", false},
		{"", "", false},
	}
	for _, tt := range tests {
		got, replied := NormalizeSubject(tt.in)
		if got != tt.want || replied != tt.replied {
			t.Errorf("NormalizeSubject(%q) = %q, %v; want %q, %v", tt.in, got, replied, tt.want, tt.replied)
		}
	}
}

// FuzzParse feeds the parser arbitrary bytes: it must never panic (the
// recover in Parse would hide one, so the fuzzer checks for it) and must
// always keep the raw bytes.
func FuzzParse(f *testing.F) {
	files, _ := os.ReadDir("testdata")
	for _, e := range files {
		if strings.HasSuffix(e.Name(), ".eml") {
			b, _ := os.ReadFile("testdata/" + e.Name())
			f.Add(b)
		}
	}
	f.Fuzz(func(t *testing.T, raw []byte) {
		p, err := Parse(context.Background(), raw, newMemBlobs())
		if err != nil {
			t.Fatalf("Parse failed without a blob store failure: %v", err)
		}
		assertNoPanic(t, p)
		if len(p.In.Raw) != len(raw) {
			t.Fatal("raw bytes not kept")
		}
	})
}

// TestReportsThatAreNoFailure: only a report naming a failed recipient
// marks the reply it is about failed; a delay report and a read receipt
// are automated and thread with it.
func TestReportsThatAreNoFailure(t *testing.T) {
	for _, tt := range []struct {
		file   string
		failed bool
	}{{"bounce", true}, {"dsn_delayed", false}, {"read_receipt_thunderbird", false}, {"read_receipt_outlook", false}} {
		raw, err := os.ReadFile("testdata/" + tt.file + ".eml")
		if err != nil {
			t.Fatal(err)
		}
		p, err := Parse(context.Background(), raw, newMemBlobs())
		if err != nil {
			t.Fatal(err)
		}
		if p.Bounce.failed() != tt.failed || !p.In.Automated || len(p.In.References) == 0 {
			t.Errorf("%s: failed %v (want %v), automated %v, references %v", tt.file, p.Bounce.failed(), tt.failed,
				p.In.Automated, p.In.References)
		}
	}
}
