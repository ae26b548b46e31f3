package main

import (
	"context"

	"github.com/rapport-crm/rapport/crm"
	"github.com/rapport-crm/rapport/pool"
)

// sweepSetups are the work each automatic behaviour does on time (the bot's
// catch-up, care plans and reminders); a new behaviour adds its setup here,
// in one visible list rather than by init-time registration. They all run
// under the one scheduler, one instance at a time per sweep.
func sweepSetups() []func(d *channelDeps) []crm.Sweep {
	return []func(d *channelDeps) []crm.Sweep{botSweeps, careSweeps, noticeSweeps, reportSweeps}
}

// schedulerWorker is the worker that runs every sweep on time.
func schedulerWorker(d *channelDeps, own ...crm.Sweep) worker {
	sweeps := own
	for _, setup := range sweepSetups() {
		sweeps = append(sweeps, setup(d)...)
	}
	s := crm.NewScheduler(crm.SchedulerConfig{Leases: d.db, Now: d.now, Holder: instanceName(),
		Log: d.log.With("part", "scheduler")}, measuredSweeps(d.metrics, sweeps)...)
	return worker{"scheduler", func(ctx context.Context) error {
		s.Run(ctx)
		return ctx.Err()
	}}
}

// newPool is the pool's rules: the web layer's door for ownership changes,
// and the reclaim sweep on the scheduler.
func newPool(d *channelDeps) *pool.Pool {
	return pool.New(pool.Config{Store: d.db, Now: d.now, Log: d.log.With("part", "pool"), Lang: d.cfg.RecordLang})
}
