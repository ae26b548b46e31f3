package main

import (
	"context"
	"errors"
	"fmt"
	"io"
)

// usageError is a mistake in how rapport was called or configured: exit 2.
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error {
	return &usageError{msg: fmt.Sprintf(format, args...)}
}

// errFlagsPrinted: the flag package already told the user what was wrong.
var errFlagsPrinted = errors.New("bad flags")

type command struct {
	name    string
	summary string
	run     func(c *cli, ctx context.Context, args []string) error
}

func (c *cli) commands() []command {
	return []command{
		{"serve", "run the web app and API", (*cli).serve},
		{"migrate", "apply pending database migrations and exit", (*cli).migrate},
		{"user", "manage users: user add|password|list (see user -h)", (*cli).user},
		{"mailbox", "manage email mailboxes: mailbox add|update|list|remove|failed|retry (see mailbox -h)", (*cli).mailbox},
		{"token", "manage API tokens: token create --email E [--name N]", (*cli).token},
		{"wechat", "manage WeChat official accounts: wechat add --app-id ID [--name N] [--mode M]; wechat list", (*cli).wechat},
		{"secrets", "secrets rotate: seal the stored secrets under RAPPORT_NEW_SECRET_KEY instead of RAPPORT_SECRET_KEY", (*cli).secrets},
		{"files", "files migrate --to URL [--from URL]: copy stored files between the data directory (local) and S3 (s3://bucket/prefix)", (*cli).files},
		{"reports", "reports rebuild: rebuild the report rollups from the records", (*cli).reports},
		{"export", "export --out FILE: write the whole installation (records, messages, users, settings, files) to one file", (*cli).export},
		{"import", "import FILE: load an export into an empty database of either engine (SQLite or PostgreSQL)", (*cli).importInstallation},
		{"openapi", "print the API description (OpenAPI 3.1) served at /api/v1/openapi.json", (*cli).openapi},
		{"healthcheck", "exit 0 if the local server is ready (for container health checks)", (*cli).healthcheck},
		{"version", "print the version", (*cli).version},
		{"help", "show this help", (*cli).help},
	}
}

func (c *cli) dispatch(ctx context.Context, args []string) error {
	if len(args) == 0 {
		c.printUsage(c.stderr)
		return errFlagsPrinted
	}
	for _, cmd := range c.commands() {
		if cmd.name == args[0] {
			return cmd.run(c, ctx, args[1:])
		}
	}
	switch args[0] {
	case "-h", "-help", "--help":
		c.printUsage(c.stdout)
		return nil
	case "-v", "-version", "--version":
		return c.version(ctx, nil)
	}
	return usagef("unknown command %q", args[0])
}

func (c *cli) help(_ context.Context, _ []string) error {
	c.printUsage(c.stdout)
	return nil
}

func (c *cli) printUsage(w io.Writer) {
	fmt.Fprintf(w, "Rapport: one inbox for WeChat, email and web forms, and a CRM.\n\n")
	fmt.Fprintf(w, "Usage: rapport <command> [flags]\n\nCommands:\n")
	for _, cmd := range c.commands() {
		fmt.Fprintf(w, "  %-12s %s\n", cmd.name, cmd.summary)
	}
	fmt.Fprintf(w, "\nRun 'rapport <command> -h' for a command's flags. Every flag also has a\n")
	fmt.Fprintf(w, "RAPPORT_* environment variable; see the README.\n")
}
