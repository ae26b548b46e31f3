package web

import (
	"net/http"
	"strconv"

	"github.com/rapport-crm/rapport/crm"
)

// moveWithCustomer moves a customer's open records to its new owner when
// the edit form changed the owner and kept "move open records" ticked.
func (s *Server) moveWithCustomer(r *http.Request, old, c *crm.Customer) error {
	if r.PostForm.Get("move_open") != "true" || old.OwnerID == nil || sameID(old.OwnerID, c.OwnerID) {
		return nil
	}
	mv, ok := s.store.(crm.CustomerMover)
	if !ok {
		return nil
	}
	_, err := mv.MoveOpenRecords(r.Context(), viewerOf(r), c.ID, *old.OwnerID)
	return err
}

// followOwner is the owner choice "the customer's owner".
const followOwner = "follow"

// followOwnerField is a contact's owner: on a new contact, by default the
// customer's owner, since ownership follows the customer.
var followOwnerField = field{Name: "owner_id", Type: "user", Follow: true}

// withFollow puts "the customer's owner" first among the owner choices,
// chosen unless another owner than the creating user was picked.
func (c *cells) withFollow(opts []selectOption, v string) []selectOption {
	follow := v == followOwner || v == strconv.FormatInt(c.v.UserID, 10)
	if follow {
		for i := range opts {
			opts[i].Selected = false
		}
	}
	return append([]selectOption{{Value: followOwner, Label: c.t("owner.follow"), Selected: follow}}, opts...)
}

// MoveOpenRequest is the body of POST /api/v1/customers/{id}/move-open.
type MoveOpenRequest struct {
	FromOwnerID int64 `json:"from_owner_id"`
}

// moveOpenRecords gives the customer's owner the open records its
// previous owner still holds.
func (s *Server) moveOpenRecords(r *http.Request) (crm.MovedRecords, error) {
	var req MoveOpenRequest
	if err := decodeNew(r, &req); err != nil {
		return crm.MovedRecords{}, err
	}
	id, err := pathID(r)
	if err != nil {
		return crm.MovedRecords{}, err
	}
	if req.FromOwnerID <= 0 {
		return crm.MovedRecords{}, invalid("from_owner_id", "must be a user's id")
	}
	mv, ok := s.store.(crm.CustomerMover)
	if !ok {
		return crm.MovedRecords{}, crm.Errorf(crm.ENOTIMPLEMENTED, "this server cannot move records")
	}
	return mv.MoveOpenRecords(r.Context(), viewerOf(r), id, req.FromOwnerID)
}

// moveRoutes is the customer's "move open records" API.
func (s *Server) moveRoutes() []route {
	return []route{apiRoute(post, "/api/v1/customers/{id}/move-open", "After reassigning a customer: give its owner "+
		"the contacts, draft and active orders, open tasks and unresolved conversations that from_owner_id still holds of it",
		s.moveOpenRecords).in(MoveOpenRequest{})}
}
