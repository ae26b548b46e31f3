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
	created := 0
	err = t.each(ctx, 1, func(no int, cells []string) error {
		xs, err := e.do(ctx, mapRow(no, cells, j.Mapping))
		if err != nil {
			return err
		}
		rep.Total++
		count(&rep.Created, &rep.Updated, &rep.Skipped, &rep.Failed, xs)
		for _, x := range xs {
			if x.Action == crm.RowCreated {
				if created++; created > maxCreated {
					continue
				}
			}
			if len(rep.Rows) < maxListed {
				rep.Rows = append(rep.Rows, x)
			}
		}
		return nil
	})
	return rep, err
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
