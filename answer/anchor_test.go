package answer

import (
	"reflect"
	"testing"
	"time"

	"github.com/timelinebot/timelinebot/data"
	"github.com/timelinebot/timelinebot/dateexpr"
)

// testEngine answers from a made-up timeline in testdata.
func testEngine(t testing.TB, file string) *Engine {
	t.Helper()
	tl, err := data.Load(file)
	if err != nil {
		t.Fatal(err)
	}
	return engineOf(t, tl)
}

func TestReadWindow(t *testing.T) {
	tests := []struct {
		q    string
		want *window
	}{
		{"What happened the day after the gala", &window{anchor: "the gala", rel: After, unit: "day"}},
		{"anything in the week before the gala", &window{anchor: "the gala", rel: Before, unit: "week"}},
		{"what happened two weeks after the approval", &window{anchor: "the approval", rel: After, n: 2, unit: "week"}},
		{"What happened less than a week after the board approved the expansion", &window{anchor: "the board approved the expansion", rel: After, n: 1, unit: "week", within: true, exclusive: true}},
		{"events within 3 days of the gala", &window{anchor: "the gala", n: 3, unit: "day", within: true}},
		{"what else happened in the same month as the pledge", &window{anchor: "the pledge", unit: "month"}},
		{"how many events came within a month after the approval", &window{anchor: "the approval", rel: After, n: 1, unit: "month", within: true}},
		// not placements
		{"what happened after the gala", nil},
		{"who spoke in the first week of the campaign", nil},
		{"days after the gala", nil},
		{"when did the builders work two days after the gala", nil}, // the prefix names something
	}
	for _, tt := range tests {
		if got := readWindow(tt.q); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("readWindow(%q) = %+v, want %+v", tt.q, got, tt.want)
		}
	}
}

func TestUnderstandPlacements(t *testing.T) {
	tests := []struct {
		q              string
		kind, relative Kind
		ref, other     string
		window         bool
		nth            int
	}{
		{q: "Which entry falls between the gala and the reopening?", kind: Range, relative: Range, ref: "the gala", other: "the reopening"},
		{q: "how many things happened after the approval but before the gala", kind: Count, relative: Range, ref: "the approval", other: "the gala"},
		{q: "what happened before the gala and after the approval", kind: Range, relative: Range, ref: "the approval", other: "the gala"},
		{q: "what happened between March 2020 and June 2020", kind: Range}, // a date range, read by dateexpr
		{q: "how many events in the week after the gala", kind: Count, window: true},
		{q: "When were the wings inspected for the second time?", kind: When, nth: 2},
		{q: "When was the last inspection?", kind: When, nth: -1},
	}
	for _, tt := range tests {
		in := understand(tt.q, dateexpr.Reader{})
		if in.kind != tt.kind || in.relative != tt.relative || in.ref != tt.ref || in.other != tt.other || (in.window != nil) != tt.window || in.nth != tt.nth {
			t.Errorf("understand(%q) = kind %q relative %q ref %q other %q window %v nth %d, want %q %q %q %q %v %d",
				tt.q, in.kind, in.relative, in.ref, in.other, in.window != nil, in.nth, tt.kind, tt.relative, tt.ref, tt.other, tt.window, tt.nth)
		}
	}
}

func TestAskPlacedByEvents(t *testing.T) {
	e := testEngine(t, "testdata/library.json")
	askAll(t, e, []askCase{
		{q: "What happened the day after the board approved the expansion?", kind: OnDate, events: []string{"2020-01-07"}},
		{q: "anything less than two weeks after the approval?", kind: Range, events: []string{"2020-01-07"}},
		{q: "what happened within two weeks after the approval", kind: Range, events: []string{"2020-01-07", "2020-01-20"}},
		{q: "what happened in the month before the gala", kind: Range, events: []string{"2020-01-20"}},
		{q: "what happened two days before the gala", kind: OnDate, events: []string{}, says: []string{"Nothing", "Feb. 12, 2020"}, saysNot: []string{"Mentioned"}},
		{q: "what happened less than a day before the gala", kind: Range, events: []string{}},
		{q: "anything within 13 days of the pledge", kind: Range, events: []string{"2020-01-07"}},
		{q: "anything less than 13 days of the pledge", kind: Range, events: []string{}},       // Jan. 7 is 13 days before
		{q: "what happened within a week of the inspections", kind: Range, events: []string{}}, // each date, not the months between
		{q: "what happened in the same month as the architect was hired", kind: Range, events: []string{"2020-01-06", "2020-01-07", "2020-01-20"}},
		{q: "Which entries fall between the approval and the gala?", kind: Range, events: []string{"2020-01-07", "2020-01-20"}},
		{q: "how many events came after the pledge but before construction began", kind: Count, count: 2},
		{q: "how many events in the week after the approval", kind: Count, count: 1},
		// A two-date entry is one anchor per date.
		{q: "How many days after the second inspection did construction begin?", kind: Duration, days: 29},
		{q: "how many days between the first inspection and the construction", kind: Duration, days: 103},
		{q: "When did the inspectors visit for the second time?", kind: When, events: []string{"2020-06-02"}, ranked: true, says: []string{"June 2, 2020"}},
		// A two-digit year is the timeline's century, whatever today's.
		{q: "what happened on 1/7/20?", kind: OnDate, events: []string{"2020-01-07"}},
		{q: "anything in the fall of '20?", kind: Range, events: []string{}},
		// The timeline itself as an anchor.
		{q: "How many days passed from the gala to the end of the timeline?", kind: Duration, days: 451},
		{q: "how many days from the start of the timeline to the gala", kind: Duration, days: 39},
	})
}

// A month from a day its target month lacks is that month's last day.
func TestWindowMonthEnds(t *testing.T) {
	d := func(y int, m time.Month, day int) time.Time { return time.Date(y, m, day, 0, 0, 0, 0, time.UTC) }
	for _, c := range []struct {
		from, want time.Time
		n          int
	}{
		{d(2021, 3, 31), d(2021, 2, 28), -1},
		{d(2020, 3, 31), d(2020, 2, 29), -1},
		{d(2021, 1, 31), d(2021, 2, 28), 1},
		{d(2021, 5, 15), d(2022, 5, 15), 12},
	} {
		if got := addMonths(c.from, c.n); !got.Equal(c.want) {
			t.Errorf("addMonths(%v, %d) = %v, want %v", c.from, c.n, got, c.want)
		}
	}
}
