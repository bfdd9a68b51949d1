package index

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/timelinebot/timelinebot/data"
)

func seedIndex(t testing.TB) *Index {
	t.Helper()
	tl, err := data.Seed()
	if err != nil {
		t.Fatal(err)
	}
	ix, err := Build(context.Background(), tl)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	return ix
}

func day(s string) time.Time {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return t
}

// firstDates names hits by their first date, as the article names its entries.
func firstDates(hits []Hit) []string {
	out := make([]string, len(hits))
	for i, h := range hits {
		out[i] = h.Event.First().String()
	}
	return out
}

func TestKeywordTopHit(t *testing.T) {
	ix := seedIndex(t)
	tests := []struct{ words, top string }{
		{"Heritage Foundation", "2016-07-18"},
		{"Mayflower", "2016-04-27"},
		{"Mayflower Hotel", "2016-04-27"},
		{"1986", "2016-11-18"},
		{"Super Tuesday", "2016-02-28"},
		{"Kislak", "2016-07-18"},          // a slip in the name
		{"Sesions endorse", "2016-02-28"}, // a slip and an inflection
		{"travel ban", "2017-06-05"},
		{"Franken", "2017-01-10"},
		{"Spicer", "2017-06-06"},
		{"civil rights", "2016-11-18"},
		{"national security advisory council", "2016-03-03"},
		{"quit", "2017-06-06"},                 // paraphrase of resign
		{"Russian envoy speech", "2016-04-27"}, // envoy for ambassador
		{"Department of Justice tweets", "2017-06-05"},
		{"This is a movement", "2016-02-28"},
	}
	for _, tt := range tests {
		hits, err := ix.Search(context.Background(), Query{Words: tt.words, Limit: 3})
		if err != nil {
			t.Errorf("%q: %v", tt.words, err)
			continue
		}
		if len(hits) == 0 || hits[0].Event.First().String() != tt.top {
			t.Errorf("%q: top hits %v, want %s first", tt.words, firstDates(hits), tt.top)
		}
	}
}

func TestKeywordMatchesPointAtTheWords(t *testing.T) {
	ix := seedIndex(t)
	hits, err := ix.Search(context.Background(), Query{Words: "Mayflower", Limit: 1})
	if err != nil || len(hits) != 1 {
		t.Fatalf("hits %v, err %v", hits, err)
	}
	var found bool
	for _, m := range hits[0].Matches {
		if m.Field == FieldText && hits[0].Event.Text[m.Start:m.End] == "Mayflower" {
			found = true
		}
	}
	if !found {
		t.Errorf("no match on the word Mayflower in the text: %+v", hits[0].Matches)
	}

	hits, err = ix.Search(context.Background(), Query{Words: "watered down", Limit: 1})
	if err != nil || len(hits) != 1 {
		t.Fatalf("hits %v, err %v", hits, err)
	}
	var inQuote bool
	for _, m := range hits[0].Matches {
		if m.Field == FieldQuoteText {
			q := hits[0].Event.Quotes[m.Quote].Text
			if strings.EqualFold(q[m.Start:m.End], "watered") {
				inQuote = true
			}
		}
	}
	if !inQuote {
		t.Errorf("no match inside a quote: %+v", hits[0].Matches)
	}
}

func TestQuerySyntaxIsText(t *testing.T) {
	ix := seedIndex(t)
	for _, words := range []string{"+foo -bar field:x /.*/ ~ ^", "title:Mayflower", "Mayf*", "/.*/", `"unterminated`, "Kislyak^100", "Franken~5"} {
		hits, err := ix.Search(context.Background(), Query{Words: words})
		if err != nil && !errors.Is(err, ErrNoWords) {
			t.Errorf("%q: %v", words, err)
			continue
		}
		switch words {
		case "title:Mayflower":
			// "title" and "mayflower" are searched as words: the April event has
			// Mayflower in its text, not its title, and is still found.
			if len(hits) == 0 || hits[0].Event.First().String() != "2016-04-27" {
				t.Errorf("%q: hits %v, want the Mayflower event", words, firstDates(hits))
			}
		case "Mayf*", "/.*/", "+foo -bar field:x /.*/ ~ ^":
			if len(hits) != 0 {
				t.Errorf("%q matched %v: operators were interpreted", words, firstDates(hits))
			}
		}
	}
}

func TestOnlyCommonWords(t *testing.T) {
	ix := seedIndex(t)
	if _, err := ix.Search(context.Background(), Query{Words: "the of and"}); !errors.Is(err, ErrNoWords) {
		t.Errorf("err = %v, want ErrNoWords", err)
	}
}

func TestDateWindows(t *testing.T) {
	ix := seedIndex(t)
	tests := []struct {
		name     string
		from, to time.Time
		want     []string
	}{
		{"a day", day("2017-03-02"), day("2017-03-03"), []string{"2017-03-02"}},
		{"an empty day", day("2016-12-25"), day("2016-12-26"), []string{}},
		{"second date of a two-date event", day("2016-09-08"), day("2016-09-09"), []string{"2016-07-18"}},
		{"first date of a two-date event", day("2016-07-18"), day("2016-07-19"), []string{"2016-07-18"}},
		{"a month", day("2017-06-01"), day("2017-07-01"), []string{"2017-06-05", "2017-06-06"}},
		{"a year", day("2016-01-01"), day("2017-01-01"), []string{"2016-02-28", "2016-03-03", "2016-04-27", "2016-07-18", "2016-11-18"}},
		{"a range", day("2016-04-01"), day("2017-02-01"), []string{"2016-04-27", "2016-07-18", "2016-11-18", "2017-01-10"}},
		{"open end", day("2017-03-02"), time.Time{}, []string{"2017-03-02", "2017-06-05", "2017-06-06"}},
		{"open start", time.Time{}, day("2016-04-27"), []string{"2016-02-28", "2016-03-03"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			hits, err := ix.Search(context.Background(), Query{From: tt.from, To: tt.to, ByDate: true})
			if err != nil {
				t.Fatal(err)
			}
			if got := firstDates(hits); strings.Join(got, " ") != strings.Join(tt.want, " ") {
				t.Errorf("got %v, want %v (in this order)", got, tt.want)
			}
		})
	}
}

func TestWholeTimelineInOrder(t *testing.T) {
	ix := seedIndex(t)
	hits, err := ix.Search(context.Background(), Query{})
	if err != nil {
		t.Fatal(err)
	}
	if len(hits) != 9 {
		t.Fatalf("%d events, want 9", len(hits))
	}
	for i, h := range hits {
		if h.Pos != i {
			t.Errorf("hit %d has position %d", i, h.Pos)
		}
	}
}

func TestWordsWithinAWindow(t *testing.T) {
	ix := seedIndex(t)
	hits, err := ix.Search(context.Background(), Query{Words: "Kislyak", From: day("2017-01-01"), To: day("2018-01-01")})
	if err != nil {
		t.Fatal(err)
	}
	for _, h := range hits {
		if h.Event.First().Year != 2017 {
			t.Errorf("hit %s is outside 2017", h.Event.ID)
		}
	}
	if len(hits) < 2 {
		t.Errorf("want the 2017 Kislyak mentions, got %v", firstDates(hits))
	}
}

// Reduced-precision dates mean the whole month or year: a lookup of a day
// inside them finds them.
func TestReducedPrecisionDates(t *testing.T) {
	tl, err := data.Parse(strings.NewReader(`{"title":"T","source":{"name":"S"},"events":[
		{"dates":["2015"],"title":"A year","text":"a"},
		{"dates":["2016-03"],"title":"A month","text":"b"},
		{"dates":["2016-03-15"],"title":"A day","text":"c"},
		{"dates":["2016-04-02"],"title":"Later","text":"d"}]}`))
	if err != nil {
		t.Fatal(err)
	}
	ix, err := Build(context.Background(), tl)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	tests := []struct {
		from, to time.Time
		want     string
	}{
		{day("2016-03-20"), day("2016-03-21"), "2016-03"},
		{day("2016-03-15"), day("2016-03-16"), "2016-03 2016-03-15"},
		{day("2015-07-04"), day("2015-07-05"), "2015"},
		{day("2016-04-01"), day("2016-05-01"), "2016-04-02"},
	}
	for _, tt := range tests {
		hits, err := ix.Search(context.Background(), Query{From: tt.from, To: tt.to, ByDate: true})
		if err != nil {
			t.Fatal(err)
		}
		if got := strings.Join(firstDates(hits), " "); got != tt.want {
			t.Errorf("[%s, %s): got %q, want %q", tt.from.Format("2006-01-02"), tt.to.Format("2006-01-02"), got, tt.want)
		}
	}
}

func TestEveryWord(t *testing.T) {
	ix := seedIndex(t)
	any, err := ix.Search(context.Background(), Query{Words: "Kislyak Heritage"})
	if err != nil {
		t.Fatal(err)
	}
	every, err := ix.Search(context.Background(), Query{Words: "Kislyak Heritage", Every: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(any) < 2 {
		t.Errorf("any word: %v, want every event naming Kislyak", firstDates(any))
	}
	if got := strings.Join(firstDates(every), " "); got != "2016-07-18" {
		t.Errorf("every word: %v, want only the Heritage Foundation meeting", got)
	}
	// A paraphrase satisfies a word: "envoy" stands for "ambassador".
	every, err = ix.Search(context.Background(), Query{Words: "envoy Mayflower", Every: true})
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(firstDates(every), " "); got != "2016-04-27" {
		t.Errorf("envoy Mayflower: %v, want the Mayflower speech", got)
	}
}

// A long stem reaches the words derived from it that the stemmer keeps
// apart: "president" finds "presidential".
func TestDerivedWords(t *testing.T) {
	ix := seedIndex(t)
	hits, err := ix.Search(context.Background(), Query{Words: "endorse president", Every: true})
	if err != nil {
		t.Fatal(err)
	}
	if got := firstDates(hits); len(got) == 0 || got[0] != "2016-02-28" {
		t.Errorf("endorse president (every word): %v, want the endorsement, whose text says \"presidential\"", got)
	}
}

// An event with more of the words goes above one with fewer, however
// much weight the fewer carry: a common word in a title does not outrank
// the entry that has all of them.
func TestMostWordsFirst(t *testing.T) {
	ix := seedIndex(t)
	for _, c := range []struct{ words, top string }{
		{"Trump's tweets", "2017-06-05"},
		{"trump give sessions official spot campaign team", "2016-03-03"},
	} {
		hits, err := ix.Search(context.Background(), Query{Words: c.words, Limit: 5, MostWordsFirst: true})
		if err != nil {
			t.Fatal(err)
		}
		if got := firstDates(hits); len(got) == 0 || got[0] != c.top {
			t.Errorf("%q: %v, want %s first", c.words, got, c.top)
		}
	}
}

// A word the timeline never uses is tried as two words it does:
// "splashdown" finds "splashes down" and "splashed down".
func TestCompoundWords(t *testing.T) {
	tl := &data.Timeline{Title: "t", Source: data.Source{Name: "s"}, Events: []data.Event{
		{ID: "launch", Dates: []data.Date{{Year: 1970, Month: 4, Day: 11}}, Title: "Launch", Text: "The rocket lifts off."},
		{ID: "return", Dates: []data.Date{{Year: 1970, Month: 4, Day: 17}}, Title: "Return", Text: "The capsule splashes down in the Pacific."},
	}}
	ix, err := Build(context.Background(), tl)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	hits, err := ix.Search(context.Background(), Query{Words: "splashdown"})
	if err != nil {
		t.Fatal(err)
	}
	if len(hits) != 1 || hits[0].Event.ID != "return" {
		t.Errorf("splashdown: %v, want the return", firstDates(hits))
	}
	if got := ix.split("capsule"); got != "" {
		t.Errorf("a word the timeline uses was split: %q", got)
	}
}

// A short name typed with a slip still finds its person; a first name
// alone stands for the person the story calls by the last; "layoffs"
// reaches "lays off".
func TestNamesAndShortWords(t *testing.T) {
	tl := &data.Timeline{Title: "t", Source: data.Source{Name: "s"}, Events: []data.Event{
		{ID: "bid", Dates: []data.Date{{Year: 2022, Month: 4, Day: 14}}, Title: "Musk bids for Twitter", Text: "Musk offered to buy the company.",
			Quotes: []data.Quote{{By: "Elon Musk", Text: "I offered to buy the company."}}},
		{ID: "cuts", Dates: []data.Date{{Year: 2022, Month: 11, Day: 4}}, Title: "Twitter lays off half its staff", Text: "The company lays off thousands."},
		{ID: "suit", Dates: []data.Date{{Year: 2022, Month: 7, Day: 12}}, Title: "Twitter sues", Text: "The board sued Musk in Delaware."},
	}}
	ix, err := Build(context.Background(), tl)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	for _, c := range []struct{ words, want string }{
		{"Musc", "bid suit"}, // one slip in four letters
		{"Elon", "bid suit"}, // the suit says only "Musk"
		{"layoffs", "cuts"},  // "lay off"
		{"Agarwal", ""},      // no such name: nothing, not a near miss
	} {
		hits, err := ix.Search(context.Background(), Query{Words: c.words})
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, h := range hits {
			got = append(got, h.Event.ID)
		}
		slices.Sort(got)
		if strings.Join(got, " ") != c.want {
			t.Errorf("%q: %v, want %s", c.words, got, c.want)
		}
	}
}

// Windows reaching past the years a timeline may cover find nothing there
// rather than failing.
func TestWindowsBeyondTheIndexableYears(t *testing.T) {
	ix := seedIndex(t)
	for _, q := range []Query{
		{From: time.Date(2500, 1, 1, 0, 0, 0, 0, time.UTC), ByDate: true},
		{To: time.Date(1500, 1, 1, 0, 0, 0, 0, time.UTC), ByDate: true},
		{From: time.Date(1500, 1, 1, 0, 0, 0, 0, time.UTC), To: time.Date(1600, 1, 1, 0, 0, 0, 0, time.UTC)},
	} {
		hits, err := ix.Search(context.Background(), q)
		if err != nil || len(hits) != 0 {
			t.Errorf("%v..%v: %v, %v; want nothing", q.From, q.To, firstDates(hits), err)
		}
	}
	hits, err := ix.Search(context.Background(), Query{From: time.Date(1500, 1, 1, 0, 0, 0, 0, time.UTC), ByDate: true})
	if err != nil || len(hits) != 9 {
		t.Errorf("from 1500: %d hits, %v; want all 9", len(hits), err)
	}
}

// No paraphrase belongs to two groups: a query word takes the first group
// it is in, so the second would never be reached.
func TestParaphraseGroupsAreDisjoint(t *testing.T) {
	ix := seedIndex(t)
	seen := map[string]int{}
	for g, group := range ix.thesaurus.groups {
		for _, m := range group {
			key := strings.Join(m.tokens, " ")
			if other, dup := seen[key]; dup && other != g {
				t.Errorf("%q is in groups %d and %d", m.text, other, g)
			}
			seen[key] = g
		}
	}
}

// A noun the timeline never uses is found by the verb it is made from,
// which the stemmer keeps apart: "merger" finds "merges", "settlement"
// finds "settled".
func TestDerivedNouns(t *testing.T) {
	tl := &data.Timeline{Title: "t", Source: data.Source{Name: "s"}, Events: []data.Event{
		{ID: "sale", Dates: []data.Date{{Year: 1991, Month: 9}}, Title: "Editor goes on sale", Text: "The studio sold its editor by mail."},
		{ID: "merge", Dates: []data.Date{{Year: 1995, Month: 4}}, Title: "Studio merges with a rival", Text: "The two studios merged."},
		{ID: "settle", Dates: []data.Date{{Year: 1993, Month: 2}}, Title: "Lawsuit ends", Text: "The two sides settled out of court."},
	}}
	ix, err := Build(context.Background(), tl)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	for _, c := range []struct{ words, top string }{{"merger", "merge"}, {"settlement", "settle"}} {
		hits, err := ix.Search(context.Background(), Query{Words: c.words, MostWordsFirst: true})
		if err != nil {
			t.Fatal(err)
		}
		if len(hits) == 0 || hits[0].Event.ID != c.top {
			t.Errorf("%q: %v, want %s first", c.words, hits, c.top)
		}
	}
}

// Events that match a query equally well come in chronological order,
// whether the search is cut short or not: bleve ranks by score alone,
// and ties, across the cut too, are the index's to break.
func TestTiesInChronologicalOrder(t *testing.T) {
	tl := &data.Timeline{Title: "Ties", Source: data.Source{Name: "test"}}
	for i := range 40 {
		tl.Events = append(tl.Events, data.Event{
			ID:    fmt.Sprintf("e%02d", i),
			Dates: []data.Date{{Year: 2000 + i, Month: time.May, Day: 1}},
			Title: "Lighthouse keeper logs a storm",
			Text:  "The keeper logged the storm.",
		})
	}
	// Two events match better, and not first in time.
	tl.Events[30].Title = "Lighthouse keeper logs a storm, and a lighthouse fire"
	tl.Events[35].Title = "Lighthouse keeper logs a storm, and a lighthouse fire"
	ix, err := Build(context.Background(), tl)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	for _, c := range []struct {
		q    Query
		want string
	}{
		{Query{Words: "lighthouse fire", Limit: 4}, "e30 e35 e00 e01"},
		{Query{Words: "storm", Limit: 3}, "e00 e01 e02"},
		{Query{Words: "storm", Limit: 3, MostWordsFirst: true}, "e00 e01 e02"},
		{Query{Words: "storm", Limit: 3, ByDate: true}, "e00 e01 e02"},
		{Query{Words: "storm keeper", Every: true, ByDate: true}, strings.Join(ids(tl.Events), " ")},
		{Query{From: day("2035-01-01"), ByDate: true}, "e35 e36 e37 e38 e39"},
	} {
		hits, err := ix.Search(context.Background(), c.q)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, h := range hits {
			got = append(got, h.Event.ID)
		}
		if strings.Join(got, " ") != c.want {
			t.Errorf("%+v: %v, want %v", c.q, got, c.want)
		}
	}
}

func ids(events []data.Event) []string {
	var out []string
	for _, e := range events {
		out = append(out, e.ID)
	}
	return out
}

// More events tie than a ranked search's pool holds: the ones shown are
// still the earliest, whichever order the index holds them in.
func TestTiesPastThePool(t *testing.T) {
	tl := &data.Timeline{Title: "Ties", Source: data.Source{Name: "made up"}}
	for i := range rankPool + 200 {
		tl.Events = append(tl.Events, data.Event{
			ID:    fmt.Sprintf("e%04d", i),
			Dates: []data.Date{{Year: 1700 + i/12, Month: time.Month(1 + i%12)}},
			Title: "Lighthouse keeper logs a storm",
			Text:  "The keeper logged the storm.",
		})
	}
	for range 3 { // each build orders the index by its own chance
		ix, err := Build(context.Background(), tl)
		if err != nil {
			t.Fatal(err)
		}
		hits, err := ix.Search(context.Background(), Query{Words: "storm", Limit: 3, MostWordsFirst: true})
		ix.Close()
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, h := range hits {
			got = append(got, h.Event.ID)
		}
		if strings.Join(got, " ") != "e0000 e0001 e0002" {
			t.Fatalf("%v, want e0000 e0001 e0002", got)
		}
	}
}

// A word the timeline has many longer forms of counts as much as a word
// with none: its forms are one clause of the query, not one each, or
// bleve's share of clauses matched would all but drown it.
func TestManyFormsDoNotDrownAWord(t *testing.T) {
	tl := &data.Timeline{Title: "Forms", Source: data.Source{Name: "made up"}}
	add := func(id, title string) {
		tl.Events = append(tl.Events, data.Event{ID: id, Dates: []data.Date{{Year: 1900 + len(tl.Events)}}, Title: title, Text: "A note was made."})
	}
	add("zephyr", "The zephyrian winds")
	add("marigold", "The marigolds bloom")
	for i := range 30 {
		add(fmt.Sprintf("z%d", i), fmt.Sprintf("The zephyrian%c%c report", 'a'+i/26, 'a'+i%26))
	}
	ix, err := Build(context.Background(), tl)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	hits, err := ix.Search(context.Background(), Query{Words: "zephyrian marigolds", Limit: 40})
	if err != nil {
		t.Fatal(err)
	}
	score := map[string]float64{}
	for _, h := range hits {
		score[h.Event.ID] = h.Score
	}
	if score["zephyr"] == 0 || score["marigold"]/score["zephyr"] > 4 {
		t.Errorf("zephyrian %.4f, marigolds %.4f: one word's many forms drown it", score["zephyr"], score["marigold"])
	}
}
