package webform_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/rapport-crm/rapport/channels/webform"
	"github.com/rapport-crm/rapport/crm"
	"github.com/rapport-crm/rapport/internal/testapp"
)

// A form deleted elsewhere (another instance, through the bus) stops
// answering as soon as form.changed arrives, not when its cached copy
// would expire.
func TestChangedFormDropsTheCachedCopy(t *testing.T) {
	t.Parallel()
	app := testapp.New(t, testapp.Options{})
	bus := crm.NewBroker()
	h := webform.New(webform.Config{Forms: app.DB, Ingester: app.Ingester, Now: app.Now, CacheTTL: time.Hour})
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go h.Follow(ctx, bus)
	f := testForm()
	if err := app.DB.CreateForm(ctx, f); err != nil {
		t.Fatal(err)
	}
	get := func() int {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/f/"+f.Key, nil))
		return rec.Code
	}
	if st := get(); st != http.StatusOK {
		t.Fatalf("the form answers %d", st)
	}
	if err := app.DB.DeleteForm(ctx, f.ID); err != nil {
		t.Fatal(err)
	}
	if st := get(); st != http.StatusOK {
		t.Fatalf("the cached copy answers %d; the test needs it cached", st)
	}
	// Published until heard: Follow subscribes in its own goroutine.
	for deadline := time.Now().Add(5 * time.Second); get() != http.StatusNotFound; time.Sleep(5 * time.Millisecond) {
		bus.Publish(crm.Event{Kind: crm.EventFormChanged, RecordID: f.ID})
		if time.Now().After(deadline) {
			t.Fatal("the deleted form still answers after form.changed")
		}
	}
}
