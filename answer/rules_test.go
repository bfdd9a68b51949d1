package answer

import (
	"reflect"
	"testing"

	"github.com/timelinebot/timelinebot/dateexpr"
)

// Each question reads into exactly this intent, every field compared; the
// dates found and the plain text are left out (dateexpr's tests read
// dates), the rule that read it is in.
func TestUnderstandWhole(t *testing.T) {
	tests := []struct {
		q    string
		want intent
	}{
		{"When did the board hire an architect?", intent{rule: "when", kind: When, words: "board hire architect"}},
		{"When did Brant say the roof was late?", intent{rule: "when", kind: When, words: "Brant say roof late", speaker: "Brant"}},
		{"When did the board say the roof was late?", intent{rule: "when", kind: When, words: "board say roof late"}}, // no name: no speaker
		{"When did the inspectors visit for the second time?", intent{rule: "when", kind: When, words: "inspectors visit second", nth: 2}},
		{"what happened right after the gala", intent{rule: "before or after", kind: After, ref: "the gala", next: true}},
		{"the first event after the gala", intent{rule: "before or after", kind: After, ref: "the gala", next: true, ordinal: First, nth: 1}},
		{"What happened the day after the gala?", intent{rule: "window", kind: Range, window: &window{anchor: "the gala", rel: After, unit: "day"}}},
		{"how many events in the week before the gala", intent{rule: "window", kind: Count, window: &window{anchor: "the gala", rel: Before, unit: "week"}}},
		{"Which entries fall between the approval and the gala?", intent{rule: "between", kind: Range, relative: Range, ref: "the approval", other: "the gala"}},
		{"how many things happened after the approval but before the gala", intent{rule: "between", kind: Count, relative: Range, ref: "the approval", other: "the gala"}},
		{"how many events came after the gala", intent{rule: "count", kind: Count, relative: After, ref: "the gala"}},
		{"how many entries mention the architect", intent{rule: "count", kind: Count, words: "architect"}},
		{"How many days after the second inspection did construction begin?", intent{rule: "duration after", kind: Duration, unit: "days", ref: "the second inspection", other: "construction begin", direction: After, nth: 2}},
		{"how many days between the gala and the reopening", intent{rule: "duration between", kind: Duration, unit: "days", ref: "the gala", other: "the reopening"}},
		{"how long ago was the gala", intent{rule: "duration since", kind: Duration, ref: "the gala"}},
		{"which came first, the gala or the pledge?", intent{rule: "which first", kind: First, compare: true, ref: "the gala", other: "the pledge", nth: 1}},
		{"and what happened after that?", intent{rule: "follow-up", kind: After, ref: "that"}},
		{"what happened next", intent{rule: "follow-up", kind: After, ref: "that", next: true}},
		{"how many days later did the room reopen?", intent{rule: "later", kind: Duration, unit: "days", ref: "that", other: "the room reopen", direction: After}},
		{"What is this timeline about?", intent{rule: "summary", kind: Summary}},
		{"Who is Odile Brant?", intent{rule: "about", kind: WhoWhat, words: "Odile Brant", question: "Who", who: "Odile Brant"}},
		{"Did the board hire an architect?", intent{rule: "about", kind: WhoWhat, words: "board hire architect", question: "Did", yesNo: true}},
		{"What did Brant say?", intent{rule: "about", kind: WhoWhat, words: "Brant say", question: "What", speaker: "Brant"}},
		{"what happened in the summer of 2020", intent{rule: "about", kind: Range}},
		{"what was the last event", intent{rule: "about", kind: Last, nth: -1}},
		{"skylight", intent{rule: "about", kind: Search, words: "skylight"}},
	}
	for _, tt := range tests {
		got := understand(tt.q, dateexpr.Reader{})
		got.dates, got.text = nil, ""
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("understand(%q)\n got %+v\nwant %+v", tt.q, got, tt.want)
		}
	}
}
