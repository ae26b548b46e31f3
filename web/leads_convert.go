package web

import (
	"net/http"
	"strconv"

	"github.com/rapport-crm/rapport/crm"
)

// ConvertRequest is the body of POST /api/v1/leads/{id}/convert.
type ConvertRequest struct {
	crm.LeadConversion
	// Confirm converts even though 查重 found likely duplicates; without
	// it such a conversion is refused (409) so the caller can choose one.
	Confirm bool `json:"confirm"`
}

// convertPage is the convert form: the lead, its likely duplicates, and
// the customer and contact to convert it into (new ones by default).
type convertPage struct {
	*recordPage
	Lead                *crm.Lead
	Dups                []dupView
	Customer, Contact   fieldView
	LeadName, ErrorText string
}

// convertLead converts a lead after checking for duplicates; it answers
// the conversion.
func (s *Server) convertLead(r *http.Request) (crm.LeadConversion, error) {
	var req ConvertRequest
	if err := decodeNew(r, &req); err != nil {
		return crm.LeadConversion{}, err
	}
	id, err := pathID(r)
	if err != nil {
		return crm.LeadConversion{}, err
	}
	return s.convert(r, id, req)
}

func (s *Server) convert(r *http.Request, id int64, req ConvertRequest) (crm.LeadConversion, error) {
	ts, ok := s.store.(timelineStore)
	if !ok {
		return crm.LeadConversion{}, crm.Errorf(crm.ENOTIMPLEMENTED, "this server cannot convert leads")
	}
	ctx, v := r.Context(), viewerOf(r)
	l, err := s.store.Lead(ctx, v, id)
	if err != nil {
		return crm.LeadConversion{}, err
	}
	if req.CustomerID == nil && !req.Confirm {
		ms, err := s.leadDuplicates(r, l)
		if err != nil {
			return crm.LeadConversion{}, err
		}
		if len(ms) > 0 {
			return crm.LeadConversion{}, crm.Errorf(crm.ECONFLICT,
				"Customers or contacts like this lead exist already (查重): choose one as customer_id, or send confirm.")
		}
	}
	return ts.ConvertLead(ctx, v, l.ID, req.LeadConversion)
}

// leadDuplicates are the customers and contacts like the lead (not the
// lead itself, nor other leads: it is customers a conversion makes).
func (s *Server) leadDuplicates(r *http.Request, l *crm.Lead) ([]crm.DupMatch, error) {
	q := crm.DupQuery{Company: l.Company, Phone: l.Phone, Email: l.Email}
	if q.Empty() || checkDupQuery(q) != nil {
		return nil, nil
	}
	ms, err := s.store.FindDuplicates(r.Context(), viewerOf(r), q)
	out := ms[:0]
	for _, m := range ms {
		if m.Kind == crm.RefCustomer || m.Kind == crm.RefContact {
			out = append(out, m)
		}
	}
	return out, err
}

// getConvert shows the convert form.
func (s *Server) getConvert(w http.ResponseWriter, r *http.Request) {
	s.showConvert(w, r, http.StatusOK, "")
}

func (s *Server) showConvert(w http.ResponseWriter, r *http.Request, status int, problem string) {
	id, err := pathID(r)
	var l *crm.Lead
	if err == nil {
		l, err = s.store.Lead(r.Context(), viewerOf(r), id)
	}
	var ms []crm.DupMatch
	if err == nil {
		ms, err = s.leadDuplicates(r, l)
	}
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	d := &convertPage{recordPage: s.recordPageData(w, r, "leads", ""), Lead: l, ErrorText: problem,
		LeadName: firstOf(l.Name, l.Company, l.Email, l.Phone)}
	d.Heading = d.T("hub.convert") + " · " + d.LeadName
	d.Action = "/leads/" + strconv.FormatInt(l.ID, 10) + "/convert"
	for _, m := range ms {
		dv := dupView{DupMatch: m, KindLabel: d.T("ref." + m.Kind), RuleLabel: ruleName(d.Lang, m.Rule)}
		if m.Visible {
			dv.URL, dv.Mergeable = "/"+m.Kind+"s/"+strconv.FormatInt(m.ID, 10), m.Kind == crm.RefCustomer
		}
		d.Dups = append(d.Dups, dv)
	}
	c, err := s.newCells(r.Context(), viewerOf(r), d.Lang)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	fs := c.fieldViews([]field{{Name: "customer_id", Type: "id", Pick: "customers"},
		{Name: "contact_id", Type: "id", Pick: "contacts", Scope: "customer_id"}}, r.PostForm, nil, true)
	d.Customer, d.Contact = fs[0], fs[1]
	s.render(w, r, status, "lead_convert", d)
}

// postConvert converts from the form and opens the customer.
func (s *Server) postConvert(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, s.cfg.MaxBodyBytes)
	if err := r.ParseForm(); err != nil {
		s.writeError(w, r, invalid("body", "the form could not be read"))
		return
	}
	id, err := pathID(r)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	req := ConvertRequest{Confirm: r.PostForm.Get("confirm") == "1"}
	for name, dst := range map[string]**int64{"customer_id": &req.CustomerID, "contact_id": &req.ContactID} {
		if v := r.PostForm.Get(name); v != "" {
			n, err := parseID(v)
			if err != nil {
				s.writeError(w, r, invalid(name, "must be a record's id"))
				return
			}
			*dst = &n
		}
	}
	done, err := s.convert(r, id, req)
	switch crm.ErrorCode(err) {
	case "":
		http.Redirect(w, r, "/customers/"+strconv.FormatInt(*done.CustomerID, 10), http.StatusSeeOther)
	case crm.ECONFLICT, crm.EINVALID:
		s.showConvert(w, r, http.StatusConflict, crm.ErrorMessage(err))
	default:
		s.writeError(w, r, err)
	}
}

// convertRoutes are the lead conversion's page, form and API.
func (s *Server) convertRoutes() []route {
	return []route{
		rawRoute(get, "/leads/{id}/convert", "The form to convert a lead into a customer and contact (转为客户), with 查重",
			html, s.getConvert).page().query(recLangParam),
		rawRoute(post, "/leads/{id}/convert", "Convert a lead (form), then open the customer", html, s.postConvert).page().query(recLangParam),
		apiRoute(post, "/api/v1/leads/{id}/convert", "Convert a lead into a customer and contact (new ones unless "+
			"customer_id/contact_id are given), keeping its conversations and history; 409 when 查重 finds likely "+
			"duplicates and confirm is not set, or the lead was converted already", s.convertLead).in(ConvertRequest{}),
	}
}
