package answer

import (
	"reflect"
	"testing"
)

func TestPredicates(t *testing.T) {
	tests := []struct {
		q    string
		want []string
	}{
		{"When did Kislyak leave Washington", []string{"leave"}},
		{"When did the bridge collapse", []string{"collapse"}},
		{"when did the firm go bankrupt", []string{"go", "bankrupt"}},
		{"When was Sessions fired", []string{"fired"}},
		{"When was harbour commissioner Tobiah Lusk arrested", []string{"arrested"}},
		{"when did they break ground", []string{"break"}},
		{"When did Vosk put out the first version", []string{"put"}}, // "out" is a particle
		{"why were some members unhappy when the chair was tapped", []string{"tapped"}},
		{"What happened after the gala", nil},
		{"Who is Odile Brant", nil},
	}
	for _, tt := range tests {
		if got := predicates(tt.q); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("predicates(%q) = %q, want %q", tt.q, got, tt.want)
		}
	}
}

// A question that depends on a name or a happening the timeline never
// mentions is answered so, with no events; words the timeline merely puts
// otherwise are searched.
func TestAskAbstains(t *testing.T) {
	e := testEngine(t, "testdata/library.json")
	askAll(t, e, []askCase{
		{q: "When did Odile Brant meet Obama?", kind: When, events: []string{}, says: []string{"doesn't mention Obama"}},
		{q: "When was Pavel Sorensen fired?", kind: When, events: []string{}, says: []string{"“fired”", "The nearest it has: Jan. 7, 2020, Architect hired"}},
		{q: "When did the library go bankrupt?", kind: When, events: []string{}, says: []string{"“bankrupt”"}},
		{q: "What happened after Napoleon visited?", kind: After, events: []string{}, says: []string{"doesn't mention Napoleon"}},
		{q: "Who is Napoleon?", kind: WhoWhat, events: []string{}, says: []string{"doesn't mention Napoleon"}},
		// Present, or put otherwise: answered. A name in a phrase of
		// place or means is the circumstance, not what is asked.
		{q: "When did the board approve the expansion on Facebook?", kind: When, events: []string{"2020-01-06"}, ranked: true},
		{q: "When was the architect hired?", kind: When, events: []string{"2020-01-07"}, ranked: true},
		{q: "When did the board still vote to enlarge the reading room?", kind: When, events: []string{"2020-01-06"}, ranked: true},
		{q: "When did the builders start the work?", kind: When, events: []string{"2020-07-01"}, ranked: true},
	})
}
