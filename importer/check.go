package importer

import (
	"context"

	"github.com/rapport-crm/rapport/crm"
)

// reportRows bounds a dry run's listed rows: every row that would be
// updated, skipped or fail up to maxListed, and the first rows created.
const (
	maxListed  = 5000
	maxCreated = 100
)

// Check is the dry run: the whole file through the same decisions as the
// import, with nothing written but the chosen settings.
func (s *Service) Check(ctx context.Context, v crm.Viewer, id int64, set crm.ImportSettings) (*crm.ImportReport, error) {
	j, err := s.Job(ctx, v, id)
	if err != nil {
		return nil, err
	}
	if j.Status == crm.ImportUploaded {
		if err := s.settle(ctx, j, set); err != nil {
			return nil, err
		}
	}
	t, err := s.file(ctx, j)
	if err != nil {
		return nil, err
	}
	e, err := newEngine(ctx, s.cfg.Store, j, true, s.cfg.Now)
	if err != nil {
		return nil, err
	}
	rep := &crm.ImportReport{Job: j, Rows: []crm.ImportRow{}}
	var batch []row
	err = t.each(ctx, 1, func(no int, cells []string) error {
		batch = append(batch, mapRow(no, append([]string(nil), cells...), j.Mapping))
		if len(batch) < s.cfg.Chunk {
			return nil
		}
		err := checkBatch(ctx, e, batch, rep)
		batch = batch[:0]
		return err
	})
	if err == nil {
		err = checkBatch(ctx, e, batch, rep)
	}
	return rep, err
}

// checkBatch decides a batch of rows for the dry run, with one prefetch.
func checkBatch(ctx context.Context, e *engine, rows []row, rep *crm.ImportReport) error {
	if err := e.prefetch(ctx, rows); err != nil {
		return err
	}
	defer func() { e.pre = nil }()
	for _, r := range rows {
		xs, err := e.do(ctx, r)
		if err != nil {
			return err
		}
		rep.Total++
		count(&rep.Created, &rep.Updated, &rep.Skipped, &rep.Failed, xs)
		for _, x := range xs {
			if x.Action == crm.RowCreated {
				if rep.Created > maxCreated {
					continue
				}
			}
			if len(rep.Rows) < maxListed {
				rep.Rows = append(rep.Rows, x)
			}
		}
	}
	return nil
}

// count adds a row's outcome: failed when any of its records failed, else
// its main record's action.
func count(created, updated, skipped, failed *int, xs []crm.ImportRow) {
	action := xs[0].Action
	for _, x := range xs {
		if x.Action == crm.RowFailed {
			action = crm.RowFailed
		}
	}
	switch action {
	case crm.RowCreated:
		*created++
	case crm.RowUpdated:
		*updated++
	case crm.RowSkipped:
		*skipped++
	default:
		*failed++
	}
}
