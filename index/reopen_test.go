package index

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"github.com/timelinebot/timelinebot/data"
)

// harbour is a made-up timeline for the kept-timeline tests.
func harbour() *data.Timeline {
	return &data.Timeline{
		Title:    "The Quayside ferry",
		Source:   data.Source{Name: "Quayside Gazette"},
		Examples: []string{"when did the ferry first sail?"},
		Events: []data.Event{
			{ID: "launch", Dates: []data.Date{{Year: 1998, Month: time.May, Day: 2}}, Title: "Ferry launched at Quayside", Text: "The ferry Marigold was launched before a crowd."},
			{ID: "first-sailing", Dates: []data.Date{{Year: 1998, Month: time.June}}, Title: "First sailing to Lundy Rock", Text: "Marigold sailed to Lundy Rock with forty passengers.",
				Quotes: []data.Quote{{By: "Edda Vane", Text: "A calm crossing."}}},
		},
	}
}

func keepFor(t *testing.T, dir string, tl *data.Timeline, stamp Stamp) {
	t.Helper()
	ix, _, err := Open(context.Background(), dir, tl, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := ix.KeepTimeline(stamp); err != nil {
		t.Fatal(err)
	}
	if err := ix.Close(); err != nil {
		t.Fatal(err)
	}
}

// A restart with the file's stamp unchanged opens the kept index with the
// kept timeline, whole, and answers as before; any other stamp is
// ErrNotKept, and so is a dir that keeps nothing.
func TestReopen(t *testing.T) {
	dir := t.TempDir()
	stamp := Stamp{Size: 512, ModTime: 1_700_000_000_000_000_000}
	if _, err := Reopen(dir, stamp); !errors.Is(err, ErrNotKept) {
		t.Fatalf("empty dir: %v, want ErrNotKept", err)
	}
	tl := harbour()
	keepFor(t, dir, tl, stamp)

	ix, err := Reopen(dir, stamp)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(ix.Timeline(), tl) {
		t.Errorf("reopened timeline:\n%+v\nwant\n%+v", ix.Timeline(), tl)
	}
	hits, err := ix.Search(context.Background(), Query{Words: "Lundy crossing", Limit: 1, MostWordsFirst: true})
	if err != nil || len(hits) != 1 || hits[0].Event.ID != "first-sailing" {
		t.Errorf("search after reopening: %v %v, want first-sailing", hits, err)
	}
	// Open, it is in use: a second open must not share it.
	if _, err := Reopen(dir, stamp); err == nil || errors.Is(err, ErrNotKept) {
		t.Errorf("reopened while open: %v, want in use", err)
	}
	ix.Close()

	for _, other := range []Stamp{
		{Size: 512, ModTime: stamp.ModTime + 1},
		{Size: 513, ModTime: stamp.ModTime},
		{Size: 512, ModTime: stamp.ModTime, Format: "markdown"},
	} {
		if _, err := Reopen(dir, other); !errors.Is(err, ErrNotKept) {
			t.Errorf("stamp %+v: %v, want ErrNotKept", other, err)
		}
	}
}

// A new file whose entries are the same reuses the index, and its own
// title is kept: the index's key covers only what is indexed.
func TestReopenKeepsTheNewTimeline(t *testing.T) {
	dir := t.TempDir()
	first := Stamp{Size: 1, ModTime: 1}
	keepFor(t, dir, harbour(), first)
	retitled := harbour()
	retitled.Title = "The Quayside ferry, revised"
	second := Stamp{Size: 2, ModTime: 2}
	keepFor(t, dir, retitled, second)

	ix, err := Reopen(dir, second)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	if got := ix.Timeline().Title; got != retitled.Title {
		t.Errorf("title %q, want %q", got, retitled.Title)
	}
	if _, err := Reopen(dir, first); !errors.Is(err, ErrNotKept) {
		t.Errorf("the first file's stamp: %v, want ErrNotKept", err)
	}
}

// A damaged kept timeline is an error to fall back from, never a panic
// or a timeline of garbage.
func TestReopenDamaged(t *testing.T) {
	dir := t.TempDir()
	stamp := Stamp{Size: 1, ModTime: 1}
	keepFor(t, dir, harbour(), stamp)
	bins, err := filepath.Glob(filepath.Join(dir, "timeline-*"))
	if err != nil || len(bins) != 1 {
		t.Fatalf("kept timelines: %v %v", bins, err)
	}
	raw, err := os.ReadFile(bins[0])
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(bins[0], raw[:len(raw)-3], 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := Reopen(dir, stamp); !errors.Is(err, data.ErrBinary) {
		t.Errorf("cut short: %v, want data.ErrBinary", err)
	}
}
