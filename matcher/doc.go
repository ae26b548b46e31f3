// Package matcher is Rapport's identity resolution: it decides which
// conversation, contact, customer, order, task or lead an inbound message
// belongs to, or that it needs a rep's review, and why. It implements
// crm.MatchDecider. It reads through crm.MatchReader (bound by the ingest
// pipeline to the ingest transaction, with crm.System as the viewer), does
// only indexed lookups, and writes nothing: crm.Ingester applies the
// returned crm.Match.
//
// # Whom a message is about
//
// Before the rules, the message is read as what it is about (about.go):
//   - our own mail (in.FromUs, or a sender at one of Config.OwnDomains
//     writing to someone outside) is about its first outside recipient:
//     the rules read that address as the sender, and nothing is created
//     (no lead, no contact). Match.FromUs stores it as outbound;
//   - a colleague (our domain) forwarding a customer's mail is about the
//     first forwarded mail (in.Forwards) whose sender is not ours: its
//     sender, subject and text (after the colleague's own note) are what
//     the rules read, so the original sender is the contact, or the new
//     lead, and the numbers in the forwarded text are linked. A forwarded
//     machine's mail (Forward.Automated) creates nothing.
//
// # Rules, strongest first
//
// Every link records its rule (crm.Rule*) and the value that matched.
//
//  1. Thread: in.References, in order (at most crm.MaxThreadRefs, so the
//     root of a long chain is followed too), then in.MessageRef (a reply
//     ingested before this message recorded it), to the first known
//     conversation (RuleThread, the reference). Other conversations the
//     references reach are the same thread split by arrival order:
//     Match.JoinIDs, unless their contact, customer or lead differ. Only
//     when nothing is found is in.ThreadHint (the channel's subject guess)
//     followed.
//  2. Channel identity: WeChat appid+openid (RuleIdentity), unionid
//     (RuleUnionID), and the sender's exact address, case-insensitive
//     (RuleEmail): From.Address when it is an address, and Person.Email.
//  3. Phones, E.164 (RulePhone): the phone the sender typed into a form
//     (Person.Phone, read like crm.NormalizePhone) counts with rule 2 as
//     "sender evidence"; numbers found in the subject and text are
//     "mentions" (see Extraction).
//  4. Order, contract and task numbers in the subject and text
//     (RuleOrder, RuleTask), looked up exactly as written. An order also
//     names its customer.
//  5. The sender's corporate mail domain (RuleDomain): not a free-mail
//     domain (Config.FreeMailDomains, subdomains included) and not ours
//     (Config.OwnDomains). Two people on qq.com are never linked to each
//     other or to a customer through it.
//  6. Nothing linked: the duplicate check (查重), then a new lead.
//
// # Resolving the contact, and conflicts
//
// Each looked-up value yields a set of records. Values that found nothing
// do not vote. The record chosen is the one that every value which found
// something agrees on (the intersection of the sets): identity {A} plus an
// address shared by {A, B} gives A. The link's reason is the strongest
// value that names the record alone (there, the identity). When the intersection is not exactly
// one record (a shared phone {A, B} alone; identity A but address B), no
// contact is linked: Match.NeedsReview is set and every record named is a
// candidate with its rule and value. Precision comes first (DESIGN §5): a
// wrong link is worse than no link.
//
// Sender evidence (rule 2 and the stated phone) is resolved first. Mentions
// (phones in the text) are consulted only when sender evidence names no
// contact at all: a known sender who mentions a colleague's number stays
// linked to themself, and the colleague is not linked.
//
// The customer comes from the strongest rule that names exactly one:
//   - the contact's customer (or, under review, the customer all candidate
//     contacts share; otherwise none);
//   - the quoted orders, when their customers agree (orders of different
//     customers name none);
//   - the sender's corporate domain: one customer with that domain is
//     linked, and when no contact was found the sender becomes
//     Match.NewContact of that customer (owner = the customer's owner; not
//     for automated mail). Two customers on one domain: review, candidates
//     both, neither linked. When orders named a different customer than the
//     domain, the orders' customer stands and no contact is created.
//
// Colleagues in copy: once a customer is linked, nothing is under review and
// the message is not automated, every To and Cc address (the first
// MaxRecipients) at a corporate domain, other than the sender's, whose domain
// is the customer's Domain, or the sender's corporate domain when the sender
// is already that customer's contact, and which no contact has, becomes
// Match.NewColleagues: a contact of that customer (name = the display name,
// else the local part; owner = the customer's owner), at most MaxColleagues
// per message. Ingest links each to the message with RuleCc. Co-recipients of
// a message that names no customer are only recorded on it.
//
// Quoted orders and tasks are always linked: the message does quote them.
//
// Against the thread: when the threaded conversation can be read (the
// ingest transaction offers Conversation) and it already has a contact or
// customer, a different customer, or a different contact not at the same
// customer, is a conflict between rule 1 and a weaker rule. The
// conversation is kept (Match.ConversationID); the contact, customer and
// any new contact are dropped, and the conversation's records and the ones
// the rules found become review candidates. A colleague of the thread's
// contact, at the same customer, writing in the thread is linked normally.
//
// # Duplicate check and new leads
//
// Rule 6 runs only when nothing but a thread was linked, nothing is under
// review, no contact is to be created, the thread's conversation (if any)
// has no contact, customer or lead, and the sender is not at one of our
// domains. In order:
//   - leads with the sender's address, then with the stated phone, then
//     (when those find none) with the phones in the text, resolved as
//     above (RuleDupLead; several different leads: review);
//   - customers whose name has the stated company's crm.CompanyKey
//     (RuleCompany; two: review unless a lead was found);
//   - without a lead or customer, leads of that company key (RuleDupLead).
//
// Anything found is linked instead of making a second record. Otherwise
// Match.NewLead is filled from Person, From and Source (source channel =
// in.Channel; phone = the stated one, or the one number in the text; notes
// = subject and text, clipped to Config.NotesMax). A sender with no name,
// company, address or phone is named by the channel's address for them
// (the openid). Automated messages never get a new lead or contact.
//
// # Extraction
//
// Subject and text are searched after cutting quoted replies ("> " lines
// and everything after a reply header: "On … wrote:", "在…写道：",
// "原始邮件", Outlook's From:/Sent: block), at most Config.MaxScan bytes.
// Every number sought holds digits, so the patterns run only on islands
// around digit runs: 32 bytes either side, widened to the next space or
// Chinese punctuation (at most 256 bytes more). A configured pattern must
// therefore hold a digit and keep any label within about 32 bytes of it.
// Order and task numbers come from Config.OrderPatterns and TaskPatterns
// (defaults: DefaultOrderPatterns, DefaultTaskPatterns). Phone numbers:
// github.com/nyaruka/phonenumbers has no working matcher for free text
// (its PhoneNumberMatcher is an unimplemented stub in v1.8.1), so
// candidates are digit runs with + ( ) - . and space separators, after
// blanking addresses, links, dates, times and the order and task numbers;
// a candidate glued to a Latin letter, a code character or a currency sign
// is dropped. phonenumbers decides validity (its VALID leniency); a number
// written with + and a country code is also taken at a length possible for
// that country (the metadata lags behind numbering plans, as
// crm.NormalizePhone allows); a number without a country code must
// moreover be a mobile number or start with the national prefix. Every kind of lookup is capped at Config.MaxLookups
// values per message.
package matcher
