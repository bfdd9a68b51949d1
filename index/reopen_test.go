package index

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
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
		{Size: 512, ModTime: stamp.ModTime, Reader: "markdown v2"},
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
// or a timeline of garbage, and one that is gone (removed by hand, or by
// another process sharing the directory) is not kept; either way the
// next start that reads the file keeps it again.
func TestReopenDamagedOrGone(t *testing.T) {
	for name, c := range map[string]struct {
		change func(path string) error
		want   error
	}{
		"cut short": {func(path string) error {
			raw, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			return os.WriteFile(path, raw[:len(raw)-3], 0o600)
		}, data.ErrBinary},
		"gone": {os.Remove, ErrNotKept},
	} {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			stamp := Stamp{Size: 1, ModTime: 1}
			keepFor(t, dir, harbour(), stamp)
			bins, err := filepath.Glob(filepath.Join(dir, "timeline-*"))
			if err != nil || len(bins) != 1 {
				t.Fatalf("kept timelines: %v %v", bins, err)
			}
			if err := c.change(bins[0]); err != nil {
				t.Fatal(err)
			}
			if _, err := Reopen(dir, stamp); !errors.Is(err, c.want) {
				t.Errorf("%v, want %v", err, c.want)
			}
			keepFor(t, dir, harbour(), stamp)
			ix, err := Reopen(dir, stamp)
			if err != nil {
				t.Fatalf("kept again: %v", err)
			}
			ix.Close()
		})
	}
}

// An index kept under other rules (another mapping, analysis, or way of
// finding acronyms) is not reopened, whatever its file's stamp.
func TestReopenOtherRules(t *testing.T) {
	dir := t.TempDir()
	stamp := Stamp{Size: 1, ModTime: 1}
	keepFor(t, dir, harbour(), stamp)
	path := filepath.Join(dir, keptName)
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	other := strings.Replace(string(raw), rules(), "older-rules", 1)
	if other == string(raw) {
		t.Fatalf("%s does not record the rules: %s", keptName, raw)
	}
	if err := os.WriteFile(path, []byte(other), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := Reopen(dir, stamp); !errors.Is(err, ErrNotKept) {
		t.Errorf("other rules: %v, want ErrNotKept", err)
	}
}

// Only a regular file is stamped: a pipe's contents change with no
// change of size or time.
func TestStampOf(t *testing.T) {
	file := filepath.Join(t.TempDir(), "t.json")
	if err := os.WriteFile(file, []byte("{}"), 0o600); err != nil {
		t.Fatal(err)
	}
	s, err := StampOf(file, "json v1")
	if err != nil || s.Size != 2 || s.Reader != "json v1" || s.ModTime == 0 {
		t.Errorf("%+v %v", s, err)
	}
	if _, err := StampOf(filepath.Dir(file), ""); err == nil {
		t.Error("a directory was stamped")
	}
}

// A part-written file a crash left is removed by a later open; one being
// written now, by another process, is not.
func TestPartFilesLeftByACrash(t *testing.T) {
	dir := t.TempDir()
	old, fresh := filepath.Join(dir, partPrefix+"old"), filepath.Join(dir, partPrefix+"fresh")
	for _, f := range []string{old, fresh} {
		if err := os.WriteFile(f, []byte("part"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	long := time.Now().Add(-2 * time.Hour)
	if err := os.Chtimes(old, long, long); err != nil {
		t.Fatal(err)
	}
	keepFor(t, dir, harbour(), Stamp{Size: 1, ModTime: 1})
	if _, err := os.Stat(old); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the crash's part file is still there: %v", err)
	}
	if _, err := os.Stat(fresh); err != nil {
		t.Errorf("a part file being written was removed: %v", err)
	}
}
