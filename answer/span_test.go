package answer

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/timelinebot/timelinebot/data"
)

// An event that runs from one date to another is found on every date in
// between, by every date lookup, and is written as the span it is.
func TestSpans(t *testing.T) {
	tl, err := data.Parse(strings.NewReader(`{"title": "The Kessel bridge works", "source": {"name": "Town notes"}, "events": [
		{"dates": ["2019-03-04"], "title": "Council funds the repairs", "text": "The council votes the money."},
		{"dates": ["2019-04-10/2019-06-02"], "title": "Bridge closed for repairs", "text": "Crews replace the deck."},
		{"dates": ["2019-07-01"], "title": "Bridge reopens", "text": "Traffic returns."}
	]}`))
	if err != nil {
		t.Fatal(err)
	}
	e := engineOf(t, tl)
	ctx := context.Background()
	on := func(when string) []string {
		a, err := e.On(ctx, when)
		if err != nil {
			t.Fatalf("On(%q): %v", when, err)
		}
		var titles []string
		for _, f := range a.Events {
			titles = append(titles, f.Title)
		}
		return titles
	}
	for _, c := range []struct{ when, want string }{
		{"May 2019", "Bridge closed for repairs"},
		{"May 20, 2019", "Bridge closed for repairs"},
		{"April 10, 2019", "Bridge closed for repairs"},
		{"June 2, 2019", "Bridge closed for repairs"},
		{"June 3, 2019", ""},
		{"2019", "Council funds the repairs|Bridge closed for repairs|Bridge reopens"},
	} {
		if got := strings.Join(on(c.when), "|"); got != c.want {
			t.Errorf("On(%q) = %q, want %q", c.when, got, c.want)
		}
	}
	a, err := e.Ask(ctx, "what happened in May 2019?")
	if err != nil || len(a.Events) != 1 || a.Events[0].Title != "Bridge closed for repairs" {
		t.Errorf("what happened in May 2019: %v %+v", err, a.Events)
	}
	a, err = e.Ask(ctx, "when was the bridge closed?")
	if err != nil || !strings.Contains(a.Text, "April 10 – June 2, 2019") {
		t.Errorf("when was the bridge closed: %q, %v", a.Text, err)
	}
	a, err = e.Between(ctx, "May 1, 2019", "May 31, 2019")
	if err != nil || len(a.Events) != 1 {
		t.Errorf("between May 1 and 31: %v %+v", err, a.Events)
	}
}

func TestPage(t *testing.T) {
	a := Answer{Events: make([]Found, 250)}
	for i := range a.Events {
		a.Events[i].ID = fmt.Sprint(i)
	}
	for _, c := range []struct{ offset, n, first, len, next int }{
		{0, 100, 0, 100, 100},
		{100, 100, 100, 100, 200},
		{200, 100, 200, 50, 0},
		{300, 100, 0, 0, 0},
		{-5, 100, 0, 100, 100},
	} {
		p := a.Page(c.offset, c.n)
		if p.Total != 250 || len(p.Events) != c.len || p.Next != c.next || (c.len > 0 && p.Events[0].ID != fmt.Sprint(c.first)) {
			t.Errorf("Page(%d, %d): total %d, %d events, next %d", c.offset, c.n, p.Total, len(p.Events), p.Next)
		}
	}
	if len(a.Events) != 250 {
		t.Error("Page changed the answer it was called on")
	}
}
