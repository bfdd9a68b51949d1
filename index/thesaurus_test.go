package index

import (
	"context"
	"fmt"
	"testing"

	"github.com/timelinebot/timelinebot/data"
)

// buildIndex indexes a made-up timeline of the given texts, one event
// each, with ids e0, e1, ...
func buildIndex(t *testing.T, synonyms [][]string, texts ...string) *Index {
	t.Helper()
	tl := &data.Timeline{Title: "t", Source: data.Source{Name: "s"}, Synonyms: synonyms}
	for i, text := range texts {
		tl.Events = append(tl.Events, data.Event{ID: fmt.Sprintf("e%d", i), Dates: []data.Date{{Year: 2001, Month: 1, Day: i + 1}}, Title: "Entry", Text: text})
	}
	ix, err := Build(context.Background(), tl)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	return ix
}

func topID(t *testing.T, ix *Index, words string) string {
	t.Helper()
	hits, err := ix.Search(context.Background(), Query{Words: words, Limit: 1, MostWordsFirst: true})
	if err != nil {
		t.Fatalf("%q: %v", words, err)
	}
	if len(hits) == 0 {
		return ""
	}
	return hits[0].Event.ID
}

// Every member of every paraphrase group finds an entry that words it
// as the group's first member, on a made-up timeline with a neighbour
// that does not.
func TestEveryParaphraseFindsItsGroup(t *testing.T) {
	for _, group := range paraphrases {
		ix := buildIndex(t, nil, "The harbour board discussed the weather.", "The harbour board said it would "+group[0]+" soon.")
		for _, member := range group[1:] {
			if got := topID(t, ix, member); got != "e1" {
				t.Errorf("%q (for %q) found %q, want the entry that says %q", member, group[0], got, group[0])
			}
		}
	}
}

// A timeline's own synonyms work as the general table does, and win
// where they overlap it.
func TestTimelineSynonyms(t *testing.T) {
	ix := buildIndex(t, [][]string{{"Forgemoot", "gathering", "meetup"}},
		"The guild held its first Forgemoot in a basement.", "The guild met the press.")
	for _, w := range []string{"gathering", "meetup"} {
		if got := topID(t, ix, w); got != "e0" {
			t.Errorf("%q found %q, want the Forgemoot", w, got)
		}
	}
	plain := buildIndex(t, nil, "The guild held its first Forgemoot in a basement.", "The guild met the press.")
	if got := topID(t, plain, "meetup"); got != "" {
		t.Errorf("without the synonyms, %q found %q", "meetup", got)
	}
}

// An acronym the timeline never uses finds the name it stands for.
func TestAcronyms(t *testing.T) {
	ix := buildIndex(t, nil, "The Harbour Bridge Authority approved the plan.", "The Department of Transport objected.", "Nobody came.")
	for _, c := range []struct{ words, top string }{{"HBA", "e0"}, {"DOT", "e1"}, {"hba plan", "e0"}} {
		if got := topID(t, ix, c.words); got != c.top {
			t.Errorf("%q found %q, want %s", c.words, got, c.top)
		}
	}
	for _, w := range ix.Words("HBA") {
		if w.Presence != Present {
			t.Errorf("HBA is %v, want present as the name it stands for", w.Presence)
		}
	}
}
