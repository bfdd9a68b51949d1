package answer

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/timelinebot/timelinebot/data"
	"github.com/timelinebot/timelinebot/index"
)

func seedEngine(t testing.TB) *Engine {
	t.Helper()
	tl, err := data.Seed()
	if err != nil {
		t.Fatal(err)
	}
	return engineOf(t, tl)
}

// engineOf answers from a timeline, indexed for the test.
func engineOf(t testing.TB, tl *data.Timeline) *Engine {
	t.Helper()
	ix, err := index.Build(context.Background(), tl)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	return New(ix)
}

// firstDates names each event of an answer by its first date, the way the
// seed's entries are told apart.
func firstDates(fs []Found) []string {
	out := make([]string, len(fs))
	for i, f := range fs {
		out[i] = f.Dates[0].String()
	}
	return out
}

// These questions are phrased unlike the development set on purpose: they
// check the mechanisms (paraphrases, inflections, typos, date forms), not
// sentences.
func TestAskSeed(t *testing.T) {
	e := seedEngine(t)
	tests := []askCase{
		{q: "when did jeff sessions quit?", kind: When, events: []string{"2017-06-06"}, ranked: true, says: []string{"June 6, 2017"}},
		{q: "When was he tapped for AG", kind: When, events: []string{"2016-11-18"}, ranked: true, says: []string{"Nov. 18, 2016"}},
		{q: "when was sessions tapped", kind: When, events: []string{"2016-11-18"}, ranked: true}, // not the entries that quote him
		{q: "When did Sessions step aside from the Russia inquiry?", kind: When, events: []string{"2017-03-02"}, ranked: true},
		{q: "When did he back Trump?", kind: When, events: []string{"2016-02-28"}, ranked: true, says: []string{"Feb. 28, 2016"}},
		{q: "When did the Russian envoy hear Trump's foreign policy address?", kind: When, events: []string{"2016-04-27"}, ranked: true, says: []string{"April 27, 2016"}},
		{q: "When did Sessions meet Kislyak in his office?", kind: When, events: []string{"2016-07-18"}, ranked: true, says: []string{"July 18, 2016, and Sept. 8, 2016"}},
		{q: "When did Sessions meet Kislak?", kind: When, events: []string{"2016-07-18"}, ranked: true},
		{q: "what happened on the 8th of September 2016", kind: OnDate, events: []string{"2016-07-18"}},
		{q: "anything on 28 February 2016?", kind: OnDate, events: []string{"2016-02-28"}},
		{q: "Events in June 2017", kind: Range, events: []string{"2017-06-05", "2017-06-06"}},
		{q: "what happened in 2016", kind: Range, events: []string{"2016-02-28", "2016-03-03", "2016-04-27", "2016-07-18", "2016-11-18"}},
		{q: "What happened in March?", kind: Range, events: []string{"2016-03-03", "2017-03-02"}},
		{q: "between Nov. 2016 and March 2017", kind: Range, events: []string{"2016-11-18", "2017-01-10", "2017-03-02"}},
		{q: "what happened on Dec. 25, 2016?", kind: OnDate, events: []string{}, says: []string{"Nothing", "Nov. 18, 2016", "Jan. 10, 2017"}},
		{q: "what happened after he stepped aside?", kind: After, events: []string{"2017-06-05", "2017-06-06"}},
		{q: "what came right after the nomination", kind: After, events: []string{"2017-01-10"}},
		{q: "what happened before the endorsement", kind: Before, events: []string{}, says: []string{"Nothing"}},
		{q: "events after March 2, 2017", kind: After, events: []string{"2017-06-05", "2017-06-06"}},
		{q: "the earliest entry", kind: First, events: []string{"2016-02-28"}},
		{q: "What is the most recent event?", kind: Last, events: []string{"2017-06-06"}},
		{q: "How many events happened in 2016?", kind: Count, count: 5, says: []string{"5"}},
		{q: "How many things happened in June 2017", kind: Count, count: 2, says: []string{"2"}},
		{q: "how many entries mention Kislyak?", kind: Count, count: 4, says: []string{"4"}},
		{q: "How many days passed between the endorsement and the recusal?", kind: Duration, days: 368, says: []string{"368"}},
		{q: "How long after the recusal did Sessions offer to resign?", kind: Duration, days: 96, says: []string{"96 days"}},
		{q: "how many weeks between the nomination and the confirmation hearing", kind: Duration, days: 53, says: []string{"weeks"}},
		{q: "Who questioned Sessions at his confirmation hearing?", kind: WhoWhat, events: []string{"2017-01-10"}, ranked: true, says: []string{"Franken"}},
		{q: "What did Sean Spicer say?", kind: WhoWhat, events: []string{"2017-06-06"}, ranked: true, says: []string{"Spicer"}},
		{q: "Who said 'This is a movement'?", kind: WhoWhat, events: []string{"2016-02-28"}, ranked: true, says: []string{"This is a movement"}},
		{q: "Where did Sessions meet Kislyak in July 2016?", kind: WhoWhat, events: []string{"2016-07-18"}, ranked: true, says: []string{"Sessions met with Kislyak", "at the Republican National Convention"}},
		{q: "why did sessions recuse", kind: WhoWhat, events: []string{"2017-03-02"}, ranked: true, says: []string{"As pressure built over his meetings with Kislyak"}},
		{q: "where was the foreign policy speech", kind: WhoWhat, events: []string{"2016-04-27"}, ranked: true, says: []string{"at the Mayflower Hotel"}},
		{q: "How many weeks between the endorsement and the council appointment?", kind: Duration, days: 4, says: []string{"4 days"}},
		{q: "what came after Trump's tweets about the travel ban", kind: After, events: []string{"2017-06-06"}},
		{q: "When did Trump blame the Justice Department?", kind: When, events: []string{"2017-06-05"}, ranked: true},
		{q: "which came first, the nomination or the Mayflower speech?", kind: First, events: []string{"2016-04-27"}, says: []string{"came first"}},
		{q: "Which happened later: the endorsement or the advisory council appointment?", kind: Last, events: []string{"2016-03-03"}},
		{q: "how many events happened before Sessions was picked as AG?", kind: Count, count: 4, says: []string{"4"}},
		{q: "What did Spicr say when asked about confidence in Sessions?", kind: WhoWhat, events: []string{"2017-06-06"}, ranked: true, says: []string{"Sean Spicer said"}},
		{q: "when did sesions back trump for president", kind: When, events: []string{"2016-02-28"}, ranked: true},
		{q: "whats the oldest thing on the timeline", kind: First, events: []string{"2016-02-28"}},
		{q: "what was the last thing that happened before July 2016", kind: Last, events: []string{"2016-04-27"}},
		{q: "who hosted the RNC event where Sessions talked with the Russian ambassador?", kind: WhoWhat, events: []string{"2016-07-18"}, ranked: true, says: []string{"Heritage Foundation"}},
		{q: "travel ban", kind: Search, events: []string{"2017-06-05"}, ranked: true},
		{q: "Heritage Foundation", kind: Search, events: []string{"2016-07-18"}, ranked: true},
	}
	askAll(t, e, tests)
}

func TestAskRefusesPolitely(t *testing.T) {
	e := seedEngine(t)
	for q, want := range map[string]string{
		"   ":                             "Ask me something",
		"what happened on Feb. 30, 2016?": "February 2016 has 29 days",
		"what happened on April 31?":      "April has 30 days",
	} {
		_, err := e.Ask(context.Background(), q)
		var ue *Error
		if err == nil || !errors.As(err, &ue) || !strings.Contains(Message(err), want) {
			t.Errorf("Ask(%q) error %v, want a user message saying %q", q, err, want)
		}
	}
}

// A year with no entries may still be one the entries talk about.
func TestDateWithNothingNamesEntriesThatMentionIt(t *testing.T) {
	a, err := seedEngine(t).Ask(context.Background(), "what happened in 1986?")
	if err != nil {
		t.Fatal(err)
	}
	if len(a.Events) != 0 || !strings.Contains(a.Text, "Nov. 18, 2016") || !strings.Contains(a.Text, "1986 nomination") {
		t.Errorf("events %v, answer %q: want none dated 1986 and the Nov. 18, 2016 entry that mentions it", firstDates(a.Events), a.Text)
	}
}

func TestAskDatesAndReferences(t *testing.T) {
	e := seedEngine(t)
	e.now = func() time.Time { return time.Date(2026, 11, 25, 15, 0, 0, 0, time.UTC) }
	tests := []askCase{
		{q: "what happened since 2017", kind: After, events: []string{"2017-01-10", "2017-03-02", "2017-06-05", "2017-06-06"}, says: []string{"Since 2017"}},
		{q: "what happened after 2016", kind: After, events: []string{"2017-01-10", "2017-03-02", "2017-06-05", "2017-06-06"}},
		{q: "what happened after August 2016", kind: After, events: []string{"2016-11-18", "2017-01-10", "2017-03-02", "2017-06-05", "2017-06-06"}}, // the Kislyak entry begins in July
		{q: "how many events happened between the endorsement and the recusal", kind: Count, count: 5},
		{q: "how many events before 2017", kind: Count, count: 5, says: []string{"before 2017."}},
		{q: "how many days since the recusal", kind: Duration, days: 3555, says: []string{"It has been 3555 days"}},
		{q: "how long ago was the confirmation hearing", kind: Duration, days: 3606},
		{q: "how many days between June 5, 2017 and June 6", kind: Duration, days: 1},
		{q: "how many years between 1700 and 2017", kind: Duration, days: 115782, says: []string{"About 317.0 years"}},
		{q: "how many days before the endorsement did Trump nominate Sessions", kind: Duration, days: 264, says: []string{"came after", "not before"}},
		{q: "how far apart were the endorsement and the nomination", kind: Duration, days: 264},
		{q: "what happened on June 5-6", kind: Range, events: []string{"2017-06-05", "2017-06-06"}},
		{q: "what happened from mid-2016 to early 2017", kind: Range, events: []string{"2016-07-18", "2016-11-18", "2017-01-10", "2017-03-02"}},
		{q: "how many events in March 2016 or June 2017", kind: Count, count: 3},
	}
	askAll(t, e, tests)
	if _, err := e.Ask(context.Background(), "what happened before March"); err == nil || !strings.Contains(Message(err), "Which year?") {
		t.Errorf("a month with no year in a timeline of two years: %v, want a question back", err)
	}
}

// askCase is a question and what its answer must hold.
type askCase struct {
	q      string
	kind   Kind
	events []string // exact events, in order; with ranked, the first one only
	ranked bool
	says   []string // the answer sentence contains each
	// saysNot are what the answer sentence must not contain.
	saysNot []string
	count   int
	days    int
}

func askAll(t *testing.T, e *Engine, tests []askCase) {
	t.Helper()
	for _, tt := range tests {
		t.Run(tt.q, func(t *testing.T) {
			a, err := e.Ask(context.Background(), tt.q)
			if err != nil {
				t.Fatalf("Ask: %v", err)
			}
			if a.Kind != tt.kind {
				t.Errorf("kind %q, want %q (answer %q)", a.Kind, tt.kind, a.Text)
			}
			got := firstDates(a.Events)
			switch {
			case tt.events == nil:
			case tt.ranked:
				if len(got) == 0 || got[0] != tt.events[0] {
					t.Errorf("events %v, want %s first (answer %q)", got, tt.events[0], a.Text)
				}
			case strings.Join(got, " ") != strings.Join(tt.events, " "):
				t.Errorf("events %v, want %v (answer %q)", got, tt.events, a.Text)
			}
			for _, s := range tt.says {
				if !strings.Contains(a.Text, s) {
					t.Errorf("answer %q does not say %q", a.Text, s)
				}
			}
			for _, s := range tt.saysNot {
				if strings.Contains(a.Text, s) {
					t.Errorf("answer %q says %q", a.Text, s)
				}
			}
			if tt.count != 0 && (a.Count == nil || *a.Count != tt.count) {
				t.Errorf("count %v, want %d (answer %q)", a.Count, tt.count, a.Text)
			}
			if tt.days != 0 && (a.Days == nil || *a.Days != tt.days) {
				t.Errorf("days %v, want %d (answer %q)", a.Days, tt.days, a.Text)
			}
		})
	}
}

// Any question gets an answer or a message for the person who asked:
// never a panic, never an internal error.
func FuzzAsk(f *testing.F) {
	e := seedEngine(f)
	for _, q := range []string{"When did Sessions recuse himself?", "how many days between June 5 and 2017", "which came first, March or the hearing",
		"what happened since 1500", "how long ago was 2500", "between early 2016 and late 2016", `who said "may"`, "of 2016 and 2017, which came first"} {
		f.Add(q)
	}
	f.Fuzz(func(t *testing.T, q string) {
		_, err := e.Ask(context.Background(), q)
		var ue *Error
		if err != nil && !errors.As(err, &ue) {
			t.Errorf("Ask(%q): internal error %v", q, err)
		}
	})
}
