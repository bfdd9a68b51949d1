package index

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"

	"github.com/timelinebot/timelinebot/data"
)

func kept(t *testing.T, dir string, tl *data.Timeline) (*Index, bool) {
	t.Helper()
	ix, reused, err := Open(context.Background(), dir, tl, nil)
	if err != nil {
		t.Fatal(err)
	}
	return ix, reused
}

func entries(t *testing.T, dir string) []string {
	t.Helper()
	es, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range es {
		out = append(out, e.Name())
	}
	return out
}

// A kept index is reused by a restart with the same timeline and answers
// as the one built; a changed timeline is built anew and the old index
// goes; a half-built one (a crash) or a broken one is never used.
func TestKeptIndex(t *testing.T) {
	dir := t.TempDir()
	tl, err := data.Seed()
	if err != nil {
		t.Fatal(err)
	}
	first, reused := kept(t, dir, tl)
	if reused {
		t.Fatal("an empty dir had an index to reuse")
	}
	want, err := first.Search(context.Background(), Query{Words: "Mayflower Hotel", Limit: 3})
	if err != nil {
		t.Fatal(err)
	}
	first.Close()

	again, reused := kept(t, dir, tl)
	if !reused {
		t.Error("the same timeline did not reuse its kept index")
	}
	got, err := again.Search(context.Background(), Query{Words: "Mayflower Hotel", Limit: 3})
	if err != nil || len(got) != len(want) || got[0].Event.ID != want[0].Event.ID {
		t.Errorf("the reused index answers %v, the built one %v (%v)", got, want, err)
	}
	if len(again.vocabulary) == 0 || len(again.dated) == 0 {
		t.Error("the reused index lacks its vocabulary or dates")
	}
	again.Close()

	// A crash mid-build leaves an index without its mark: not used,
	// removed later.
	if err := os.MkdirAll(filepath.Join(dir, "index-0000half0000"), 0o700); err != nil {
		t.Fatal(err)
	}
	changed := *tl
	changed.Events = append([]data.Event(nil), tl.Events...)
	changed.Events[0].Title = "Sessions endorses Trump, changed"
	third, reused := kept(t, dir, &changed)
	if reused {
		t.Error("a changed timeline reused the old index")
	}
	third.Close()
	key := keyOf(&changed)
	if es := entries(t, dir); strings.Join(es, " ") != "index-"+key+" whole-"+key {
		t.Errorf("after a rebuild the dir holds %v, want the new index and its mark alone", es)
	}

	// A kept index that does not open, mark or not, is rebuilt.
	if err := os.RemoveAll(filepath.Join(dir, "index-"+key)); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join(dir, "index-"+key), 0o700); err != nil {
		t.Fatal(err)
	}
	fourth, reused := kept(t, dir, &changed)
	if reused {
		t.Error("a broken kept index was reused")
	}
	if got, err := fourth.Search(context.Background(), Query{Words: "Mayflower Hotel", Limit: 1}); err != nil || len(got) != 1 {
		t.Errorf("the rebuilt index: %v %v", got, err)
	}
	fourth.Close()

	// An index built but not marked whole (a crash before the mark) is
	// built again, not used.
	os.Remove(filepath.Join(dir, "whole-"+key))
	fifth, reused := kept(t, dir, &changed)
	if reused {
		t.Error("an index without its mark was reused")
	}
	fifth.Close()
}

func TestKeyOf(t *testing.T) {
	tl, _ := data.Seed()
	other := *tl
	other.Events = append([]data.Event(nil), tl.Events...)
	other.Events[3].Text += " "
	if keyOf(tl) != keyOf(tl) || keyOf(tl) == keyOf(&other) {
		t.Error("the key does not follow the timeline's content")
	}
}

// A restart reads the acronyms a kept index stored rather than every
// event's text again, and they are the ones a build finds: an acronym
// still finds the name it stands for.
func TestKeptIndexKeepsAcronyms(t *testing.T) {
	dir := t.TempDir()
	tl := &data.Timeline{Title: "Harbor", Source: data.Source{Name: "made up"}, Events: []data.Event{
		{ID: "a", Title: "Ferry service starts", Text: "The Harbor Transit Authority opens the first route.", Dates: []data.Date{{Year: 2001}}},
		{ID: "b", Title: "Storm closes the port", Text: "Boats stay in.", Dates: []data.Date{{Year: 2002}}},
	}}
	first, _ := kept(t, dir, tl)
	built := first.acronyms
	first.Close()
	again, reused := kept(t, dir, tl)
	defer again.Close()
	if !reused {
		t.Fatal("the kept index was not reused")
	}
	if !again.keptAcronyms() {
		t.Fatal("the kept index stores no acronyms")
	}
	if len(built) == 0 || len(again.acronyms) != len(built) || again.acronyms["hta"] != built["hta"] {
		t.Errorf("reopened acronyms %v, built %v", again.acronyms, built)
	}
	hits, err := again.Search(context.Background(), Query{Words: "HTA", Limit: 1})
	if err != nil || len(hits) == 0 || hits[0].Event.ID != "a" {
		t.Errorf("HTA after a restart: %v, %v", hits, err)
	}
}

// A kept index stores its vocabulary, the same as the one built in memory
// reads from its dictionaries, so a restart reads no dictionary, and the
// people its timeline quotes, so it reads no quote.
func TestKeptIndexKeepsVocabulary(t *testing.T) {
	dir := t.TempDir()
	tl := harbour()
	first, _ := kept(t, dir, tl)
	first.Close()
	again, reused := kept(t, dir, tl)
	defer again.Close()
	if !reused || !again.keptVocabulary() {
		t.Fatalf("reused %v; the kept index stores no vocabulary", reused)
	}
	built, err := Build(context.Background(), tl)
	if err != nil {
		t.Fatal(err)
	}
	defer built.Close()
	if !reflect.DeepEqual(again.vocabulary, built.vocabulary) || !slices.Equal(again.words, built.words) || len(built.words) == 0 {
		t.Errorf("kept vocabulary %v %v, built %v %v", again.vocabulary, again.words, built.vocabulary, built.words)
	}
	// And the people it quotes, read by the thesaurus as names.
	speakers, ok := again.keptSpeakers()
	if !ok || !slices.Equal(speakers, []string{"Edda Vane"}) || !reflect.DeepEqual(again.thesaurus.names, built.thesaurus.names) {
		t.Errorf("kept speakers %v (%v), names %v, built %v", speakers, ok, again.thesaurus.names, built.thesaurus.names)
	}
}

// An index held open (a reload of the same timeline while the old index
// still serves, or a second process) is neither removed nor rebuilt under
// its user: the second open builds in memory, and an index for a changed
// timeline leaves the open one in place until it is closed.
func TestKeptIndexHeldOpen(t *testing.T) {
	dir := t.TempDir()
	tl, err := data.Seed()
	if err != nil {
		t.Fatal(err)
	}
	first, _ := kept(t, dir, tl)
	before := entries(t, dir)

	second, reused := kept(t, dir, tl)
	if reused {
		t.Error("an index held open was opened a second time")
	}
	if hits, err := second.Search(context.Background(), Query{Words: "Mayflower"}); err != nil || len(hits) == 0 {
		t.Errorf("the second open answers %v, %v", hits, err)
	}
	second.Close()
	if got := entries(t, dir); !slices.Equal(got, before) {
		t.Errorf("the dir went from %v to %v", before, got)
	}

	changed := *tl
	changed.Events = tl.Events[:len(tl.Events)-1]
	third, _ := kept(t, dir, &changed)
	third.Close()
	if got := entries(t, dir); !slices.Contains(got, before[0]) || len(got) != 4 {
		t.Errorf("with the first still open, the dir holds %v", got)
	}
	if hits, err := first.Search(context.Background(), Query{Words: "Mayflower"}); err != nil || len(hits) == 0 {
		t.Errorf("the first index, still open, answers %v, %v", hits, err)
	}
	first.Close()
	fourth, reused := kept(t, dir, &changed)
	fourth.Close()
	if got := entries(t, dir); !reused || len(got) != 2 {
		t.Errorf("once the first is closed, a start (reused %v) leaves %v", reused, got)
	}
}

// An index another open is still building (no whole mark yet) is not
// removed under its builder either.
func TestKeptIndexBeingBuilt(t *testing.T) {
	dir := t.TempDir()
	tl, err := data.Seed()
	if err != nil {
		t.Fatal(err)
	}
	m, err := newMapping()
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "index-"+keyOf(tl))
	building, err := bleve.NewUsing(path, m, scorch.Name, scorch.Name, scorchConfig)
	if err != nil {
		t.Fatal(err)
	}
	defer building.Close()
	ix, reused := kept(t, dir, tl)
	ix.Close()
	if reused {
		t.Error("a half-built index was reused")
	}
	if _, err := os.Stat(filepath.Join(path, "store", "root.bolt")); err != nil {
		t.Errorf("the index being built was removed: %v", err)
	}
}
