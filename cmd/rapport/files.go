package main

import (
	"context"
	"flag"
	"fmt"
	"os"

	"github.com/rapport-crm/rapport/store/files"
)

// openFiles opens the stored files at where: "" or "local", the data
// directory; s3://bucket/prefix, a bucket reached with RAPPORT_S3_*.
func openFiles(ctx context.Context, cfg *Config, where string) (files.Listed, error) {
	if where == "" || where == "local" {
		return files.New(cfg.FilesDir(), cfg.MaxFileBytes)
	}
	if !files.IsS3URL(where) {
		return nil, usagef("files: %q is neither local nor s3://bucket/prefix", where)
	}
	// Uploads are spooled in the data directory while their hash is made.
	tmp := cfg.FilesDir() + "-upload"
	if err := os.MkdirAll(tmp, 0o750); err != nil {
		return nil, fmt.Errorf("files: %w", err)
	}
	return files.NewS3(ctx, files.S3Config{URL: where, Endpoint: cfg.S3Endpoint, Region: cfg.S3Region,
		AccessKey: cfg.S3AccessKey, SecretKey: cfg.S3SecretKey, MaxSize: cfg.MaxFileBytes, TempDir: tmp})
}

// files is `rapport files migrate`: copy every stored file from one place
// to another (the data directory and a bucket), checking each hash. It
// can run while servers run (files never change), and again to copy what
// was added meanwhile; then restart the servers with RAPPORT_FILES_URL.
func (c *cli) files(ctx context.Context, args []string) error {
	return c.group(ctx, "files", args, []subcommand{{"migrate", (*cli).filesMigrate}})
}

// filesMigrate copies the stored files from --from to --to.
func (c *cli) filesMigrate(ctx context.Context, args []string) error {
	var from, to string
	cfg, _, err := c.storageCommand("files migrate", args, func(fs *flag.FlagSet, cfg *Config) {
		fs.StringVar(&from, "from", cfg.FilesURL, "where the files are now (default RAPPORT_FILES_URL, else local)")
		fs.StringVar(&to, "to", "", "where to copy them: local or s3://bucket/prefix")
	})
	if err != nil {
		return err
	}
	if to == "" || to == from || (to == "local" && from == "") {
		return usagef("files migrate: --to must name another place than --from")
	}
	src, err := openFiles(ctx, cfg, from)
	if err != nil {
		return err
	}
	dst, err := openFiles(ctx, cfg, to)
	if err != nil {
		return err
	}
	copied, present, err := files.Copy(ctx, src, dst)
	if err != nil {
		return fmt.Errorf("files migrate: %w (after %d copied)", err, copied)
	}
	fmt.Fprintf(c.stdout, "Copied %d file(s); %d were there already.\n", copied, present)
	return nil
}
