package main

import (
	"context"
	"flag"
	"fmt"

	"github.com/rapport-crm/rapport/crm"
)

// token dispatches the token subcommands.
func (c *cli) token(ctx context.Context, args []string) error {
	return c.group(ctx, "token", args, []subcommand{{"create", (*cli).tokenCreate}})
}

// tokenCreate makes an API token for a user and prints it once; only its
// hash is stored.
func (c *cli) tokenCreate(ctx context.Context, args []string) error {
	var email, name string
	cfg, log, err := c.storageCommand("token create", args, func(fs *flag.FlagSet, _ *Config) {
		fs.StringVar(&email, "email", "", "`email` of the user the token acts as (required)")
		fs.StringVar(&name, "name", "cli", "a `name` to recognise the token by")
	})
	if err != nil {
		return err
	}
	if email == "" {
		return usagef("token create: --email is required")
	}
	db, err := openExisting(ctx, cfg, log)
	if err != nil {
		return err
	}
	defer db.Close()
	u, err := db.UserByEmail(ctx, email)
	if err != nil {
		return describe(err, "find user "+email)
	}
	token, hash, err := crm.NewToken("rpt_")
	if err != nil {
		return err
	}
	t := &crm.APIToken{UserID: u.ID, Name: name, TokenHash: hash}
	if err := db.CreateAPIToken(ctx, t); err != nil {
		return describe(err, "create the token")
	}
	log.Info("API token created", "token_id", t.ID, "user_id", u.ID)
	fmt.Fprintf(c.stderr, "API token %q for %s (shown only this once; use it as 'Authorization: Bearer TOKEN'):\n", name, u.Email)
	fmt.Fprintln(c.stdout, token)
	return nil
}
