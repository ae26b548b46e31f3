package email_test

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"errors"
	"math/big"
	"net"
	"strings"
	"testing"
	"time"

	"github.com/rapport-crm/rapport/crm"
)

// testCA makes a private CA and a certificate it signed for 127.0.0.1:
// the CA in PEM (what a mailbox's tls_ca holds) and the server's TLS set-up.
func testCA(t testing.TB) (caPEM string, server *tls.Config) {
	t.Helper()
	caPEM, certPEM, keyPEM := testCAFiles(t)
	cert, err := tls.X509KeyPair([]byte(certPEM), []byte(keyPEM))
	must(t, err)
	return caPEM, &tls.Config{Certificates: []tls.Certificate{cert}, MinVersion: tls.VersionTLS12}
}

// testCAFiles is testCA in PEM: the CA, and the server's certificate and key.
func testCAFiles(t testing.TB) (caPEM, certPEM, keyPEM string) {
	t.Helper()
	caKey, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	must(t, err)
	ca := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "Rapport test CA"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(24 * time.Hour), IsCA: true,
		KeyUsage: x509.KeyUsageCertSign, BasicConstraintsValid: true}
	caDER, err := x509.CreateCertificate(rand.Reader, ca, ca, &caKey.PublicKey, caKey)
	must(t, err)
	ca, err = x509.ParseCertificate(caDER)
	must(t, err)
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	must(t, err)
	leaf := &x509.Certificate{SerialNumber: big.NewInt(2), Subject: pkix.Name{CommonName: "127.0.0.1"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(24 * time.Hour),
		IPAddresses: []net.IP{net.IPv4(127, 0, 0, 1)}, ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		KeyUsage: x509.KeyUsageDigitalSignature}
	der, err := x509.CreateCertificate(rand.Reader, leaf, ca, &key.PublicKey, caKey)
	must(t, err)
	keyDER, err := x509.MarshalECPrivateKey(key)
	must(t, err)
	return pemOf("CERTIFICATE", caDER), pemOf("CERTIFICATE", der), pemOf("EC PRIVATE KEY", keyDER)
}

func pemOf(kind string, der []byte) string {
	return string(pem.EncodeToMemory(&pem.Block{Type: kind, Bytes: der}))
}

// TestTLSAndStartTLS reads mail over IMAP and replies over SMTP, each with
// TLS from the first byte or after STARTTLS, to servers whose certificate a
// private CA signed: trusted through the mailbox's tls_ca. The servers take
// a login only over TLS.
func TestTLSAndStartTLS(t *testing.T) {
	for _, tc := range []struct{ imap, smtp string }{
		{crm.SecurityTLS, crm.SecurityStartTLS},
		{crm.SecurityStartTLS, crm.SecurityTLS},
	} {
		t.Run("imap_"+tc.imap+"_smtp_"+tc.smtp, func(t *testing.T) {
			caPEM, conf := testCA(t)
			w := newWorld(t)
			w.imap = startIMAPTLS(t, conf, tc.imap)
			w.smtp = startSink(t, false, conf, tc.smtp)
			w.mb.IMAPPort, w.mb.IMAPTLS, w.mb.SMTPPort, w.mb.SMTPTLS = w.imap.proxy.port(), tc.imap, w.smtp.port, tc.smtp
			w.mb.TLSCA = caPEM
			must(t, w.db.UpdateMailbox(context.Background(), w.mb))
			w.imap.deliver(t, "INBOX", mail("buyer@example.cn", "over TLS", "tls1@example.cn"))
			w.poller("a", w.ing)
			conv := w.ing.waitFor(t, "tls1@example.cn")["tls1@example.cn"][0].ConversationID
			out, err := w.box.Queue(context.Background(), crm.System, crm.Draft{ConversationID: conv, Text: "收到"})
			must(t, err)
			if s := w.sunk(); !s.tls || len(s.to) != 1 || s.to[0] != "buyer@example.cn" {
				t.Errorf("SMTP got %+v, want the reply to the buyer over TLS", s)
			}
			w.message(conv, out.ID, func(m *crm.Message) bool { return m.Delivery == crm.DeliverySent })
		})
	}
}

// Without tls_ca the same servers are refused: certificates are verified.
func TestTLSRefusesAnUnknownCA(t *testing.T) {
	_, conf := testCA(t)
	w := newWorld(t)
	w.imap = startIMAPTLS(t, conf, crm.SecurityTLS)
	w.mb.IMAPPort, w.mb.IMAPTLS = w.imap.proxy.port(), crm.SecurityTLS
	must(t, w.db.UpdateMailbox(context.Background(), w.mb))
	w.poller("a", w.ing)
	deadline := time.Now().Add(hang)
	for {
		mb, err := w.db.Mailbox(context.Background(), w.mb.ID)
		must(t, err)
		if mb.Status.State == crm.MailboxError {
			if !strings.Contains(mb.Status.LastError, "certificate") {
				t.Errorf("last error %q, want a certificate error", mb.Status.LastError)
			}
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("status %+v: the poller never failed", mb.Status)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func TestMailboxTLSCAMustBePEM(t *testing.T) {
	m := &crm.Mailbox{TLSCA: "not a certificate"}
	var ce *crm.Error
	if err := m.Validate(false); !errors.As(err, &ce) || ce.Fields["tls_ca"] == "" {
		t.Errorf("validate: %v, want tls_ca refused", err)
	}
}
