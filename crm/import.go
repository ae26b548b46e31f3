package crm

import (
	"context"
	"io"
	"time"
)

// Import kinds: what one file holds, one record kind per file (a customer
// row may carry its contact person).
const (
	ImportCustomers = "customers"
	ImportContacts  = "contacts"
	ImportLeads     = "leads"
	ImportProducts  = "products"
	ImportOrders    = "orders" // past orders: a row per line, with its payment
)

// ImportKinds lists the kinds in the order the UI offers them.
var ImportKinds = []string{ImportCustomers, ImportContacts, ImportLeads, ImportProducts, ImportOrders}

// Record kinds an import writes besides the Ref* ones.
const (
	RefProduct = "product"
	RefPayment = "payment"
)

// Import statuses. An uploaded job waits for its mapping and dry run;
// queued and running jobs belong to the background runner.
const (
	ImportUploaded = "uploaded"
	ImportQueued   = "queued"
	ImportRunning  = "running"
	ImportDone     = "done"
	ImportFailed   = "failed"
	ImportUndone   = "undone"
)

// What an import does with a row that matches an existing record (查重).
const (
	DupSkip   = "skip"   // keep the existing record, skip the row
	DupUpdate = "update" // fill the existing record with the row's values
	DupCreate = "create" // create a new record anyway
)

// Row outcomes.
const (
	RowCreated = "created"
	RowUpdated = "updated"
	RowSkipped = "skipped"
	RowFailed  = "failed"
)

// ImportOptions are chosen per import.
type ImportOptions struct {
	Mode    string `json:"mode" doc:"skip, update or create: what a row matching an existing record (查重) does"`
	Region  string `json:"region" doc:"the country of phone numbers written without a country code (default CN: +86)"`
	OwnerID *int64 `json:"owner_id" doc:"the owner of records whose row names none; null: the pool (公海)"`
}

// Normalize fills defaults and validates o.
func (o *ImportOptions) Normalize() error {
	if o.Mode == "" {
		o.Mode = DupSkip
	}
	if o.Region == "" {
		o.Region = DefaultRegion
	}
	p := Problems{}
	p.OneOf("mode", o.Mode, DupSkip, DupUpdate, DupCreate)
	if len(o.Region) != 2 {
		p.Add("region", "is a two-letter country code, like CN")
	}
	return p.Err()
}

// ImportJob is one uploaded file and its import.
type ImportJob struct {
	ID         int64         `json:"id"`
	Kind       string        `json:"kind"`
	Status     string        `json:"status"`
	FileName   string        `json:"file_name"`
	FileSHA256 string        `json:"file_sha256"`
	FileSize   int64         `json:"file_size"`
	Format     string        `json:"format" doc:"csv or xlsx"`
	Encoding   string        `json:"encoding" doc:"of a CSV file, as detected: utf-8, utf-8-bom, gb18030, utf-16"`
	Headings   []string      `json:"headings"`
	Mapping    []string      `json:"mapping" doc:"for each column, the field it fills; empty: ignored"`
	Options    ImportOptions `json:"options"`
	Total      int           `json:"total_rows"`
	Done       int           `json:"done_rows"`
	Created    int           `json:"created"`
	Updated    int           `json:"updated"`
	Skipped    int           `json:"skipped"`
	Failed     int           `json:"failed"`
	Error      string        `json:"error"`
	CreatedBy  int64         `json:"created_by"`
	CreatedAt  time.Time     `json:"created_at"`
	UpdatedAt  time.Time     `json:"updated_at"`
	FinishedAt *time.Time    `json:"finished_at"`
	// SameFileAs is an earlier import of the same file that was not undone
	// (0: none): importing it again creates nothing twice.
	SameFileAs int64 `json:"same_file_as"`
}

// ImportRow is what one row did to one record.
type ImportRow struct {
	JobID      int64      `json:"job_id"`
	RowNo      int        `json:"row"` // 1 is the first row below the headings
	RecordKind string     `json:"record_kind"`
	Action     string     `json:"action"`
	RecordID   *int64     `json:"record_id"`
	Key        string     `json:"-"`
	Reason     string     `json:"reason"`
	Cells      []string   `json:"cells,omitempty"`
	Before     string     `json:"-"` // an updated record's previous JSON
	Stamp      *time.Time `json:"-"` // the record's updated_at once written
}

// ImportMatch is a record holding a looked-up value: its id and a label
// (its name); for the row_key rule, the import (ID) and its row (Row).
type ImportMatch struct {
	ID    int64
	Label string
	Row   int
}

// ImportMatchRules are what ImportMatches looks up: a row's content key
// among rows imported and not undone, a customer's company name key, a
// contact's or a lead's email or phone, a product's SKU, an order's number.
var ImportMatchRules = []string{"row_key", "customer:name", "contact:email", "contact:phone", "lead:email",
	"lead:phone", "product:sku", "order:number"}

// ImportReport is a dry run's answer: what the import would do.
type ImportReport struct {
	Job     *ImportJob  `json:"job"`
	Total   int         `json:"total_rows"`
	Created int         `json:"created"`
	Updated int         `json:"updated"`
	Skipped int         `json:"skipped"`
	Failed  int         `json:"failed"`
	Rows    []ImportRow `json:"rows" doc:"every row that would be updated, skipped or fail (at most 5,000), and the first rows created"`
}

// ImportSettings are what the user chose before a dry run or the import.
type ImportSettings struct {
	Mapping []string      `json:"mapping"`
	Options ImportOptions `json:"options"`
}

// ImportStore keeps import jobs and what their rows did.
type ImportStore interface {
	// CreateImport stores j and sets ID and times.
	CreateImport(ctx context.Context, j *ImportJob) error
	// Import returns a job v may see (admins: all; others: their own).
	// ENOTFOUND.
	Import(ctx context.Context, v Viewer, id int64) (*ImportJob, error)
	// ListImports returns a page of the jobs v may see, newest first.
	ListImports(ctx context.Context, v Viewer, p Page) (List[*ImportJob], error)
	// SaveImport saves j's status, mapping, options, counts and error.
	// ENOTFOUND.
	SaveImport(ctx context.Context, j *ImportJob) error
	// NextImport returns the oldest queued or running job. ENOTFOUND.
	NextImport(ctx context.Context) (*ImportJob, error)
	// SameFileImport returns the newest other job of kind with this file
	// hash that was imported and not undone. ENOTFOUND.
	SameFileImport(ctx context.Context, kind, sha256 string, except int64) (*ImportJob, error)
	// AddImportRows records what rows did.
	AddImportRows(ctx context.Context, rows []ImportRow) error
	// ImportRows returns a job's rows with action (all when ""), by row,
	// after row after, at most limit.
	ImportRows(ctx context.Context, jobID int64, action string, after, limit int) ([]ImportRow, error)
	// RowImported returns the row of a job not undone that created or
	// updated a record from a row with this key. ENOTFOUND.
	RowImported(ctx context.Context, key string) (*ImportRow, error)
	// ImportMatches looks many values up at once, for a chunk of rows:
	// for each value found, the records holding it, by id. rule is one of
	// ImportMatchRules. A value nobody holds is absent from the answer.
	ImportMatches(ctx context.Context, rule string, values []string) (map[string][]ImportMatch, error)
	// UndoImport removes the records a job created and restores those it
	// updated, if none was changed since (ECONFLICT, naming how many).
	// ENOTFOUND.
	UndoImport(ctx context.Context, jobID int64) error
	// ReserveImportIDs reserves n ids of "customers" or "contacts" for
	// CreateImported, in the same transaction (WithTx). EINVALID.
	ReserveImportIDs(ctx context.Context, table string, n int) ([]int64, error)
	// CreateImported stores new customers and contacts whose ids
	// ReserveImportIDs gave, as CreateCustomer and CreateContact would, in
	// a few statements for a whole chunk of an import; any error refuses
	// them all.
	CreateImported(ctx context.Context, cs []*Customer, cts []*Contact) error
	// WithTx runs fn in one transaction, carried in its ctx.
	WithTx(ctx context.Context, fn func(ctx context.Context) error) error
}

// Importer is the import service the web layer calls.
type Importer interface {
	// Upload reads the whole file, refuses a broken one (EINVALID, and
	// nothing stored), keeps it and returns its job with the headings and
	// a guessed mapping. ETOOLARGE.
	Upload(ctx context.Context, v Viewer, kind, name string, r io.Reader) (*ImportJob, error)
	// Check is the dry run: what importing the job's rows with s would do.
	// Nothing is written but the settings.
	Check(ctx context.Context, v Viewer, id int64, s ImportSettings) (*ImportReport, error)
	// Start queues the job with s for the background runner. ECONFLICT
	// when it is not waiting to start.
	Start(ctx context.Context, v Viewer, id int64, s ImportSettings) (*ImportJob, error)
	// Job returns a job v may see, with SameFileAs. ENOTFOUND.
	Job(ctx context.Context, v Viewer, id int64) (*ImportJob, error)
	// Jobs returns a page of the jobs v may see, newest first.
	Jobs(ctx context.Context, v Viewer, p Page) (List[*ImportJob], error)
	// Undo takes a finished import back. ECONFLICT when a record changed.
	Undo(ctx context.Context, v Viewer, id int64) (*ImportJob, error)
	// ErrorReport writes the rows that failed or were skipped, as CSV
	// (UTF-8 with BOM, for Excel), with a column saying why.
	ErrorReport(ctx context.Context, v Viewer, id int64, w io.Writer) error
	// Template writes an empty file of kind (csv or xlsx) with headings in
	// lang (en or zh-CN). EINVALID.
	Template(kind, lang, format string, w io.Writer) error
	// Fields lists the fields of kind a column may fill.
	Fields(kind string) []ImportField
}

// ImportField is a field a column may fill, with its headings.
type ImportField struct {
	Name     string `json:"name"`
	English  string `json:"en"`
	Chinese  string `json:"zh"`
	Required bool   `json:"required"`
}
