package library

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"path/filepath"
	"strings"
	"testing"

	"github.com/timelinebot/timelinebot/answer"
	"github.com/timelinebot/timelinebot/catalog"
	"github.com/timelinebot/timelinebot/data"
	"github.com/timelinebot/timelinebot/index"
	"github.com/timelinebot/timelinebot/store"
	"github.com/timelinebot/timelinebot/store/storetest"
)

const pier = `{"title": "The Wexley pier", "source": {"name": "Wexley Courier"}, "events": [
	{"dates": ["1890-06-01"], "title": "Pier opens", "text": "A brass band plays."},
	{"dates": ["1953-01-31"], "title": "Storm takes the pier head", "text": "The end of the pier is lost."}]}`

// readJSON imports the project's own format only.
func readJSON(_ string, body []byte) (*data.Timeline, []string, error) {
	tl, err := data.Parse(bytes.NewReader(body))
	return tl, nil, err
}

func open(t *testing.T, st store.Store) (*Library, *catalog.Catalog) {
	t.Helper()
	c := catalog.New()
	l, err := Open(context.Background(), st, c, readJSON, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(l.Close)
	return l, c
}

func boltStore(t *testing.T) store.Store {
	t.Helper()
	st, err := store.OpenBolt(filepath.Join(t.TempDir(), "timelinebot.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

// An upload is answered from at once, by its server only; another
// process sharing the store picks it up, and its removal, at its next
// sync; a restart finds it.
func TestAddSyncRemove(t *testing.T) {
	st := boltStore(t)
	addSyncRemove(t, st, st) // another process: the same file is one process's
}

// Two processes on one PostgreSQL database, each with its own handle.
func TestAddSyncRemovePostgres(t *testing.T) {
	dsn := storetest.FreshPostgres(t)
	var handles [2]store.Store
	for n := range handles {
		st, err := store.OpenPostgres(t.Context(), dsn)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { st.Close() })
		handles[n] = st
	}
	addSyncRemove(t, handles[0], handles[1])
}

func addSyncRemove(t *testing.T, st, other store.Store) {
	ctx := context.Background()
	one, c1 := open(t, st)
	two, c2 := open(t, other)
	e, _, err := one.Add(ctx, "g1", "", "Wexley pier.json", []byte(pier))
	if err != nil {
		t.Fatal(err)
	}
	if e.Name != "wexley-pier" || e.Title() != "The Wexley pier" || len(e.Engine.Timeline().Events) != 2 {
		t.Errorf("added %+v", e)
	}
	if _, ok := c1.Lookup("g2", "wexley-pier"); ok {
		t.Error("another server sees the upload")
	}
	if _, ok := c2.Lookup("g1", "wexley-pier"); ok {
		t.Fatal("the other process has it before syncing")
	}
	if err := two.Sync(ctx); err != nil {
		t.Fatal(err)
	}
	if got, ok := c2.Lookup("g1", "wexley-pier"); !ok || got.Title() != "The Wexley pier" {
		t.Errorf("after a sync the other process has %+v %v", got, ok)
	}
	_, c3 := open(t, st) // a restart
	if _, ok := c3.Lookup("g1", "wexley-pier"); !ok {
		t.Error("a restart lost the upload")
	}
	if err := one.Remove(ctx, "g1", "wexley-pier"); err != nil {
		t.Fatal(err)
	}
	if err := two.Sync(ctx); err != nil {
		t.Fatal(err)
	}
	for i, c := range []*catalog.Catalog{c1, c2} {
		if _, ok := c.Lookup("g1", "wexley-pier"); ok {
			t.Errorf("process %d still has the removed timeline", i+1)
		}
	}
}

func TestAddRefusals(t *testing.T) {
	ctx := context.Background()
	st := boltStore(t)
	l, c := open(t, st)
	tl, _, _ := readJSON("", []byte(pier))
	ix, err := index.Build(ctx, tl)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	if _, err := c.Put(catalog.Shared, "apollo", answer.New(ix)); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		guild, name, file, body, says string
	}{
		{"g1", "apollo", "a.json", pier, "every server has"},
		{"g1", "Bad Name", "a.json", pier, "lowercase letters"},
		{"g1", "", "broken.json", `{"title": "x", "events": [`, "broken.json is not a timeline"},
		{"g1", "", "nodates.json", `{"title": "x", "source": {"name": "s"}, "events": [{"title": "a", "text": "b"}]}`, "dates"},
		{catalog.Shared, "", "a.json", pier, "added to a server"},
	} {
		_, _, err := l.Add(ctx, tt.guild, tt.name, tt.file, []byte(tt.body))
		if err == nil || !strings.Contains(err.Error(), tt.says) {
			t.Errorf("%s %q: %v, want %q", tt.file, tt.name, err, tt.says)
		}
	}
	if all, _, _ := st.All(ctx); len(all) != 0 {
		t.Errorf("refused uploads were kept: %d", len(all))
	}
	if err := l.Remove(ctx, "g1", "apollo"); err == nil {
		t.Error("a server removed a shared timeline")
	}
}

// Two writes of one name may finish in either order: the newer version
// is what the catalog answers from.
func TestNewestVersionWins(t *testing.T) {
	l, c := open(t, boltStore(t))
	build := func(title string) *index.Index {
		tl, _, err := readJSON("", []byte(strings.Replace(pier, "The Wexley pier", title, 1)))
		if err != nil {
			t.Fatal(err)
		}
		ix, err := index.Build(context.Background(), tl)
		if err != nil {
			t.Fatal(err)
		}
		return ix
	}
	if err := l.installIndex(store.Timeline{Guild: "g1", Name: "pier", Version: 2}, build("Newer")); err != nil {
		t.Fatal(err)
	}
	if err := l.installIndex(store.Timeline{Guild: "g1", Name: "pier", Version: 1}, build("Older")); err != nil {
		t.Fatal(err)
	}
	if e, ok := c.Lookup("g1", "pier"); !ok || e.Title() != "Newer" {
		t.Errorf("the catalog answers from %q", e.Title())
	}
}

// A server keeps at most MaxPerServer timelines; replacing one is not
// adding one.
func TestPerServerCap(t *testing.T) {
	ctx := context.Background()
	l, _ := open(t, boltStore(t))
	for n := range MaxPerServer {
		if _, _, err := l.Add(ctx, "g1", fmt.Sprintf("t%d", n), "p.json", []byte(pier)); err != nil {
			t.Fatal(err)
		}
	}
	if _, _, err := l.Add(ctx, "g1", "one-more", "p.json", []byte(pier)); err == nil || !strings.Contains(err.Error(), "the most it may have") {
		t.Errorf("the timeline past the cap: %v", err)
	}
	if _, _, err := l.Add(ctx, "g1", "t0", "p.json", []byte(pier)); err != nil {
		t.Errorf("replacing one at the cap: %v", err)
	}
	if _, _, err := l.Add(ctx, "g2", "t0", "p.json", []byte(pier)); err != nil {
		t.Errorf("another server at g1's cap: %v", err)
	}
}

// A kept timeline that does not load can still be removed.
func TestRemoveWhatDoesNotLoad(t *testing.T) {
	ctx := context.Background()
	st := boltStore(t)
	if _, err := st.Put(ctx, "g1", "broken", []byte(`{"title": "x"}`)); err != nil {
		t.Fatal(err)
	}
	l, c := open(t, st)
	if _, ok := c.Lookup("g1", "broken"); ok {
		t.Fatal("a timeline that does not load is in the catalog")
	}
	if err := l.Remove(ctx, "g1", "broken"); err != nil {
		t.Errorf("removing it: %v", err)
	}
	if _, err := st.Get(ctx, "g1", "broken"); err == nil {
		t.Error("it is still kept")
	}
}
