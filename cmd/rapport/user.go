package main

import (
	"context"
	"flag"
	"fmt"
	"log/slog"
	"strings"

	"github.com/rapport-crm/rapport/crm"
)

// user dispatches the user subcommands.
func (c *cli) user(ctx context.Context, args []string) error {
	return c.group(ctx, "user", args, []subcommand{
		{"add", (*cli).userAdd}, {"password", (*cli).userPassword}, {"list", (*cli).userList}})
}

// userAdd creates a user. The password comes from stdin when it is piped,
// else it is generated and printed once.
func (c *cli) userAdd(ctx context.Context, args []string) error {
	var email, role, name, team string
	cfg, log, err := c.storageCommand("user add", args, func(fs *flag.FlagSet, _ *Config) {
		fs.StringVar(&email, "email", "", "the user's `email` (required)")
		fs.StringVar(&role, "role", "", "admin, manager or rep (required)")
		fs.StringVar(&name, "name", "", "the user's display `name`")
		fs.StringVar(&team, "team", "", "`team` name; created if it does not exist")
	})
	if err != nil {
		return err
	}
	if email == "" || !crm.Role(role).Valid() {
		return usagef("user add: --email and --role (admin, manager or rep) are required")
	}
	pw, piped, err := c.newPassword()
	if err != nil {
		return err
	}
	db, _, err := openMigrated(ctx, cfg, log)
	if err != nil {
		return err
	}
	defer db.Close()
	u := &crm.User{Email: email, Name: name, Role: crm.Role(role)}
	if u.TeamID, err = teamID(ctx, db, team, log); err != nil {
		return err
	}
	if _, err := createUser(ctx, db, u, pw); err != nil {
		return describe(err, "create the user")
	}
	fmt.Fprintf(c.stdout, "Created %s %s (id %d).\n", u.Role, u.Email, u.ID)
	c.printPassword(pw, piped)
	return nil
}

// teamID finds a team by name, creating it if needed; "" means no team.
func teamID(ctx context.Context, users crm.UserStore, name string, log *slog.Logger) (*int64, error) {
	name = strings.TrimSpace(name)
	if name == "" {
		return nil, nil
	}
	teams, err := users.ListTeams(ctx)
	if err != nil {
		return nil, fmt.Errorf("list teams: %w", err)
	}
	for _, t := range teams {
		if t.Name == name {
			return &t.ID, nil
		}
	}
	t := &crm.Team{Name: name}
	if err := users.CreateTeam(ctx, t); err != nil {
		return nil, describe(err, "create team "+name)
	}
	log.Info("team created", "team_id", t.ID, "name", t.Name)
	return &t.ID, nil
}

// describe turns a domain error into a message a user can act on: the
// fields an EINVALID names, or the message of a conflict.
func describe(err error, what string) error {
	switch crm.ErrorCode(err) {
	case crm.EINVALID:
		var parts []string
		for f, msg := range crm.ErrorFields(err) {
			parts = append(parts, f+" "+msg)
		}
		if len(parts) == 0 {
			return fmt.Errorf("%s: %s", what, crm.ErrorMessage(err))
		}
		return fmt.Errorf("%s: %s", what, strings.Join(parts, "; "))
	case crm.ECONFLICT, crm.ENOTFOUND:
		return fmt.Errorf("%s: %s", what, crm.ErrorMessage(err))
	}
	return fmt.Errorf("%s: %w", what, err)
}
