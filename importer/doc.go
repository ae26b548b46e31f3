// Package importer brings customers, contacts and leads in from CSV and
// XLSX files: it reads a file whole before anything is written (a broken
// file is refused with the reason), guesses which column fills which field
// from Chinese and English headings, runs the rows through the records'
// own validation and the duplicate check (查重), shows a dry run, and
// imports in the background under the scheduler's lease, a chunk of rows
// per transaction with the job's progress, so that a restart resumes where
// the import stopped. Each row's content is keyed, so the same rows
// imported twice create nothing twice; an import is undone whole while its
// records are untouched.
//
// It imports crm only; cmd/rapport wires it to a store, the blob store and
// the scheduler, and the web layer reaches it as a crm.Importer.
package importer
