package main

import (
	"context"
	"flag"
	"fmt"

	"github.com/rapport-crm/rapport/crm"
)

// userPassword sets a user's password: the way back in when the printed
// first password is lost. Like user add, it reads a piped password or
// generates one.
func (c *cli) userPassword(ctx context.Context, args []string) error {
	var email string
	cfg, log, err := c.storageCommand("user password", args, func(fs *flag.FlagSet, _ *Config) {
		fs.StringVar(&email, "email", "", "the user's `email` (required)")
	})
	if err != nil {
		return err
	}
	if email == "" {
		return usagef("user password: --email is required")
	}
	pw, piped, err := c.newPassword()
	if err != nil {
		return err
	}
	hash, err := crm.HashPassword(pw)
	if err != nil {
		return describe(err, "set the password")
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
	u.PasswordHash = hash
	if err := db.UpdateUser(ctx, u); err != nil {
		return describe(err, "set the password")
	}
	log.Info("password set", "user_id", u.ID)
	fmt.Fprintf(c.stdout, "Set the password of %s.\n", u.Email)
	c.printPassword(pw, piped)
	return nil
}
