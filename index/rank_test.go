package index

import (
	"context"
	"slices"
	"testing"

	"github.com/timelinebot/timelinebot/data"
)

// rankTimeline is made up for ranking: one rare word in the right event,
// common words everywhere, and a title word in another.
func rankTimeline(t *testing.T) *Index {
	t.Helper()
	tl := &data.Timeline{Title: "t", Source: data.Source{Name: "s"}, Events: []data.Event{
		{ID: "visit", Dates: []data.Date{{Year: 2019, Month: 3, Day: 1}}, Title: "Mayor and envoy meet at the port",
			Text: "The mayor met the envoy at the port, said an official of the council."},
		{ID: "office", Dates: []data.Date{{Year: 2019, Month: 5, Day: 2}}, Title: "Second meeting",
			Text: "The mayor met the envoy again, this time in the mayor's office."},
		{ID: "budget", Dates: []data.Date{{Year: 2019, Month: 6, Day: 3}}, Title: "Council passes the budget",
			Text: "The mayor's budget passed the council."},
		{ID: "sale", Dates: []data.Date{{Year: 2019, Month: 8, Day: 4}}, Title: "Harbour land sold",
			Text: "The council sold the harbour land to the Quillon company; the mayor signed."},
		{ID: "vote", Dates: []data.Date{{Year: 2019, Month: 9, Day: 5}}, Title: "Council agrees the plan",
			Text: "The council agreed the harbour plan."},
	}}
	ix, err := Build(context.Background(), tl)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	return ix
}

// The event with the rarest of the words comes first, though another has
// more of the common ones and the rare word's start ("office" in
// "official"); a title that names the words outranks a text that does.
func TestRankByInformation(t *testing.T) {
	ix := rankTimeline(t)
	for _, c := range []struct{ words, top string }{
		{"mayor meet envoy office", "office"}, // "office", not "official"
		{"mayor meet envoy port", "visit"},
		{"council agree", "vote"},          // in the title, not the text of another
		{"Quilon company", "sale"},         // a slip in a name the timeline lacks as typed
		{"when was the land sold", "sale"}, // irregular "sold"
		{"mayor sell land", "sale"},        // "sell" is "sold"
	} {
		hits, err := ix.Search(context.Background(), Query{Words: c.words, Limit: 3, MostWordsFirst: true})
		if err != nil {
			t.Fatal(err)
		}
		if len(hits) == 0 || hits[0].Event.ID != c.top {
			var got []string
			for _, h := range hits {
				got = append(got, h.Event.ID)
			}
			t.Errorf("%q: %v, want %s first", c.words, got, c.top)
		}
	}
}

func TestWordsPresence(t *testing.T) {
	ix := rankTimeline(t)
	tl := &data.Timeline{Title: "t", Source: data.Source{Name: "s"}, Events: []data.Event{
		{ID: "suit", Dates: []data.Date{{Year: 2020, Month: 1, Day: 1}}, Title: "Builders sued",
			Text: "The town sued the builders in Washington, D.C., and Ada Agrawal wrote the complaint."},
	}}
	ix2, err := Build(context.Background(), tl)
	if err != nil {
		t.Fatal(err)
	}
	defer ix2.Close()
	tests := []struct {
		ix    *Index
		words string
		want  []Word
	}{
		{ix, "mayor Putin", []Word{{"mayor", Present, false}, {"Putin", Absent, false}}},
		{ix, "fired", []Word{{"fired", Absent, true}}},
		{ix, "mayr", []Word{{"mayr", Slipped, true}}},
		{ix, "Councel", []Word{{"Councel", Slipped, false}}},
		{ix, "envoys", []Word{{"envoys", Present, false}}},
		{ix, "ambassador", []Word{{"ambassador", Present, false}}}, // a paraphrase of envoy
		{ix, "meeting", []Word{{"meeting", Present, true}}},
		{ix2, "sue", []Word{{"sue", Present, true}}}, // "sued": one term after the final e goes
		{ix2, "DC", []Word{{"DC", Slipped, true}}},
		{ix2, "Agarwal", []Word{{"Agarwal", Slipped, false}}}, // two letters swapped
		{ix2, "write", []Word{{"write", Present, true}}},      // "wrote"
	}
	for _, tt := range tests {
		if got := tt.ix.Words(tt.words); !slices.Equal(got, tt.want) {
			t.Errorf("Words(%q) = %+v, want %+v", tt.words, got, tt.want)
		}
	}
}
