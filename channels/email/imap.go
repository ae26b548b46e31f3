package email

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"strconv"
	"time"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"
	"github.com/rapport-crm/rapport/crm"
)

// go-imap v2 is beta and its API moved between betas, so it stays behind
// this file: conn is the little of IMAP the channel uses.
type conn struct {
	c       *imapclient.Client
	onMail  func() // the server reported new mail (EXISTS)
	hasIdle bool
}

// fetched is one message as the server gave it.
type fetched struct {
	UID      uint32
	Arrived  time.Time
	Raw      []byte
	Validity uint32
}

// dialIMAP connects and logs in with the mailbox's settings.
// New mail announced on it calls onMail.
func dialIMAP(ctx context.Context, m *crm.Mailbox, auth authFunc, onMail func()) (*conn, error) {
	cn := &conn{onMail: onMail}
	opts := &imapclient.Options{
		Dialer: &net.Dialer{Timeout: 30 * time.Second, KeepAlive: 30 * time.Second},
		UnilateralDataHandler: &imapclient.UnilateralDataHandler{
			Mailbox: func(d *imapclient.UnilateralDataMailbox) {
				if d.NumMessages != nil {
					cn.onMail()
				}
			},
		},
	}
	addr := net.JoinHostPort(m.IMAPHost, strconv.Itoa(m.IMAPPort))
	var err error
	if opts.TLSConfig, err = tlsConfig(nil, m, m.IMAPHost); err != nil {
		return nil, err
	}
	switch m.IMAPTLS {
	case crm.SecurityNone:
		cn.c, err = imapclient.DialInsecure(addr, opts)
	case crm.SecurityStartTLS:
		cn.c, err = imapclient.DialStartTLS(addr, opts)
	default:
		cn.c, err = imapclient.DialTLS(addr, opts)
	}
	if err != nil {
		return nil, fmt.Errorf("imap dial %s: %w", addr, err)
	}
	if err := auth(ctx, cn.c); err != nil {
		cn.c.Close()
		return nil, err
	}
	// Asked once, explicitly: in beta.8 Client.Caps, when the capabilities
	// are not cached, waits on a nil channel and answers nil after a timeout.
	caps, err := cn.c.Capability().Wait()
	if err != nil {
		cn.c.Close()
		return nil, fmt.Errorf("imap capability: %w", err)
	}
	cn.hasIdle = caps.Has(imap.CapIdle) || caps.Has(imap.CapIMAP4rev2)
	return cn, nil
}

func (cn *conn) close() { cn.c.Close() }

// selectFolder opens a folder read-only and returns its UIDVALIDITY and
// the highest UID it may hold now (UIDNEXT-1).
func (cn *conn) selectFolder(name string) (validity, top uint32, err error) {
	d, err := cn.c.Select(name, &imap.SelectOptions{ReadOnly: true}).Wait()
	if err != nil {
		return 0, 0, fmt.Errorf("imap select %q: %w", name, err)
	}
	if d.UIDNext > 0 {
		top = uint32(d.UIDNext) - 1
	}
	return d.UIDValidity, top, nil
}

// newUIDs returns the UIDs after last, ascending; since (non-zero) bounds a
// first sync to recent mail. UID SEARCH n:* matches the last message even
// when n is past it, hence the filter.
func (cn *conn) newUIDs(last uint32, since time.Time) (uids []uint32, err error) {
	defer func() {
		if r := recover(); r != nil { // go-imap panics on a dynamic set: a server bug
			err = fmt.Errorf("imap search: %v", r)
		}
	}()
	var set imap.UIDSet
	set.AddRange(imap.UID(last+1), 0)
	crit := &imap.SearchCriteria{UID: []imap.UIDSet{set}, Since: since}
	d, err := cn.c.UIDSearch(crit, nil).Wait()
	if err != nil {
		return nil, fmt.Errorf("imap search: %w", err)
	}
	for _, u := range d.AllUIDs() {
		if uint32(u) > last {
			uids = append(uids, uint32(u))
		}
	}
	return uids, nil
}

// fetch streams the messages with these UIDs to fn, in the server's order,
// without marking them seen (BODY.PEEK[]).
func (cn *conn) fetch(uids []uint32, fn func(f *fetched) error) error {
	var set imap.UIDSet
	for _, u := range uids {
		set.AddNum(imap.UID(u))
	}
	cmd := cn.c.Fetch(set, &imap.FetchOptions{UID: true, InternalDate: true,
		BodySection: []*imap.FetchItemBodySection{{Peek: true}}})
	defer cmd.Close()
	for msg := cmd.Next(); msg != nil; msg = cmd.Next() {
		f, err := readFetched(msg)
		if err != nil {
			return err
		}
		if f.UID == 0 || f.Raw == nil {
			continue // an unsolicited FETCH (flags) or an expunged message
		}
		if err := fn(f); err != nil {
			return err
		}
	}
	return cmd.Close()
}

func readFetched(msg *imapclient.FetchMessageData) (*fetched, error) {
	f := &fetched{}
	for item := msg.Next(); item != nil; item = msg.Next() {
		switch it := item.(type) {
		case imapclient.FetchItemDataUID:
			f.UID = uint32(it.UID)
		case imapclient.FetchItemDataInternalDate:
			f.Arrived = it.Time
		case imapclient.FetchItemDataBodySection:
			b := make([]byte, 0, it.Literal.Size())
			buf := bytesWriter{b}
			if _, err := io.Copy(&buf, it.Literal); err != nil {
				return nil, fmt.Errorf("imap fetch: %w", err)
			}
			f.Raw = buf.b
		}
	}
	return f, nil
}

// bytesWriter appends to a slice sized from the literal, so a large
// message is read into one allocation instead of doubling copies.
type bytesWriter struct{ b []byte }

func (w *bytesWriter) Write(p []byte) (int, error) {
	w.b = append(w.b, p...)
	return len(p), nil
}

// idle waits in IDLE until wake (nil: never), until d passes or ctx ends. A NOOP
// first makes the server flush what it queued since the last command (mail
// that came during the sync): some servers (go-imap's own) send queued
// updates only when a command completes, not when IDLE starts.
func (cn *conn) idle(ctx context.Context, d time.Duration, wake <-chan struct{}) error {
	if err := cn.c.Noop().Wait(); err != nil {
		return fmt.Errorf("imap noop: %w", err)
	}
	select {
	case <-wake:
		return nil
	default:
	}
	cmd, err := cn.c.Idle()
	if err != nil {
		return fmt.Errorf("imap idle: %w", err)
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-wake:
	case <-t.C:
	case <-ctx.Done():
	case <-cn.c.Closed():
		return errors.New("imap: connection closed during IDLE")
	}
	if err := cmd.Close(); err != nil {
		return fmt.Errorf("imap idle: %w", err)
	}
	return cmd.Wait()
}

// canIdle reports whether the server supports IDLE.
func (cn *conn) canIdle() bool { return cn.hasIdle }

// appendTo stores raw in a folder with the \Seen flag (a sent copy).
func (cn *conn) appendTo(folder string, raw []byte, at time.Time) error {
	cmd := cn.c.Append(folder, int64(len(raw)), &imap.AppendOptions{Flags: []imap.Flag{imap.FlagSeen}, Time: at})
	if _, err := cmd.Write(raw); err != nil {
		cmd.Close()
		return fmt.Errorf("imap append: %w", err)
	}
	if err := cmd.Close(); err != nil {
		return fmt.Errorf("imap append: %w", err)
	}
	_, err := cmd.Wait()
	return err
}
