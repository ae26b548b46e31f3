package importer

import (
	"context"
	"errors"
	"time"

	"github.com/rapport-crm/rapport/crm"
)

const leaseName = "import"

// Run imports queued jobs until ctx ends, looking for work every poll.
func (s *Service) Run(ctx context.Context, poll time.Duration) {
	for {
		if err := s.Tick(ctx); err != nil && ctx.Err() == nil {
			s.cfg.Log.Warn("import: tick", "err", err)
		}
		t := time.NewTimer(poll)
		select {
		case <-ctx.Done():
			t.Stop()
			return
		case <-t.C:
		}
	}
}

// Tick takes the runner's lease and imports every queued job, one chunk
// of rows per transaction, renewing the lease between chunks; it returns
// when no job is left, the lease is lost or ctx ends. Tests call it.
func (s *Service) Tick(ctx context.Context) error {
	if ok, err := s.takeLease(ctx); err != nil || !ok {
		return err
	}
	defer func() {
		// A clean stop frees the lease, so a restart resumes at once.
		if err := s.cfg.Store.ReleaseLease(context.WithoutCancel(ctx), leaseName, s.cfg.Holder); err != nil {
			s.cfg.Log.Warn("import: release lease", "err", err)
		}
	}()
	for ctx.Err() == nil {
		j, err := s.cfg.Store.NextImport(ctx)
		if crm.IsNotFound(err) {
			return nil
		}
		if err != nil {
			return err
		}
		if err := s.runJob(ctx, j); err != nil {
			return err
		}
	}
	return ctx.Err()
}

func (s *Service) takeLease(ctx context.Context) (bool, error) {
	now := s.cfg.Now()
	return s.cfg.Store.TakeLease(ctx, leaseName, s.cfg.Holder, now, now.Add(s.cfg.Lease))
}

var errLeaseLost = errors.New("import: lease lost")

// runJob imports j's rows from where it stopped. A store failure leaves
// the job running, for the next tick; a file that cannot be read any more
// fails the job.
func (s *Service) runJob(ctx context.Context, j *crm.ImportJob) error {
	t, err := s.file(ctx, j)
	if err != nil {
		if crm.ErrorCode(err) == crm.EINVALID || crm.IsNotFound(err) {
			return s.finish(ctx, j, crm.ImportFailed, crm.ErrorMessage(err))
		}
		return err
	}
	e, err := newEngine(ctx, s.cfg.Store, j, false, s.cfg.Now)
	if err != nil {
		return err
	}
	if j.Status == crm.ImportQueued {
		j.Status = crm.ImportRunning
		if err := s.cfg.Store.SaveImport(ctx, j); err != nil {
			return err
		}
	}
	var batch []row
	err = t.each(ctx, j.Done+1, func(no int, cells []string) error {
		r := mapRow(no, append([]string(nil), cells...), j.Mapping)
		// A full chunk commits before the next row, unless that row is
		// another line of the chunk's last order: an order never spans two
		// chunks, so a resumed import never finds half of one.
		if n := len(batch); n >= s.cfg.Chunk && !sameOrder(j.Kind, batch[n-1], r) {
			if err := s.chunk(ctx, e, j, batch, batch[n-1].no); err != nil {
				return err
			}
			batch = batch[:0]
		}
		batch = append(batch, r)
		return nil
	})
	if err == nil {
		err = s.chunk(ctx, e, j, batch, j.Total)
	}
	if err != nil {
		return err
	}
	return s.finish(ctx, j, crm.ImportDone, "")
}

// chunk imports rows in one transaction with the job's progress up to
// row through, then renews the lease: a crash loses the chunk whole, and
// the job resumes at its first row.
func (s *Service) chunk(ctx context.Context, e *engine, j *crm.ImportJob, rows []row, through int) error {
	e.strict = true
	next, err := s.writeChunk(ctx, s.cfg.Store.WithBatchTx, e, j, rows, through)
	e.strict = false
	if errors.Is(err, errRowRefused) {
		// A row's write was refused: again, each write under its savepoint,
		// so that the row fails alone.
		next, err = s.writeChunk(ctx, s.cfg.Store.WithTx, e, j, rows, through)
	}
	if err != nil {
		return err
	}
	*j = next
	// What the chunk made is committed: the next chunk's prefetch finds it,
	// so the pass keeps no memory of it (a 100k-row import stays small).
	e.seen = map[string]match{}
	if s.cfg.OnChunk != nil {
		s.cfg.OnChunk(j)
	}
	ok, err := s.takeLease(ctx)
	if err == nil && !ok {
		err = errLeaseLost
	}
	return err
}

type txFunc func(ctx context.Context, fn func(ctx context.Context) error) error

// writeChunk decides and writes rows in one transaction of tx, with the
// job's counts and progress; it answers the job as saved.
func (s *Service) writeChunk(ctx context.Context, tx txFunc, e *engine, j *crm.ImportJob, rows []row, through int) (crm.ImportJob, error) {
	next := *j
	err := tx(ctx, func(ctx context.Context) error {
		if err := e.prefetch(ctx, rows); err != nil {
			return err
		}
		defer func() { e.pre, e.bulk = nil, nil }()
		e.caps = map[int64]*held{} // this transaction reads what owners hold
		if e.strict && bulkKinds(j.Kind) {
			e.bulk = newBulk(len(rows))
		}
		var out []crm.ImportRow
		for _, r := range rows {
			xs, err := e.do(ctx, r)
			if err != nil {
				return err
			}
			count(&next.Created, &next.Updated, &next.Skipped, &next.Failed, xs)
			out = append(out, xs...)
		}
		if err := e.flush(ctx); err != nil {
			return err
		}
		if err := s.cfg.Store.AddImportRows(ctx, out); err != nil {
			return err
		}
		next.Done = max(through, next.Done)
		return s.cfg.Store.SaveImport(ctx, &next)
	})
	if err != nil {
		e.seen = map[string]match{} // what the rolled-back rows made is gone
	}
	return next, err
}

func (s *Service) finish(ctx context.Context, j *crm.ImportJob, status, msg string) error {
	now := s.cfg.Now()
	j.Status, j.Error, j.FinishedAt = status, msg, &now
	if status == crm.ImportDone {
		j.Done = j.Total
	}
	s.cfg.Log.Info("import: finished", "job", j.ID, "status", status, "created", j.Created, "updated", j.Updated,
		"skipped", j.Skipped, "failed", j.Failed)
	return s.cfg.Store.SaveImport(ctx, j)
}

// sameOrder reports whether a and b are lines of one order.
func sameOrder(kind string, a, b row) bool {
	return kind == crm.ImportOrders && a.vals["number"] != "" && a.vals["number"] == b.vals["number"]
}
