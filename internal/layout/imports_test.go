package layout

import (
	"go/parser"
	"go/token"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

const module = "github.com/rapport-crm/rapport/"

// rules is DESIGN §2's "may import" column: for each package (a pattern:
// "x" is x itself, "x/*" each package below x, each one on its own) the
// packages of ours it may import. The first matching row applies. Tests
// are not held to it (they may wire real stores), but nothing, tests
// included, imports cmd, nor web outside web and cmd.
var rules = []struct {
	pkg string
	may []string
}{
	{"crm", nil},
	{"matcher", []string{"crm", "internal/*"}},
	{"bot", []string{"crm", "internal/*"}},
	{"care", []string{"crm", "internal/*"}},
	{"pool", []string{"crm", "internal/*"}},
	{"webhook", []string{"crm", "internal/*"}},  // outgoing webhooks: a behaviour
	{"importer", []string{"crm", "internal/*"}}, // CSV/XLSX imports: a behaviour
	{"notify", []string{"crm", "internal/*"}},   // staff notices by WeChat and mail: a behaviour
	{"channels/*", []string{"crm", "internal/*"}},
	{"store/sqlstore", []string{"crm", "internal/*"}},
	{"store/sqlite", []string{"crm", "store/sqlstore", "migrations", "internal/*"}},
	{"store/postgres", []string{"crm", "store/sqlstore", "migrations", "internal/*"}},
	{"store/*", []string{"crm", "internal/*"}}, // storetest, files, pgtest
	{"migrations", nil},
	{"web", []string{"crm", "web/*", "internal/*"}},
	{"web/*", []string{"crm", "web", "web/*", "internal/*"}}, // web's own parts
	{"cmd/rapport", []string{"*"}},
	{"cmd/*", nil},
	// The shared test-app factory wires real parts, as cmd does, for tests.
	{"internal/testapp", []string{"crm", "matcher", "store/*", "migrations", "internal/*"}},
	{"internal/*", nil}, // small helpers that know nothing of ours
}

// testOnly packages are imported by tests and by the test harnesses
// (harnesses), never by code that ships.
var (
	testOnly  = []string{"internal/testkit", "internal/testapp", "store/postgres/pgtest", "web/browsertest"}
	harnesses = []string{"store/storetest", "internal/testapp", "web/browsertest"}
)

// TestImportsFollowTheLayout fails when a package imports against the
// layout, naming the file and the import.
func TestImportsFollowTheLayout(t *testing.T) {
	root := repoRoot(t)
	for _, f := range goFiles(t, root) {
		rel, _ := filepath.Rel(root, f)
		pkg := filepath.ToSlash(filepath.Dir(rel))
		test := strings.HasSuffix(f, "_test.go")
		for _, imp := range imports(t, f) {
			ours, ok := strings.CutPrefix(imp, module)
			switch {
			case !ok || ours == pkg:
			case matches("cmd/*", ours):
				t.Errorf("%s imports %s: nothing imports cmd", rel, imp)
			case ours == "web" && !inWeb(pkg) && !matches("cmd/*", pkg):
				t.Errorf("%s imports %s: nothing but cmd imports web (its test harness, web/browsertest, may be)", rel, imp)
			case test:
			case slices.Contains(testOnly, ours) && !slices.Contains(harnesses, pkg):
				t.Errorf("%s imports %s, which is for tests only", rel, imp)
			case !allowed(pkg, ours):
				t.Errorf("%s imports %s, against DESIGN §2 (see rules in this test)", rel, imp)
			}
		}
	}
}

// TestEveryPackageHasARule keeps the table complete: a new package must
// say where it stands.
func TestEveryPackageHasARule(t *testing.T) {
	root := repoRoot(t)
	seen := map[string]bool{}
	for _, f := range goFiles(t, root) {
		rel, _ := filepath.Rel(root, f)
		pkg := filepath.ToSlash(filepath.Dir(rel))
		if !seen[pkg] && pkg != "." && rule(pkg) < 0 {
			t.Errorf("package %s has no row in rules: add it there and to DESIGN §2", pkg)
		}
		seen[pkg] = true
	}
}

// TestRulesSayWhatDesignSays pins the table to DESIGN §2's sentences.
func TestRulesSayWhatDesignSays(t *testing.T) {
	tests := []struct {
		pkg, imp string
		want     bool
	}{
		{"crm", "internal/ratelimit", false},
		{"crm", "store/sqlstore", false},
		{"matcher", "crm", true},
		{"channels/email", "crm", true},
		{"channels/email", "channels/wechat", false}, // adapters never import each other
		{"channels/webform", "matcher", false},
		{"bot", "care", false},
		{"pool", "store/sqlstore", false}, // nor a store
		{"care", "web", false},            // nor web
		{"webhook", "crm", true},
		{"webhook", "store/sqlstore", false},
		{"importer", "crm", true},
		{"importer", "store/sqlstore", false}, // it talks to crm interfaces
		{"importer", "web", false},
		{"channels/webform", "internal/ratelimit", true},
		{"store/sqlstore", "crm", true},
		{"store/sqlstore", "store/sqlite", false},
		{"store/sqlite", "store/sqlstore", true},
		{"store/sqlite", "migrations", true},
		{"store/storetest", "store/sqlite", false},
		{"web", "crm", true},
		{"web", "store/sqlstore", false},
		{"web", "channels/webform", false},
		{"web/api", "web", true},
		{"cmd/rapport", "web", true},
		{"cmd/rapport-load", "crm", false},
		{"internal/ratelimit", "crm", false},
		{"reports", "crm", false}, // no row yet: refused until it has one
		{"internal/testapp", "store/sqlite", true},
		{"internal/testapp", "web", false},
	}
	for _, tt := range tests {
		if got := allowed(tt.pkg, tt.imp); got != tt.want {
			t.Errorf("allowed(%s imports %s) = %v, want %v", tt.pkg, tt.imp, got, tt.want)
		}
	}
}

func inWeb(pkg string) bool { return pkg == "web" || matches("web/*", pkg) }

func allowed(pkg, imp string) bool {
	i := rule(pkg)
	if i < 0 {
		return false // TestEveryPackageHasARule says why
	}
	return slices.ContainsFunc(rules[i].may, func(p string) bool { return p == "*" || matches(p, imp) })
}

func rule(pkg string) int {
	return slices.IndexFunc(rules, func(r struct {
		pkg string
		may []string
	}) bool {
		return matches(r.pkg, pkg)
	})
}

// matches reports whether pkg is pattern, or below it for "x/*".
func matches(pattern, pkg string) bool {
	if dir, ok := strings.CutSuffix(pattern, "/*"); ok {
		return strings.HasPrefix(pkg, dir+"/")
	}
	return pkg == pattern
}

func imports(t *testing.T, file string) []string {
	f, err := parser.ParseFile(token.NewFileSet(), file, nil, parser.ImportsOnly)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, s := range f.Imports {
		p, _ := strconv.Unquote(s.Path.Value)
		out = append(out, p)
	}
	return out
}
