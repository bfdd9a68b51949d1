package answer

import (
	"testing"

	"github.com/timelinebot/timelinebot/data"
)

func TestFirstMention(t *testing.T) {
	tests := []struct {
		text, asked string
		want        mention
		ok          bool
	}{
		{"Also in attendance was Russian Ambassador to the United States Sergey Kislyak.", "Sergey Kislyak",
			mention{name: "Sergey Kislyak", description: "Russian Ambassador to the United States"}, true},
		{"Also in attendance was Russian Ambassador to the United States Sergey Kislyak.", "kislyak",
			mention{name: "Sergey Kislyak", description: "Russian Ambassador to the United States"}, true},
		{"Members, including the mayor and National Security Adviser Ivo Renn, objected.", "Ivo Renn",
			mention{name: "Ivo Renn", description: "National Security Adviser"}, true},
		{"“We will build it,” said harbour commissioner Ada Vrell.", "Vrell",
			mention{name: "Ada Vrell", description: "harbour commissioner"}, true},
		{"The board hired the architect Pavel Sorensen to draw the plans.", "sorensen",
			mention{name: "Pavel Sorensen", description: "architect"}, true},
		{"The plan was checked by Priya Calloway, the chief engineer, in May.", "Priya Calloway",
			mention{name: "Priya Calloway", description: "the chief engineer"}, true},
		{"The plan was checked by Sen. Ola Dunne (R-Maine) in May.", "Dunne",
			mention{name: "Ola Dunne", description: "Sen. (R-Maine)"}, true},
		{"Ada Vrell spoke.", "Vrell", mention{name: "Ada Vrell"}, true},
		{"The board met.", "Vrell", mention{}, false},
		{"The board questioned the plan.", "questioned", mention{}, false}, // not a name
	}
	for _, tt := range tests {
		tl := &data.Timeline{Events: []data.Event{{Text: tt.text}}}
		got, ok := firstMention(tl, tt.asked)
		got.sentence = ""
		if ok != tt.ok || got != tt.want {
			t.Errorf("firstMention(%q, %q) = %+v %v, want %+v %v", tt.text, tt.asked, got, ok, tt.want, tt.ok)
		}
	}
}

func TestAskWhoYesNoSummary(t *testing.T) {
	e := testEngine(t, "testdata/library.json")
	askAll(t, e, []askCase{
		{q: "Who is Odile Brant?", kind: WhoWhat, events: []string{"2020-01-06"}, says: []string{"Odile Brant: chair."}},
		{q: "who's sorensen", kind: WhoWhat, events: []string{"2020-01-07"}, says: []string{"Pavel Sorensen: architect."}},
		{q: "Who is Mina Oduya?", kind: WhoWhat, events: []string{"2020-01-20"}, says: []string{"Retired teacher"}},
		{q: "Who is Napoleon?", kind: WhoWhat, events: []string{}},
		{q: "Did the board hire an architect?", kind: WhoWhat, events: []string{"2020-01-07"}, ranked: true, says: []string{"Yes."}},
		{q: "Did the inspectors visit the reading room?", kind: WhoWhat, events: []string{}, says: []string{"doesn't say so"}},
		{q: "Did the board fire the architect?", kind: WhoWhat, events: []string{}, says: []string{"“fire”"}},
		{q: "What is this timeline about?", kind: Summary, events: []string{}, says: []string{"The Dunmore library expansion (Dunmore Ledger, May 12, 2021): 7 entries, Jan. 6, 2020 to May 10, 2021."}},
		{q: "summarize", kind: Summary, says: []string{"7 entries"}},
	})
}

func TestReports(t *testing.T) {
	tests := []struct {
		sentence, name string
		want           bool
	}{
		{"Trump himself later said in a statement that Sessions “could have stated his response more accurately.”", "Trump", true},
		{"“We will build it,” said harbour commissioner Ada Vrell.", "Vrell", true},
		{"The roof is late, according to chair Odile Brant.", "Brant", true},
		{"Brant, the chair, told reporters the roof was late.", "Odile Brant", true},
		{"Sorensen said Brant was late.", "Brant", false},
		{"Brant opened the wing.", "Brant", false},
	}
	for _, tt := range tests {
		if got := reporterOf(tt.name).reports(tt.sentence); got != tt.want {
			t.Errorf("reports(%q, %q) = %v, want %v", tt.sentence, tt.name, got, tt.want)
		}
	}
}

// "When did X say ...?" is answered by the entry where X says it, not
// the one where another speaks of X.
func TestAskWhatSomeoneSaid(t *testing.T) {
	tl := &data.Timeline{Title: "t", Source: data.Source{Name: "s"}, Events: []data.Event{
		{ID: "a", Dates: []data.Date{{Year: 2020, Month: 3, Day: 1}}, Title: "Brant: the roof will be late",
			Text: "Sorensen said Brant was wrong that the roof would be late."},
		{ID: "b", Dates: []data.Date{{Year: 2020, Month: 4, Day: 1}}, Title: "Roof works",
			Text: "Brant later said in a statement that the roof would be late."},
	}}
	askAll(t, engineOf(t, tl), []askCase{
		{q: "When did Brant say the roof would be late?", kind: When, events: []string{"2020-04-01"}, ranked: true},
	})
}
