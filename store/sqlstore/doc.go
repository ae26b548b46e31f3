// Package sqlstore is Rapport's one implementation of crm.Store in raw SQL
// over database/sql. The engine packages (store/sqlite, store/postgres) open
// the connections and supply a Dialect for the few things that differ; the
// queries, the rules and the transactions live here, so that both engines
// behave the same. SQL uses $1, $2… placeholders, which both PostgreSQL and
// SQLite bind by number.
//
// # Transactions travel in ctx
//
// This is the one rule to know before touching this package. A
// transaction is not a parameter: it rides in the context, under three
// keys, and every store method called with that context obeys it.
//
//   - txKey holds the *sql.Tx. WithTx puts it there (and so does withTx,
//     which every writing method uses). A store method called with that
//     ctx JOINS the transaction: its reads (view, query) run on the
//     transaction and see its uncommitted writes; its writes commit or
//     roll back with it. A nested write runs under a SAVEPOINT, so that a
//     failed one is undone whole and, on PostgreSQL, the outer transaction
//     can go on.
//   - writeBehindKey holds an ingest batch's writeBehind (WithIngestTx,
//     the crm.Ingester's group commit). The batch QUEUES its hot writes
//     (leads, conversations, messages and their parts, thread references,
//     cursors: the rowKinds in ingest_rows.go) and sends them at the end
//     as multi-row statements. Any other store call made with the batch's
//     ctx FLUSHES the queue first: a read (through view or query) so that
//     it sees the queued rows, a write (through withTx) so that the rows
//     it may refer to exist, and a write also drops what the batch read
//     ahead, which it may have changed. Inside a batch there are no
//     savepoints: any error rolls the whole batch back, and the Ingester
//     retries each message alone.
//   - directKey is the ESCAPE hatch: direct(ctx) marks a call the batch
//     makes itself knowing it touches no queued table (contacts,
//     customers, attachments…), so it skips the flush. Only the batch's
//     own code (ingest_*.go) may use it.
//
// What does not join: the SQLite search index (a MessageIndex in its own
// file, on its own connections) sees committed messages only. A goroutine
// handed the ctx carries the transaction with it, even past its end:
// context.WithoutCancel keeps the values, so give such work a fresh
// context.
//
// A new store method must:
//   - take ctx first and hand that same ctx to every helper and every
//     other store method it calls, so that it joins what its caller began;
//   - write inside db.withTx and read through db.view (several statements,
//     one snapshot) or db.query (one statement); never use the pools
//     (db.write, db.read) directly: those helpers are what join, flush
//     and take savepoints;
//   - answer "not found" with crm.ENOTFOUND (db.notFound), never nil, nil,
//     and let db.wrap turn a unique violation into crm.ECONFLICT;
//   - if it is an IngestTx method that queues a row, also update the
//     batch's overlay, so that the batch's later reads see the row;
//   - be tested in store/storetest, which runs on both engines.
package sqlstore
