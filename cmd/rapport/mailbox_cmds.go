package main

import (
	"context"
	"flag"
	"fmt"

	"github.com/rapport-crm/rapport/crm"
	"github.com/rapport-crm/rapport/store/sqlstore"
)

// mailboxSave adds a mailbox, or updates one: then only the flags given
// change it, and secrets not given stay.
func (c *cli) mailboxSave(ctx context.Context, name string, args []string, update bool) error {
	m, f := &crm.Mailbox{}, &mailboxFlags{}
	var fset *flag.FlagSet
	cfg, log, err := c.storageCommand(name, args, func(fs *flag.FlagSet, _ *Config) {
		fset = fs
		f.bind(fs, m, update)
	})
	if err != nil {
		return err
	}
	set := map[string]bool{}
	fset.Visit(func(fl *flag.Flag) { set[fl.Name] = true })
	m.Folders = splitList(f.folders)
	if err := f.secrets(m); err != nil {
		return err
	}
	if err := f.readCA(m); err != nil {
		return err
	}
	if f.passwordFile == "" && m.Auth == crm.AuthPassword && (!update || set["auth"]) {
		pw, piped, err := passwordFromStdin(c.stdin)
		if err != nil {
			return err
		}
		if piped {
			m.Password = crm.Secret(pw)
		}
	}
	open := openExisting
	if !update {
		open = openNew
	}
	db, err := open(ctx, cfg, log)
	if err != nil {
		return err
	}
	defer db.Close()
	if !update {
		if err := db.CreateMailbox(ctx, m); err != nil {
			return describe(err, "add the mailbox")
		}
		fmt.Fprintf(c.stdout, "Added mailbox %d: %s <%s>.\n", m.ID, m.Name, m.Address)
		return nil
	}
	old, err := db.Mailbox(ctx, f.id)
	if err != nil {
		return describe(err, "find the mailbox")
	}
	mergeMailbox(old, m, set)
	if err := db.UpdateMailbox(ctx, old); err != nil {
		return describe(err, "update the mailbox")
	}
	fmt.Fprintf(c.stdout, "Updated mailbox %d: %s <%s>.\n", old.ID, old.Name, old.Address)
	return nil
}

// mergeMailbox copies onto old the settings whose flags were given.
func mergeMailbox(old, m *crm.Mailbox, set map[string]bool) {
	fields := map[string]func(){
		"name": func() { old.Name = m.Name }, "address": func() { old.Address = m.Address },
		"imap-host": func() { old.IMAPHost = m.IMAPHost }, "imap-port": func() { old.IMAPPort = m.IMAPPort },
		"imap-security": func() { old.IMAPTLS = m.IMAPTLS }, "username": func() { old.Username = m.Username },
		"auth": func() { old.Auth = m.Auth }, "folders": func() { old.Folders = m.Folders },
		"sent-folder": func() { old.SentFolder = m.SentFolder }, "smtp-host": func() { old.SMTPHost = m.SMTPHost },
		"smtp-port": func() { old.SMTPPort = m.SMTPPort }, "smtp-security": func() { old.SMTPTLS = m.SMTPTLS },
		"smtp-username": func() { old.SMTPUsername = m.SMTPUsername }, "sync-days": func() { old.SyncDays = m.SyncDays },
		"reply-token-address": func() { old.ReplyTokenAddress = m.ReplyTokenAddress },
		"enabled":             func() { old.Enabled = m.Enabled }, "oauth-token-url": func() { old.OAuthTokenURL = m.OAuthTokenURL },
		"oauth-client-id": func() { old.OAuthClientID = m.OAuthClientID }, "tls-ca-file": func() { old.TLSCA = m.TLSCA },
	}
	for name, apply := range fields {
		if set[name] {
			apply()
		}
	}
	for _, s := range []struct{ dst, src *crm.Secret }{{&old.Password, &m.Password}, {&old.SMTPPassword, &m.SMTPPassword},
		{&old.OAuthToken, &m.OAuthToken}, {&old.OAuthRefreshToken, &m.OAuthRefreshToken},
		{&old.OAuthClientSecret, &m.OAuthClientSecret}} {
		if *s.src != "" {
			*s.dst = *s.src
		}
	}
}

func (c *cli) mailboxList(ctx context.Context, args []string) error {
	db, err := c.listStore(ctx, "mailbox list", args)
	if err != nil {
		return err
	}
	defer db.Close()
	list, err := db.Mailboxes(ctx)
	if err != nil {
		return err
	}
	for _, m := range list {
		st := m.Status
		fmt.Fprintf(c.stdout, "%d\t%s\t%s\t%s:%d\t%s\tingested %d\tfailed %d\t%s\n", m.ID, m.Name, m.Address,
			m.IMAPHost, m.IMAPPort, st.State, st.Ingested, st.Failed, st.LastError)
	}
	return nil
}

func (c *cli) mailboxRemove(ctx context.Context, args []string) error {
	db, id, err := c.mailboxStore(ctx, "mailbox remove", args, nil)
	if err != nil {
		return err
	}
	defer db.Close()
	if err := db.DeleteMailbox(ctx, id); err != nil {
		return describe(err, "remove the mailbox")
	}
	fmt.Fprintf(c.stdout, "Removed mailbox %d; its messages stay.\n", id)
	return nil
}

// mailboxStore parses a command that names a mailbox by --id (plus the
// flags more binds) and opens the store.
func (c *cli) mailboxStore(ctx context.Context, name string, args []string, more func(fs *flag.FlagSet)) (*sqlstore.DB, int64, error) {
	var id int64
	cfg, log, err := c.storageCommand(name, args, func(fs *flag.FlagSet, _ *Config) {
		fs.Int64Var(&id, "id", 0, "the mailbox `id` (required)")
		if more != nil {
			more(fs)
		}
	})
	if err != nil {
		return nil, 0, err
	}
	db, err := openExisting(ctx, cfg, log)
	return db, id, err
}
