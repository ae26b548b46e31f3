package main

import (
	"context"
	"fmt"
)

// userList prints the users, one a line: id, email, role, name, active or disabled.
func (c *cli) userList(ctx context.Context, args []string) error {
	db, err := c.listStore(ctx, "user list", args)
	if err != nil {
		return err
	}
	defer db.Close()
	users, err := db.ListUsers(ctx)
	if err != nil {
		return describe(err, "list the users")
	}
	for _, u := range users {
		state := "active"
		if u.Disabled {
			state = "disabled"
		}
		fmt.Fprintf(c.stdout, "%d\t%s\t%s\t%s\t%s\n", u.ID, u.Email, u.Role, u.Name, state)
	}
	return nil
}
