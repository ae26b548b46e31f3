package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"

	"github.com/rapport-crm/rapport/crm"
)

// ensureAdmin creates the first administrator when the database has no
// user, and prints once, to stdout, how to log in. The password is never
// logged. When several instances start on one empty database, the ones that
// lose the race get ECONFLICT and say nothing. self is how to run rapport
// again (see invocation), for the hint that ends the message.
func ensureAdmin(ctx context.Context, users crm.UserStore, email, baseURL, self string, out io.Writer, log *slog.Logger) error {
	n, err := users.CountUsers(ctx)
	if err != nil {
		return fmt.Errorf("count users: %w", err)
	}
	if n > 0 {
		return nil
	}
	pw := generatePassword()
	u, err := createUser(ctx, users, &crm.User{Email: email, Name: "Administrator", Role: crm.RoleAdmin}, pw)
	if crm.ErrorCode(err) == crm.ECONFLICT {
		log.Info("first administrator created by another instance", "email", email)
		return nil
	}
	if err != nil {
		return fmt.Errorf("create the first administrator: %w", err)
	}
	log.Info("first administrator created", "user_id", u.ID, "email", u.Email)
	fmt.Fprintf(out, `
Rapport created its first administrator. Log in at:

    URL:       %s/login
    Email:     %s
    Password:  %s

This password is shown only this once: keep it in a password manager.
Add more users with: %s user add --email EMAIL --role rep

`, baseURL, u.Email, pw, self)
	return nil
}
