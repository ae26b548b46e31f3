package main

import (
	"context"
	"fmt"
)

// migrate applies pending migrations and says which.
func (c *cli) migrate(ctx context.Context, args []string) error {
	cfg, log, err := c.storageCommand("migrate", args, nil)
	if err != nil {
		return err
	}
	db, applied, err := openMigrated(ctx, cfg, log)
	if err != nil {
		return err
	}
	defer db.Close()
	if len(applied) == 0 {
		fmt.Fprintf(c.stdout, "The %s database is up to date; no migration to apply.\n", engineName(cfg))
		return nil
	}
	for _, m := range applied {
		fmt.Fprintf(c.stdout, "applied %s\n", m)
	}
	fmt.Fprintf(c.stdout, "Applied %d migration(s) to the %s database.\n", len(applied), engineName(cfg))
	return nil
}
