package importer

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"slices"
	"time"

	"github.com/rapport-crm/rapport/crm"
)

// Store is what the importer reads and writes.
type Store interface {
	crm.ImportStore
	crm.LeaseStore
	// WithBatchTx is WithTx whose nested writes take no savepoints: any
	// error must roll it back whole (sqlstore.DB.WithBatchTx).
	WithBatchTx(ctx context.Context, fn func(ctx context.Context) error) error
	CreateCustomer(ctx context.Context, c *crm.Customer) error
	UpdateCustomer(ctx context.Context, v crm.Viewer, c *crm.Customer) error
	Customer(ctx context.Context, v crm.Viewer, id int64) (*crm.Customer, error)
	CreateContact(ctx context.Context, c *crm.Contact) error
	UpdateContact(ctx context.Context, v crm.Viewer, c *crm.Contact) error
	Contact(ctx context.Context, v crm.Viewer, id int64) (*crm.Contact, error)
	CreateLead(ctx context.Context, l *crm.Lead) error
	UpdateLead(ctx context.Context, v crm.Viewer, l *crm.Lead) error
	Lead(ctx context.Context, v crm.Viewer, id int64) (*crm.Lead, error)
	ContactsByEmail(ctx context.Context, v crm.Viewer, email string) ([]*crm.Contact, error)
	ContactsByPhone(ctx context.Context, v crm.Viewer, e164 string) ([]*crm.Contact, error)
	CustomersByNameKey(ctx context.Context, key string) ([]*crm.Customer, error)
	LeadsByEmail(ctx context.Context, email string) ([]*crm.Lead, error)
	LeadsByPhone(ctx context.Context, e164 string) ([]*crm.Lead, error)
	CreateProduct(ctx context.Context, p *crm.Product) error
	UpdateProduct(ctx context.Context, p *crm.Product) error
	ProductBySKU(ctx context.Context, sku string) (*crm.Product, error)
	CreateOrder(ctx context.Context, o *crm.Order) error
	UpdateOrder(ctx context.Context, v crm.Viewer, o *crm.Order) error
	Order(ctx context.Context, v crm.Viewer, id int64) (*crm.Order, error)
	OrderByNumber(ctx context.Context, v crm.Viewer, number string) (*crm.Order, error)
	RecordPayment(ctx context.Context, v crm.Viewer, pm *crm.Payment) error
	UserByID(ctx context.Context, id int64) (*crm.User, error)
	OwnerLoad(ctx context.Context, userID int64, since time.Time) (crm.OwnerLoad, error)
	PoolLimits(ctx context.Context, teamID *int64) (crm.PoolLimits, error)
	ListUsers(ctx context.Context) ([]*crm.User, error)
}

// Config is what an Importer needs. Store, Blobs and Now are required.
type Config struct {
	Store  Store
	Blobs  crm.BlobStore
	Now    func() time.Time
	Log    *slog.Logger
	Holder string // this instance, for the runner's lease
	// Region is the default country of phone numbers without a country
	// code (default CN).
	Region string
	// MaxFile bounds an upload (default 64 MiB); Chunk is how many rows
	// commit together (default 500); Lease is how long the runner holds a
	// job between chunks (default 30 s): after a crash another instance,
	// or this one restarted, resumes the job once it ends.
	MaxFile int64
	Chunk   int
	Lease   time.Duration
	// OnChunk, when set, is told each chunk's progress after its commit.
	OnChunk func(j *crm.ImportJob)
}

// Service is the importer: crm.Importer for the web layer, and the
// background runner.
type Service struct {
	cfg Config
}

var _ crm.Importer = (*Service)(nil)

// New returns an importer.
func New(cfg Config) *Service {
	if cfg.Log == nil {
		cfg.Log = slog.New(slog.DiscardHandler)
	}
	if cfg.Region == "" {
		cfg.Region = crm.DefaultRegion
	}
	if cfg.MaxFile <= 0 {
		cfg.MaxFile = 64 << 20
	}
	if cfg.Chunk <= 0 {
		cfg.Chunk = 500
	}
	if cfg.Lease <= 0 {
		cfg.Lease = 30 * time.Second
	}
	if cfg.Holder == "" {
		cfg.Holder = "importer"
	}
	return &Service{cfg: cfg}
}

// mayImport: admins and managers import.
func mayImport(v crm.Viewer) error {
	if v.Role != crm.RoleAdmin && v.Role != crm.RoleManager {
		return crm.Errorf(crm.EFORBIDDEN, "Only admins and managers import.")
	}
	return nil
}

func checkKind(kind string) error {
	if !slices.Contains(crm.ImportKinds, kind) {
		return &crm.Error{Code: crm.EINVALID, Message: "Unknown import kind.",
			Fields: map[string]string{"kind": "must be one of customers, contacts, leads"}}
	}
	return nil
}

// Upload reads the whole file, refuses a broken one, keeps it and returns
// its job with the headings and a guessed mapping.
func (s *Service) Upload(ctx context.Context, v crm.Viewer, kind, name string, r io.Reader) (*crm.ImportJob, error) {
	if err := mayImport(v); err != nil {
		return nil, err
	}
	if err := checkKind(kind); err != nil {
		return nil, err
	}
	if s.cfg.Blobs == nil {
		return nil, crm.Errorf(crm.ENOTIMPLEMENTED, "This server keeps no files: imports need a blob store.")
	}
	data, err := io.ReadAll(io.LimitReader(r, s.cfg.MaxFile+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > s.cfg.MaxFile {
		return nil, crm.Errorf(crm.ETOOLARGE, "The file is larger than %d MB: split it.", s.cfg.MaxFile>>20)
	}
	t, err := openTable(data)
	if err != nil {
		return nil, err
	}
	total, err := countRows(ctx, t)
	if err != nil {
		return nil, err
	}
	b, err := s.cfg.Blobs.Put(ctx, bytes.NewReader(data))
	if err != nil {
		return nil, err
	}
	j := &crm.ImportJob{Kind: kind, Status: crm.ImportUploaded, FileName: name, FileSHA256: b.SHA256, FileSize: b.Size,
		Format: t.format, Encoding: t.encoding, Headings: t.headings, Mapping: guessMapping(kind, t.headings),
		Options: crm.ImportOptions{Mode: crm.DupSkip, Region: s.cfg.Region}, Total: total, CreatedBy: v.UserID}
	if err := s.cfg.Store.CreateImport(ctx, j); err != nil {
		return nil, err
	}
	return s.withSameFile(ctx, j)
}

// countRows walks the file once: the number of its last data row.
func countRows(ctx context.Context, t *table) (int, error) {
	last := 0
	err := t.each(ctx, 1, func(no int, _ []string) error {
		last = no
		return nil
	})
	return last, err
}

func (s *Service) withSameFile(ctx context.Context, j *crm.ImportJob) (*crm.ImportJob, error) {
	prev, err := s.cfg.Store.SameFileImport(ctx, j.Kind, j.FileSHA256, j.ID)
	switch {
	case err == nil:
		j.SameFileAs = prev.ID
	case !crm.IsNotFound(err):
		return nil, err
	}
	return j, nil
}

// Job returns a job v may see, with SameFileAs.
func (s *Service) Job(ctx context.Context, v crm.Viewer, id int64) (*crm.ImportJob, error) {
	if err := mayImport(v); err != nil {
		return nil, err
	}
	j, err := s.cfg.Store.Import(ctx, v, id)
	if err != nil {
		return nil, err
	}
	return s.withSameFile(ctx, j)
}

// settle validates s against the job and saves them on it.
func (s *Service) settle(ctx context.Context, j *crm.ImportJob, set crm.ImportSettings) error {
	if set.Mapping == nil {
		set.Mapping = j.Mapping
	}
	if err := checkMapping(j.Kind, j.Headings, set.Mapping); err != nil {
		return err
	}
	if err := set.Options.Normalize(); err != nil {
		return err
	}
	if id := set.Options.OwnerID; id != nil {
		u, err := s.cfg.Store.UserByID(ctx, *id)
		if err != nil {
			return &crm.Error{Code: crm.EINVALID, Message: "No such owner.", Fields: map[string]string{"owner_id": "no such user"}}
		}
		owner, err := s.cfg.Store.UserByID(ctx, j.CreatedBy)
		if err != nil {
			return err
		}
		if !mayOwn(owner.Viewer(), u) {
			return &crm.Error{Code: crm.EFORBIDDEN, Message: "You may give records only to your team."}
		}
	}
	j.Mapping, j.Options = set.Mapping, set.Options
	return s.cfg.Store.SaveImport(ctx, j)
}

// Start queues the job for the background runner.
func (s *Service) Start(ctx context.Context, v crm.Viewer, id int64, set crm.ImportSettings) (*crm.ImportJob, error) {
	j, err := s.Job(ctx, v, id)
	if err != nil {
		return nil, err
	}
	if j.Status != crm.ImportUploaded {
		return nil, crm.Errorf(crm.ECONFLICT, "This import was started already (it is %s).", j.Status)
	}
	j.Status = crm.ImportQueued
	if err := s.settle(ctx, j, set); err != nil {
		return nil, err
	}
	return j, nil
}

// Undo takes a finished import back, all or nothing.
func (s *Service) Undo(ctx context.Context, v crm.Viewer, id int64) (*crm.ImportJob, error) {
	j, err := s.Job(ctx, v, id)
	if err != nil {
		return nil, err
	}
	if j.Status != crm.ImportDone && j.Status != crm.ImportFailed {
		return nil, crm.Errorf(crm.ECONFLICT, "Only a finished import can be undone (this one is %s).", j.Status)
	}
	err = s.cfg.Store.WithTx(ctx, func(ctx context.Context) error {
		if err := s.cfg.Store.UndoImport(ctx, j.ID); err != nil {
			return err
		}
		j.Status = crm.ImportUndone
		return s.cfg.Store.SaveImport(ctx, j)
	})
	if err != nil {
		return nil, err
	}
	j.SameFileAs = 0
	return j, nil
}

// Fields lists the fields of kind a column may fill.
func (s *Service) Fields(kind string) []crm.ImportField { return publicFields(kind) }

func (s *Service) file(ctx context.Context, j *crm.ImportJob) (*table, error) {
	rc, err := s.cfg.Blobs.Open(ctx, j.FileSHA256)
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	data, err := io.ReadAll(rc)
	if err != nil {
		return nil, err
	}
	return openTable(data)
}
