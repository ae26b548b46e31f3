package layout

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// TestDocCommentsStartWithTheirName catches the doc comment left behind
// by a rename ("filterURL is…" above FilterURL): a function's, method's or
// type's doc comment starts with its name (or an article and a sentence).
// A comment starting with another identifier (a lowercase word, or one
// with inner capitals) is reported; one starting with a capitalized plain
// word is taken as prose. init and the Test/Benchmark/Fuzz/Example
// functions, which nobody calls by name, are exempt.
func TestDocCommentsStartWithTheirName(t *testing.T) {
	root := repoRoot(t)
	for _, file := range goFiles(t, root) {
		fset := token.NewFileSet()
		f, err := parser.ParseFile(fset, file, nil, parser.ParseComments)
		if err != nil {
			t.Fatal(err)
		}
		test := strings.HasSuffix(file, "_test.go")
		for name, doc := range documented(f) {
			if word, ok := staleName(name.Name, doc, test); !ok {
				rel, _ := filepath.Rel(root, fset.Position(name.Pos()).Filename)
				t.Errorf("%s:%d: the doc comment of %s starts with %q: start it with %s",
					rel, fset.Position(name.Pos()).Line, name.Name, word, name.Name)
			}
		}
	}
}

// documented yields each top-level function, method and type with its doc
// comment.
func documented(f *ast.File) func(yield func(*ast.Ident, *ast.CommentGroup) bool) {
	return func(yield func(*ast.Ident, *ast.CommentGroup) bool) {
		for _, d := range f.Decls {
			switch d := d.(type) {
			case *ast.FuncDecl:
				if d.Doc != nil && !yield(d.Name, d.Doc) {
					return
				}
			case *ast.GenDecl:
				for _, s := range d.Specs {
					ts, ok := s.(*ast.TypeSpec)
					if !ok {
						continue
					}
					doc := ts.Doc
					if doc == nil && len(d.Specs) == 1 {
						doc = d.Doc
					}
					if doc != nil && !yield(ts.Name, doc) {
						return
					}
				}
			}
		}
	}
}

// staleName returns the comment's first word, and whether it is right.
func staleName(name string, doc *ast.CommentGroup, test bool) (string, bool) {
	words := strings.Fields(doc.Text())
	if len(words) == 0 || name == "init" || test && isTestFunc(name) {
		return "", true
	}
	first := strings.TrimRight(words[0], ".,:;")
	switch {
	case first == name:
		return first, true
	case first == "A" || first == "An" || first == "The":
		return first, true // "A Foo is…", or a sentence
	}
	return first, !looksLikeName(first)
}

// looksLikeName: a word a sentence would not start with, unless it names
// code — lowercase, or with a capital inside (FilterURL, ReceivedAt).
func looksLikeName(w string) bool {
	r, size := utf8.DecodeRuneInString(w)
	if !unicode.IsLetter(r) || strings.ContainsFunc(w, func(r rune) bool { return !isIdentRune(r) }) {
		return false
	}
	return unicode.IsLower(r) || strings.ContainsFunc(w[size:], unicode.IsUpper)
}

func isIdentRune(r rune) bool { return r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r) }

func isTestFunc(name string) bool {
	for _, p := range []string{"Test", "Benchmark", "Fuzz", "Example"} {
		if strings.HasPrefix(name, p) {
			return true
		}
	}
	return false
}
