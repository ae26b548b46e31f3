package main

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/rapport-crm/rapport/crm"
)

// reportSweeps keeps the report rollups current: every minute one instance
// rebuilds the days that changed (sqlstore's report_rollup.go says why on
// the scheduler). Reports are exact without it, only slower on stale days.
func reportSweeps(d *channelDeps) []crm.Sweep {
	return []crm.Sweep{{Name: "reports-rollup", Every: time.Minute, Run: func(ctx context.Context, _ time.Time) error {
		_, err := d.db.RefreshReportRollups(ctx)
		return err
	}}}
}

// reports rebuild marks every day of the report rollups stale and rebuilds
// them now (after a restore, or if a rollup is ever doubted; a migration
// that adds a rollup fills it through the sweep without this).
func (c *cli) reports(ctx context.Context, args []string) error {
	if len(args) == 0 || args[0] != "rebuild" {
		return errors.New("usage: rapport reports rebuild")
	}
	cfg, log, err := c.storageCommand("reports rebuild", args[1:], nil)
	if err != nil {
		return err
	}
	db, _, err := openMigrated(ctx, cfg, log)
	if err != nil {
		return err
	}
	defer db.Close()
	start := time.Now()
	if err := db.StaleReportRollups(ctx); err != nil {
		return err
	}
	total := 0
	for {
		n, err := db.RefreshReportRollups(ctx)
		if err != nil {
			return err
		}
		if total += n; n == 0 {
			break
		}
	}
	fmt.Fprintf(c.stdout, "Rebuilt the report rollups: %d day(s) in %s.\n", total, time.Since(start).Round(time.Millisecond))
	return nil
}
