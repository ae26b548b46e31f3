package email

import (
	"crypto/tls"
	"crypto/x509"

	"github.com/rapport-crm/rapport/crm"
)

// tlsConfig is the TLS set-up for one of a mailbox's servers: base (nil:
// Go's defaults) for host, trusting the mailbox's own CAs (tls_ca) besides
// the system's roots. Certificates are always verified.
func tlsConfig(base *tls.Config, m *crm.Mailbox, host string) (*tls.Config, error) {
	c := &tls.Config{}
	if base != nil {
		c = base.Clone()
	}
	c.ServerName = host
	if m.TLSCA == "" {
		return c, nil
	}
	pool := c.RootCAs
	if pool == nil {
		var err error
		if pool, err = x509.SystemCertPool(); err != nil {
			pool = x509.NewCertPool()
		}
	}
	pool = pool.Clone()
	if !pool.AppendCertsFromPEM([]byte(m.TLSCA)) {
		return nil, crm.Errorf(crm.EINVALID, "The mailbox's tls_ca holds no PEM certificate.")
	}
	c.RootCAs = pool
	return c, nil
}
