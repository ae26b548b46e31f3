package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"

	"github.com/rapport-crm/rapport/store/sqlstore"
)

// commandHelp is what `rapport NAME -h` says before the flags: what the
// command does and one example that works as typed.
type commandHelp struct{ about, example string }

// helps holds the help of every command that takes flags, keyed by its
// full name ("user add"). A test checks that each one has both parts.
var helps = map[string]commandHelp{
	"serve": {"Run the web app, the API and the background workers until SIGINT or SIGTERM. On an empty\n" +
		"database it creates the first administrator and prints how to log in, once.",
		"rapport serve --addr :8080 --base-url https://crm.example.com"},
	"migrate": {"Apply pending database migrations, print which, and exit. serve also migrates at start-up.",
		"rapport migrate --data /var/lib/rapport"},
	"user add": {"Add a user. The password is read from standard input when it is piped (first line);\n" +
		"otherwise a random one is generated and printed once. A new --team name creates the team.",
		"printf '%s\\n' \"$PW\" | rapport user add --email li@example.com --role rep --name 李伟 --team 华南"},
	"user password": {"Set a user's password, read from a pipe or generated and printed once, like user add.",
		"rapport user password --email admin@rapport.localhost"},
	"user list": {"List the users: id, email, role, name, and whether they are active or disabled.",
		"rapport user list"},
	"token create": {"Create an API token acting as a user. The token goes to standard output once;\n" +
		"only its hash is stored. Use it as 'Authorization: Bearer TOKEN'.",
		"TOKEN=$(rapport token create --email li@example.com --name erp-sync)"},
	"mailbox add": {"Add an email mailbox (IMAP in, SMTP out). The IMAP password is read from standard\n" +
		"input when piped, or from --password-file; never from a flag, which ps shows.",
		"printf '%s\\n' \"$PW\" | rapport mailbox add --name Sales --address sales@example.com \\\n" +
			"      --imap-host imap.example.com --username sales@example.com --smtp-host smtp.example.com"},
	"mailbox update": {"Change a mailbox: only the flags given change; secrets not given stay.",
		"rapport mailbox update --id 1 --sync-days 7"},
	"mailbox list": {"List the mailboxes with their state and counts of messages stored and set aside.",
		"rapport mailbox list"},
	"mailbox remove": {"Remove a mailbox. The messages it brought in stay.",
		"rapport mailbox remove --id 1"},
	"mailbox failed": {"List the messages a mailbox's poller could not store, with the error.",
		"rapport mailbox failed --id 1"},
	"mailbox retry": {"Ask the poller to try the failed messages of a mailbox again (all, or one).",
		"rapport mailbox retry --id 1 --failed 7"},
	"wechat add": {"Add a WeChat official account. Its AppSecret, Token and EncodingAESKey come from\n" +
		"RAPPORT_WECHAT_APP_SECRET, RAPPORT_WECHAT_TOKEN and RAPPORT_WECHAT_AES_KEY, never from flags.",
		"rapport wechat add --app-id wx1234567890abcdef --name Shop --mode safe"},
	"wechat list": {"List the WeChat official accounts, without their secrets.",
		"rapport wechat list"},
	"secrets rotate": {"Seal the stored secrets again under RAPPORT_NEW_SECRET_KEY (or _FILE), in one transaction.\n" +
		"Stop the servers first, then start them with RAPPORT_SECRET_KEY set to the new key.",
		"RAPPORT_SECRET_KEY=$OLD RAPPORT_NEW_SECRET_KEY=$NEW rapport secrets rotate"},
	"files migrate": {"Copy every stored file from one place to another (the data directory and an S3 bucket),\n" +
		"checking each hash. It may run while servers run, and again for what was added meanwhile;\n" +
		"then restart the servers with RAPPORT_FILES_URL set to the new place.",
		"rapport files migrate --to s3://rapport-files/prod"},
	"export": {"Write the whole installation to one file: every table's rows from one snapshot (records, messages\n" +
		"and raw mail, users with their password hashes, tokens, settings, audit, bot, care and pool state), the\n" +
		"stored files, and a manifest with checksums. Secrets stay sealed: import with the same RAPPORT_SECRET_KEY.\n" +
		"It may run while servers run. The format is described in docs/move.md.",
		"rapport export --data /var/lib/rapport --out rapport-2026-12-03.zip"},
	"import": {"Load an export into an empty database, SQLite or PostgreSQL, whichever this configuration names,\n" +
		"and its files into this configuration's file store. The whole file is checked first (format version,\n" +
		"schema, checksums); then everything loads in one transaction: a failure leaves the target empty.\n" +
		"Run it before the first 'rapport serve' on the target, with the source's RAPPORT_SECRET_KEY.",
		"RAPPORT_DATABASE_URL=postgres://rapport@db/rapport rapport import rapport-2026-12-03.zip"},
	"openapi": {"Print the API description (OpenAPI 3.1) that the server serves at /api/v1/openapi.json.",
		"rapport openapi > openapi.json"},
	"healthcheck": {"Exit 0 if the local server's /readyz answers 200: a health check for containers\n" +
		"without a shell or curl.",
		"rapport healthcheck --addr :8080"},
	"version": {"Print the version and the Go release rapport was built with.", "rapport version"},
}

// commandArgs names what a command takes after its flags, for its usage line.
var commandArgs = map[string]string{"import": " FILE"}

// subcommand is one verb of a command group such as user or mailbox.
type subcommand struct {
	name string
	run  func(c *cli, ctx context.Context, args []string) error
}

// isHelp reports whether arg asks for help.
func isHelp(arg string) bool {
	switch arg {
	case "-h", "-help", "--help", "help":
		return true
	}
	return false
}

// usageFunc prints a command's description, example and flags, as -h does.
func usageFunc(fs *flag.FlagSet, name string) func() {
	return func() {
		w := fs.Output()
		fmt.Fprintf(w, "Usage: rapport %s [flags]%s\n\n", name, commandArgs[name])
		if h, ok := helps[name]; ok {
			fmt.Fprintf(w, "%s\n\nExample:\n  %s\n\n", h.about, h.example)
		}
		n := 0
		fs.VisitAll(func(*flag.Flag) { n++ })
		if n > 0 {
			fmt.Fprintf(w, "Flags:\n")
			fs.PrintDefaults()
		}
	}
}

// groupUsage describes a command group: each verb with its purpose and
// example. It is printed to stdout for `rapport GROUP -h`, and with a
// usage error when the verb is missing or unknown.
func groupUsage(w io.Writer, group string, verbs []string) {
	fmt.Fprintf(w, "Usage: rapport %s <%s> [flags]\n\n", group, strings.Join(verbs, "|"))
	for _, v := range verbs {
		h := helps[group+" "+v]
		fmt.Fprintf(w, "  %s %s\n      %s\n      e.g. %s\n", group, v,
			strings.ReplaceAll(h.about, "\n", "\n      "), strings.ReplaceAll(h.example, "\n", "\n      "))
	}
	fmt.Fprintf(w, "\nRun 'rapport %s SUBCOMMAND -h' for its flags.\n", group)
}

// group dispatches a command group's verb, answering -h itself.
func (c *cli) group(ctx context.Context, name string, args []string, verbs []subcommand) error {
	names := make([]string, len(verbs))
	for i, v := range verbs {
		names[i] = v.name
	}
	if len(args) > 0 && isHelp(args[0]) {
		groupUsage(c.stdout, name, names)
		return nil
	}
	for _, v := range verbs {
		if len(args) > 0 && args[0] == v.name {
			return v.run(c, ctx, args[1:])
		}
	}
	groupUsage(c.stderr, name, names)
	if len(args) == 0 {
		return usagef("%s: expected a subcommand: %s", name, strings.Join(names, ", "))
	}
	return usagef("%s: unknown subcommand %q; expected %s", name, args[0], strings.Join(names, ", "))
}

// errNoDatabase: a command that needs existing records found no database.
var errNoDatabase = errors.New("no database")

// needDatabase refuses to go on when the SQLite database does not exist:
// commands that read or change existing records would otherwise create an
// empty database in the wrong directory and report nothing found.
func needDatabase(cfg *Config) error {
	if cfg.UsesPostgres() {
		return nil
	}
	path := cfg.SQLitePath()
	if _, err := os.Stat(path); err == nil {
		return nil
	} else if !errors.Is(err, os.ErrNotExist) {
		return fmt.Errorf("check the database %s: %w", path, err)
	}
	if abs, err := filepath.Abs(path); err == nil {
		path = abs
	}
	return fmt.Errorf("%w at %s (nothing was created): point rapport at your data directory with --data DIR "+
		"after the subcommand or RAPPORT_DATA=DIR (or at PostgreSQL with RAPPORT_DATABASE_URL), "+
		"or run it in the directory whose ./data holds rapport.db", errNoDatabase, path)
}

// openExisting opens and migrates a database that must already exist.
func openExisting(ctx context.Context, cfg *Config, log *slog.Logger) (*sqlstore.DB, error) {
	if err := needDatabase(cfg); err != nil {
		return nil, err
	}
	db, _, err := openMigrated(ctx, cfg, log)
	return db, err
}

// openNew opens and migrates the database, creating it if needed: for the
// commands that set up a new installation (user add, mailbox add).
func openNew(ctx context.Context, cfg *Config, log *slog.Logger) (*sqlstore.DB, error) {
	db, _, err := openMigrated(ctx, cfg, log)
	return db, err
}

// listStore is the start of a command that only reads: parse its storage
// flags and open the database, which must exist.
func (c *cli) listStore(ctx context.Context, name string, args []string) (*sqlstore.DB, error) {
	cfg, log, err := c.storageCommand(name, args, nil)
	if err != nil {
		return nil, err
	}
	return openExisting(ctx, cfg, log)
}
