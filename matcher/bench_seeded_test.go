package matcher_test

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/rapport-crm/rapport/crm"
	"github.com/rapport-crm/rapport/migrations"
	"github.com/rapport-crm/rapport/store/sqlite"
	"github.com/rapport-crm/rapport/store/storetest"
)

// BenchmarkMatchSeeded times the decision on the store benchmarks' data set
// (storetest.BenchOpener: n contacts with storetest.BenchEmail and
// BenchPhone, n/10 customers named 客户<i>电子有限公司) at
// storetest.BenchSizes (10k and 1M by default). It reuses the seeded SQLite
// file that `go test ./store/sqlite -run '^$' -bench .` caches (in
// RAPPORT_BENCH_CACHE or the user cache dir), on a copy, and skips a size
// whose file is missing: seeding a million contacts is that benchmark's job.
func BenchmarkMatchSeeded(b *testing.B) {
	for _, n := range storetest.BenchSizes() {
		b.Run(fmt.Sprintf("sqlite/contacts=%d", n), func(b *testing.B) {
			db, err := sqlite.Open(context.Background(), sqlite.Config{Path: seededCopy(b, n)})
			must(b, err)
			b.Cleanup(func() { db.Close() })
			timeMatches(b, db, seededMessages(n))
		})
	}
}

// seededCopy copies the cached data set for n contacts into a temporary
// folder, or skips.
func seededCopy(b *testing.B, n int) string {
	dir := os.Getenv("RAPPORT_BENCH_CACHE")
	if dir == "" {
		d, err := os.UserCacheDir()
		must(b, err)
		dir = filepath.Join(d, "rapport-bench")
	}
	src := filepath.Join(dir, fmt.Sprintf("sqlite-%d-%s-v2.db", n, storetest.SchemaKey(migrations.SQLite())))
	in, err := os.Open(src)
	if err != nil {
		b.Skipf("no seeded data set for %d contacts (%v): run go test ./store/sqlite -run '^$' -bench . first", n, err)
	}
	defer in.Close()
	dst := filepath.Join(b.TempDir(), "rapport.db")
	out, err := os.Create(dst)
	must(b, err)
	_, err = io.Copy(out, in)
	must(b, err)
	must(b, out.Close())
	return dst
}

// seededMessages is a mix on that data set: a known address, a known
// mobile in Chinese text, a form naming a known customer, unknown order and
// task numbers, a new sender at a domain no customer has, a WeChat
// follower nobody knows, an unknown free-mail sender with a landline, and
// an unknown thread reference.
func seededMessages(n int) []*crm.Inbound {
	var out []*crm.Inbound
	for k := range 16 {
		i := (k*7919)%n + 1
		national := storetest.BenchPhone(i)[3:] // +86138… → 138…
		thread := email(fmt.Sprintf("r%d@163.com", k), "", "Re: 报价", "ok", fmt.Sprintf("<none-%d@x>", k))
		out = append(out,
			email(storetest.BenchEmail(i), "Known", "Re: 报价", "好的，谢谢"),
			email(fmt.Sprintf("nobody%d@gmail.com", k), "", "咨询", "我的电话是"+national+"，谢谢"),
			form(crm.Person{Name: "表单", Email: fmt.Sprintf("f%d@126.com", k),
				Company: fmt.Sprintf("客户%d电子有限公司", i%max(n/10, 1)+1)}, "demo"),
			email(fmt.Sprintf("buyer%d@163.com", k), "", fmt.Sprintf("订单 SO-2024%04d", k), fmt.Sprintf("任务 T-%d 进度？", 100+k)),
			email(fmt.Sprintf("new%d@corp%d.example", k, k), "New", "spec", "hi"),
			wechat(fmt.Sprintf("oSeeded%d", k), "", "你好"),
			email(fmt.Sprintf("stranger%d@qq.com", k), "陌生人", "询价", "你好，电话 021-6888 1234"),
			thread,
		)
	}
	return out
}
