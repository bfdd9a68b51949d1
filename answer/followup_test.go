package answer

import (
	"context"
	"strings"
	"testing"
)

// A follow-up is answered from the event of the answer it follows, which
// the transport passes in; without one, the question is sent back.
func TestAskFollowUp(t *testing.T) {
	e := testEngine(t, "testdata/library.json")
	ctx := WithAnchor(context.Background(), "gala")
	for _, tt := range []askCase{
		{q: "and what happened after that?", kind: After, events: []string{"2020-03-20", "2020-07-01", "2021-05-10"}},
		{q: "what happened next?", kind: After, events: []string{"2020-03-20"}},
		{q: "and before that?", kind: Before, events: []string{"2020-01-06", "2020-01-07", "2020-01-20"}},
		{q: "how many days later did construction begin?", kind: Duration, days: 138},
		{q: "how long after that did the reading room reopen?", kind: Duration, days: 451},
	} {
		a, err := e.Ask(ctx, tt.q)
		if err != nil {
			t.Fatalf("%q: %v", tt.q, err)
		}
		if a.Kind != tt.kind || tt.events != nil && strings.Join(firstDates(a.Events), " ") != strings.Join(tt.events, " ") ||
			tt.days != 0 && (a.Days == nil || *a.Days != tt.days) {
			t.Errorf("%q: kind %s events %v days %v (%q), want %s %v %d", tt.q, a.Kind, firstDates(a.Events), a.Days, a.Text, tt.kind, tt.events, tt.days)
		}
	}
	_, err := e.Ask(context.Background(), "what happened next?")
	if err == nil || !strings.Contains(Message(err), "reply to one of my answers") {
		t.Errorf("a follow-up with nothing to follow: %v, want a question back", err)
	}
	if a := (Answer{Kind: When, Events: []Found{{ID: "a"}, {ID: "b"}}}); strings.Join(a.EventIDs(), ",") != "a" {
		t.Errorf("EventIDs of a one-answer question = %v, want the event shown", a.EventIDs())
	}
}
