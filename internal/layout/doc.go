// Package layout holds the checks that keep the repository's shape as
// DESIGN.md §2 and §7 draw it; scripts/test runs them with every test:
//
//   - imports_test.go: each package imports only what its row of the
//     layout table allows (crm nothing of ours; adapters and behaviours
//     crm, never each other, a store or web; nothing imports web or cmd);
//   - doccomments_test.go: a doc comment starts with the name it documents.
//
// It has no code of its own.
package layout
