package main

import (
	"context"
	"fmt"

	"github.com/rapport-crm/rapport/internal/sealed"
)

// secrets is `rapport secrets rotate`: the secrets sealed under
// RAPPORT_SECRET_KEY are sealed again under RAPPORT_NEW_SECRET_KEY (or
// _FILE), in one transaction. Stop the servers first, then start them
// with the new key.
func (c *cli) secrets(ctx context.Context, args []string) error {
	return c.group(ctx, "secrets", args, []subcommand{{"rotate", (*cli).secretsRotate}})
}

// secretsRotate reseals every stored secret under the new key.
func (c *cli) secretsRotate(ctx context.Context, args []string) error {
	cfg, log, err := c.storageCommand("secrets rotate", args, nil)
	if err != nil {
		return err
	}
	e := &envReader{getenv: c.getenv}
	var raw string
	e.secret(&raw, "RAPPORT_NEW_SECRET_KEY")
	if e.err != nil {
		return e.err
	}
	key, err := sealed.ParseKey(raw)
	if err != nil {
		return usagef("RAPPORT_NEW_SECRET_KEY: %v", err)
	}
	next, err := sealed.New(key)
	if err != nil {
		return err
	}
	db, err := openExisting(ctx, cfg, log) // checks the current key
	if err != nil {
		return err
	}
	defer db.Close()
	n, err := db.ResealSecrets(ctx, next)
	if err != nil {
		return fmt.Errorf("rotate the secret key: %w", err)
	}
	fmt.Fprintf(c.stdout, "Sealed %d secret(s) under the new key. Start Rapport with RAPPORT_SECRET_KEY set to it.\n", n)
	return nil
}
