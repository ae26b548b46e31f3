package web

import (
	"encoding/json"
	"testing"
)

// The review, 查重, merge and assignment routes are described with their
// bodies and responses.
func TestOpenAPIReviewRoutes(t *testing.T) {
	t.Parallel()
	s := New(Config{}, Deps{})
	var doc struct {
		Paths      map[string]map[string]json.RawMessage `json:"paths"`
		Components struct {
			Schemas map[string]struct {
				Properties map[string]json.RawMessage `json:"properties"`
			} `json:"schemas"`
		} `json:"components"`
	}
	if err := json.Unmarshal(s.openapi(), &doc); err != nil {
		t.Fatal(err)
	}
	ops := []struct{ method, path, body, response string }{
		{"get", "/api/v1/conversations/{id}", "", "Conversation"},
		{"get", "/api/v1/conversations/{id}/messages", "", "MessageOutList"},
		{"post", "/api/v1/conversations/{id}/review", "ReviewBody", "Conversation"},
		{"get", "/api/v1/review", "", "ReviewItemList"},
		{"post", "/api/v1/duplicates", "DupQuery", "DupMatchList"},
		{"post", "/api/v1/contacts/merge", "Merge", "Contact"},
		{"post", "/api/v1/customers/merge", "Merge", "Customer"},
		{"put", "/api/v1/teams/{id}/assignment-rule", "AssignmentRuleBody", "AssignmentRule"},
	}
	for _, o := range ops {
		raw, ok := doc.Paths[o.path][o.method]
		if !ok {
			t.Errorf("%s %s is not described", o.method, o.path)
			continue
		}
		var op struct {
			RequestBody struct {
				Content map[string]struct {
					Schema schemaRef `json:"schema"`
				} `json:"content"`
			} `json:"requestBody"`
			Responses map[string]struct {
				Content map[string]struct {
					Schema schemaRef `json:"schema"`
				} `json:"content"`
			} `json:"responses"`
		}
		if err := json.Unmarshal(raw, &op); err != nil {
			t.Fatal(err)
		}
		if got := op.RequestBody.Content[jsonT].Schema.ref(); o.body != "" && got != "#/components/schemas/"+o.body {
			t.Errorf("%s %s: body %q, want %s", o.method, o.path, got, o.body)
		}
		if got := op.Responses["200"].Content[jsonT].Schema.ref(); got != "#/components/schemas/"+o.response {
			t.Errorf("%s %s: response %q, want %s", o.method, o.path, got, o.response)
		}
	}
	review := doc.Components.Schemas["ReviewBody"].Properties
	if _, ok := review["conversation_id"]; ok || review["contact_id"] == nil || review["note"] == nil {
		t.Errorf("ReviewBody properties %v: want contact_id and note, no conversation_id", keysOf(review))
	}
	if doc.Components.Schemas["Link"].Properties["rule"] == nil {
		t.Error("messages' links are described without their rule")
	}
}

func keysOf(m map[string]json.RawMessage) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

// schemaRef is a schema that refers to a named one, nullable or not.
type schemaRef struct {
	Ref   string `json:"$ref"`
	OneOf []struct {
		Ref string `json:"$ref"`
	} `json:"oneOf"`
}

func (s schemaRef) ref() string {
	if s.Ref == "" && len(s.OneOf) > 0 {
		return s.OneOf[0].Ref
	}
	return s.Ref
}
