package web

import (
	"log/slog"
	"net/http"
	"net/netip"
	"strings"
	"sync"
	"time"

	"github.com/go-chi/chi/v5"

	"github.com/rapport-crm/rapport/crm"
	"github.com/rapport-crm/rapport/internal/metrics"
	"github.com/rapport-crm/rapport/internal/ratelimit"
)

// Config is what the operator decides.
type Config struct {
	BaseURL      string        // public URL, e.g. https://crm.example.com; https => Secure cookies
	SessionTTL   time.Duration // default 7*24h
	MaxBodyBytes int64         // API request body limit, default 1 MiB
	// TrustedProxies are the reverse proxies whose X-Forwarded-For is
	// believed (see clientAddress); none by default, so that a client cannot
	// choose its own address for the login rate limit.
	TrustedProxies []netip.Prefix
	// HashSlots is how many password checks (argon2id, 64 MiB each) run at
	// once; 0: 1. HashWait is how long a login waits for a slot before it
	// is answered 429; 0: 2 s, negative: no wait.
	HashSlots int
	HashWait  time.Duration
	// MetricsToken, when set, lets a scraper read /metrics with
	// "Authorization: Bearer <token>" (admins need no token).
	MetricsToken string
	// AccessLog logs each request at info: method, route pattern, status,
	// duration and size; off by default.
	AccessLog bool
}

// Deps are the services the web layer uses.
type Deps struct {
	Store   crm.Store
	Blobs   crm.BlobStore // may be nil for now
	Logger  *slog.Logger
	Now     func() time.Time
	Version string

	// Events feeds live views (server-sent events); nil: none.
	Events crm.Bus
	// Outbox queues replies; nil: this server cannot send.
	Outbox *crm.Outbox
	// The channels' own records, for their admin API and pages; nil when
	// the store has none.
	Mailboxes crm.MailboxStore
	WeChat    crm.WeChatStore
	Forms     crm.FormStore
	Inbox     crm.InboxStore
	Bot       crm.BotStore
	// Menus publishes WeChat menus; nil: publishing answers 501.
	Menus crm.MenuPublisher
	// Public channel endpoints, served by the channel adapters: WeChat's
	// callback (/wechat/{account}) and form capture (/f/{key}); nil: 404.
	WeChatCallback http.Handler
	FormCapture    http.Handler
	// Care runs care plans and CareStore keeps them; nil: the care API
	// answers 501.
	Care      crm.CarePlanner
	CareStore crm.CareStore
	// Reminders finds what is due for the bell; nil: 501.
	Reminders crm.ReminderStore
	// TimeZone is the company's zone (RAPPORT_CARE_TIME_ZONE): a user's
	// "today" unless they chose their own in UserSettings; "" is
	// Asia/Shanghai. UserSettings nil: the company's zone for everyone.
	TimeZone     string
	UserSettings crm.UserSettingsStore
	// Staff binds users' own WeChat and Notices lists what was sent to
	// them (pool warnings); nil: 501 and the settings page leaves them out.
	Staff   crm.UserWeChatStore
	Notices crm.UserNoticeStore
	// Satisfaction keeps survey settings and scores, Surveys answers the
	// survey links of emails; nil: 501 and 404.
	Satisfaction crm.SatisfactionStore
	Surveys      crm.SurveyLinks
	// Pool is the one door for ownership changes (claim, release, assign,
	// transfer, freeze) under the pool's rules; nil: this server refuses
	// them (501) rather than let owners change unchecked.
	Pool crm.Owners
	// Webhooks keeps outgoing webhooks for their admin API and pages; Hooks
	// is told of records created and conversations assigned or resolved
	// through the web layer; HookQueued wakes the deliverer after a
	// redelivery. Each nil: none.
	// Metrics records requests and serves /metrics; nil: none.
	Metrics  *metrics.Metrics
	Webhooks crm.WebhookStore
	// Importer imports customers, contacts and leads from files; nil: the
	// import API answers 501.
	Importer crm.Importer
	// Limits makes the login limits; nil: in this process (one instance).
	Limits     ratelimit.Maker
	Hooks      crm.Publisher
	HookQueued func()
}

// Server is Rapport's HTTP handler.
type Server struct {
	cfg     Config
	deps    Deps
	store   crm.Store
	log     *slog.Logger
	now     func() time.Time
	version string

	router    chi.Router
	routes    []route
	cop       *http.CrossOriginProtection
	pages     *pages
	limits    loginLimits
	hashes    *hashGate
	dummyHash func() string
	openapi   func() []byte
	presence  presenceHub // who has which conversation open (inbox)
}

// New builds a Server. It does no I/O.
func New(cfg Config, deps Deps) *Server {
	if cfg.SessionTTL <= 0 {
		cfg.SessionTTL = 7 * 24 * time.Hour
	}
	if cfg.MaxBodyBytes <= 0 {
		cfg.MaxBodyBytes = 1 << 20
	}
	if deps.Logger == nil {
		deps.Logger = slog.New(slog.DiscardHandler)
	}
	if deps.Now == nil {
		deps.Now = time.Now
	}
	s := &Server{
		cfg: cfg, deps: deps, store: deps.Store, log: deps.Logger, now: deps.Now, version: deps.Version,
		cop:    http.NewCrossOriginProtection(),
		pages:  mustParsePages(),
		limits: newLoginLimits(deps.Limits),
		hashes: newHashGate(cfg.HashSlots, cfg.HashWait),
	}
	if o := origin(cfg.BaseURL); o != "" {
		// Behind a reverse proxy the Host header may differ from the public
		// origin; browsers send the public one.
		_ = s.cop.AddTrustedOrigin(o)
	}
	s.dummyHash = sync.OnceValue(newDummyHash)
	s.routes = s.routeTable()
	s.openapi = sync.OnceValue(func() []byte { return buildOpenAPI(s.routes, s.version, cfg.BaseURL) })
	s.router = s.buildRouter(s.routes)
	return s
}

// ServeHTTP makes *Server an http.Handler.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.router.ServeHTTP(w, r)
}

// secureCookies reports whether cookies for r must carry Secure.
func (s *Server) secureCookies(r *http.Request) bool {
	return r.TLS != nil || strings.HasPrefix(strings.ToLower(s.cfg.BaseURL), "https://")
}

// origin returns scheme://host of a base URL, or "" if it has none.
func origin(base string) string {
	i := strings.Index(base, "://")
	if i < 0 {
		return ""
	}
	rest := base[i+3:]
	if j := strings.IndexByte(rest, '/'); j >= 0 {
		rest = rest[:j]
	}
	if rest == "" {
		return ""
	}
	return strings.ToLower(base[:i]) + "://" + rest
}
