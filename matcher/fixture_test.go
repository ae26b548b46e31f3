package matcher_test

import (
	"context"
	"testing"
	"time"

	"github.com/rapport-crm/rapport/crm"
)

// fixture is a small CRM seeded through the normal store methods. Records
// are known by short names, so the tests read as names, not ids.
type fixture struct {
	db  testStore
	ids map[string]int64 // "kind:name" → id
}

func (f *fixture) id(kind, name string) int64 {
	id, ok := f.ids[kind+":"+name]
	if !ok {
		panic("fixture has no " + kind + ":" + name)
	}
	return id
}

func (f *fixture) put(kind, name string, id int64) { f.ids[kind+":"+name] = id }

// seed builds the fixture:
//
//   - 华强电子 (huaqiang.example, owner rep) with 李雷 (email, mobile,
//     WeChat identity and unionid) and 韩梅梅 (on qq.com); Acme Robotics
//     (acme.example) with Bob Smith (US phone), Zhou, and Acme Sales and
//     Acme Support (with a mobile) who share info@acme.example;
//   - two customers on one domain (twin.example), and one whose domain was
//     wrongly set to qq.com; Beta Instruments (no domain, owner rep) with
//     Carol (carol@beta.example);
//   - 王芳, a contact of no customer, also on qq.com; 张伟 at Acme and
//     张伟 at 华强 sharing one mobile; Chen, known by WeChat identity only;
//   - leads: 赵六 (163.com address), Sun Qi (mobile), 星辰科技 (company);
//   - order SO-20240001 (华强), contract HT2024002 (Acme), task T-1001;
//   - a conversation with 李雷 at 华强, threaded by <thread-li@huaqiang>,
//     and an empty one (our first mail to a prospect), by <ours-1@rapport>.
func seed(t testing.TB, db testStore) *fixture {
	t.Helper()
	ctx := context.Background()
	f := &fixture{db: db, ids: map[string]int64{}}
	rep := &crm.User{Email: "rep@rapport.example", Name: "Rep", Role: crm.RoleRep}
	must(t, db.CreateUser(ctx, rep))
	f.put("user", "rep", rep.ID)
	f.customers(t, ctx, rep.ID)
	f.contacts(t, ctx)
	f.leads(t, ctx)
	f.records(t, ctx)
	f.conversations(t, ctx)
	return f
}

func (f *fixture) customers(t testing.TB, ctx context.Context, rep int64) {
	add := func(key string, c crm.Customer) {
		must(t, f.db.CreateCustomer(ctx, &c))
		f.put(crm.RefCustomer, key, c.ID)
	}
	add("huaqiang", crm.Customer{Name: "深圳市华强电子有限公司", Domain: "huaqiang.example", OwnerID: &rep})
	add("acme", crm.Customer{Name: "Acme Robotics Co., Ltd.", Domain: "acme.example"})
	add("twin1", crm.Customer{Name: "Twin Trading North", Domain: "twin.example"})
	add("twin2", crm.Customer{Name: "Twin Trading South", Domain: "twin.example"})
	add("qqcust", crm.Customer{Name: "误配邮箱贸易", Domain: "qq.com"})
	add("beta", crm.Customer{Name: "Beta Instruments", OwnerID: &rep})
}

func (f *fixture) contacts(t testing.TB, ctx context.Context) {
	hq, acme := f.id(crm.RefCustomer, "huaqiang"), f.id(crm.RefCustomer, "acme")
	add := func(key string, c crm.Contact) {
		must(t, f.db.CreateContact(ctx, &c))
		f.put(crm.RefContact, key, c.ID)
	}
	add("li", crm.Contact{Name: "李雷", CustomerID: &hq, Emails: []string{"li.lei@huaqiang.example"},
		Phones: []string{"138 0013 8000"}, Identities: []crm.Identity{
			{Kind: crm.IdentityWeChat, Key: "wxapp1", Value: "oLiLei"},
			{Kind: crm.IdentityUnionID, Value: "uLiLei"}}})
	add("han", crm.Contact{Name: "韩梅梅", CustomerID: &hq, Emails: []string{"hanmeimei@qq.com"},
		Phones: []string{"13900139000"}})
	add("bob", crm.Contact{Name: "Bob Smith", CustomerID: &acme, Emails: []string{"Bob@Acme.example"},
		Phones: []string{"+1 415-555-0134"}})
	add("zhou", crm.Contact{Name: "Zhou", CustomerID: &acme, Emails: []string{"zhou@acme.example"}})
	add("sales", crm.Contact{Name: "Acme Sales", CustomerID: &acme, Emails: []string{"info@acme.example"}})
	add("support", crm.Contact{Name: "Acme Support", CustomerID: &acme, Emails: []string{"info@acme.example"},
		Phones: []string{"13300133000"}})
	add("wang", crm.Contact{Name: "王芳", Emails: []string{"wangfang@qq.com"}})
	add("zhang1", crm.Contact{Name: "张伟", CustomerID: &acme, Phones: []string{"13700137000"}})
	add("zhang2", crm.Contact{Name: "张伟", CustomerID: &hq, Phones: []string{"+86 137 0013 7000"}})
	add("chen", crm.Contact{Name: "Chen", Identities: []crm.Identity{
		{Kind: crm.IdentityWeChat, Key: "wxapp1", Value: "oChen"}}})
	beta := f.id(crm.RefCustomer, "beta")
	add("carol", crm.Contact{Name: "Carol", CustomerID: &beta, Emails: []string{"carol@beta.example"}})
}

func (f *fixture) leads(t testing.TB, ctx context.Context) {
	add := func(key string, l crm.Lead) {
		must(t, f.db.CreateLead(ctx, &l))
		f.put(crm.RefLead, key, l.ID)
	}
	add("zhao", crm.Lead{Name: "赵六", Email: "ZhaoLiu@163.com"})
	add("sun", crm.Lead{Name: "Sun Qi", Phone: "13600136000"})
	add("xingchen", crm.Lead{Name: "钱七", Company: "北京星辰科技有限公司"})
}

func (f *fixture) records(t testing.TB, ctx context.Context) {
	so := &crm.Order{Number: "SO-20240001", CustomerID: f.id(crm.RefCustomer, "huaqiang"), Title: "芯片"}
	must(t, f.db.CreateOrder(ctx, so))
	f.put(crm.RefOrder, "SO-20240001", so.ID)
	ht := &crm.Order{Kind: crm.OrderKindContract, Number: "HT2024002", CustomerID: f.id(crm.RefCustomer, "acme"), Title: "Framework"}
	must(t, f.db.CreateOrder(ctx, ht))
	f.put(crm.RefOrder, "HT2024002", ht.ID)
	task := &crm.Task{Number: "T-1001", Title: "Send samples"}
	must(t, f.db.CreateTask(ctx, task))
	f.put(crm.RefTask, "T-1001", task.ID)
}

func (f *fixture) conversations(t testing.TB, ctx context.Context) {
	li, hq := f.id(crm.RefContact, "li"), f.id(crm.RefCustomer, "huaqiang")
	at := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	add := func(key, ref string, c crm.Conversation) {
		c.Channel, c.Account, c.Status, c.LastMessageAt, c.CreatedAt = crm.ChannelEmail, "inbox", crm.ConvOpen, at, at
		must(t, f.db.WithIngestTx(ctx, func(ctx context.Context, tx crm.IngestTx) error {
			if err := tx.CreateConversation(ctx, &c); err != nil {
				return err
			}
			return tx.AddReferences(ctx, c.Channel, c.Account, c.ID, []string{ref})
		}))
		f.put(crm.RefConversation, key, c.ID)
	}
	add("li", "<thread-li@huaqiang>", crm.Conversation{Subject: "样品", ContactID: &li, CustomerID: &hq})
	add("prospect", "<ours-1@rapport>", crm.Conversation{Subject: "Rapport intro"})
}
