package storetest

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/rapport-crm/rapport/crm"
)

// BenchOpener returns a store seeded with the benchmark data set for
// `contacts` contacts (seeding is not timed; engines keep the seeded
// database in a cache between runs):
//   - users 1…10, reps without a team;
//   - contacts/10 customers, id i named "客户<i>电子有限公司", owned by user
//     i%11 (none when 0);
//   - contacts 1…n, contact i at customer i%(n/10)+1, owned like customers,
//     with email BenchEmail(i) and phone BenchPhone(i).
type BenchOpener = func(b *testing.B, contacts int) crm.Store

// BenchEmail and BenchPhone are the address and number of seeded contact i.
func BenchEmail(i int) string { return "c" + strconv.Itoa(i) + "@bench.example" }

// BenchPhone is the E.164 number of seeded contact i.
func BenchPhone(i int) string { return fmt.Sprintf("+86138%08d", i) }

// BenchSizes are the data set sizes to run: RAPPORT_BENCH_SIZES
// ("10000,1000000") or, by default, 10k and 1M contacts.
func BenchSizes() []int {
	sizes := []int{10_000, 1_000_000}
	if env := os.Getenv("RAPPORT_BENCH_SIZES"); env != "" {
		sizes = nil
		for _, f := range strings.Split(env, ",") {
			if n, err := strconv.Atoi(strings.TrimSpace(f)); err == nil && n >= 100 {
				sizes = append(sizes, n)
			}
		}
	}
	return sizes
}

// SchemaKey is a short hash of a set of migrations, for naming a cached
// seeded database so that a schema change invalidates it.
func SchemaKey(migrations fs.FS) string {
	names, _ := fs.Glob(migrations, "*.sql")
	slices.Sort(names)
	h := sha256.New()
	for _, n := range names {
		b, _ := fs.ReadFile(migrations, n)
		h.Write([]byte(n))
		h.Write(b)
	}
	return hex.EncodeToString(h.Sum(nil))[:10]
}

// Bench times the store operations whose cost must not grow with the
// number of contacts, at each size.
func Bench(b *testing.B, open BenchOpener) {
	for _, n := range BenchSizes() {
		b.Run("contacts="+strconv.Itoa(n), func(b *testing.B) {
			s := open(b, n)
			benchOps(b, s, n)
		})
	}
}

func benchOps(b *testing.B, s crm.Store, n int) {
	rep := crm.Viewer{UserID: 3, Role: crm.RoleRep}
	rnd := rand.New(rand.NewPCG(1, uint64(n)))
	b.Run("CreateContact", func(b *testing.B) {
		run := rnd.Uint64()
		for i := 0; b.Loop(); i++ {
			c := &crm.Contact{Name: "新联系人", Emails: []string{fmt.Sprintf("new%d-%d@bench.example", run, i)},
				Phones: []string{fmt.Sprintf("+86139%08d", rnd.IntN(1e8))}, OwnerID: ptr(int64(1))}
			if err := s.CreateContact(ctx, c); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("ContactsByEmail", func(b *testing.B) {
		for b.Loop() {
			benchFound(b, n, func(i int) ([]*crm.Contact, error) { return s.ContactsByEmail(ctx, crm.System, BenchEmail(i)) }, rnd)
		}
	})
	b.Run("ContactsByPhone", func(b *testing.B) {
		for b.Loop() {
			benchFound(b, n, func(i int) ([]*crm.Contact, error) { return s.ContactsByPhone(ctx, crm.System, BenchPhone(i)) }, rnd)
		}
	})
	for _, v := range []struct {
		name string
		v    crm.Viewer
	}{{"admin", crm.System}, {"rep", rep}} {
		b.Run("ListCustomersPage/"+v.name, func(b *testing.B) {
			for b.Loop() {
				l, err := s.ListCustomers(ctx, crm.CustomerFilter{Viewer: v.v, Page: crm.Page{Limit: 50}})
				if err != nil || len(l.Items) != 50 {
					b.Fatalf("page of %d customers: %v", len(l.Items), err)
				}
			}
		})
	}
	b.Run("SearchContactsNoMatch", func(b *testing.B) {
		for b.Loop() {
			l, err := s.ListContacts(ctx, crm.ContactFilter{Viewer: crm.System, Query: "不存在的名字"})
			if err != nil || len(l.Items) != 0 {
				b.Fatalf("search: %d found, %v", len(l.Items), err)
			}
		}
	})
}

// benchFound looks up a random seeded contact and checks that it is found.
func benchFound(b *testing.B, n int, find func(i int) ([]*crm.Contact, error), rnd *rand.Rand) {
	i := 1 + rnd.IntN(n)
	cs, err := find(i)
	if err != nil || len(cs) != 1 || cs[0].ID != int64(i) {
		b.Fatalf("contact %d: found %d, %v", i, len(cs), err)
	}
}
