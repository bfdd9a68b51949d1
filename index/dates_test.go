package index

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/timelinebot/timelinebot/data"
)

// A lookup by date finds exactly the events with a date that overlaps
// the window, however long their dates run: days, months, years and
// spans of years, windows with one bound or none, and windows beyond
// the dates a timeline may hold.
func TestWindowsAgreeWithOverlaps(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 11))
	date := func() data.Date {
		d := data.Date{Year: 1950 + r.IntN(60)}
		switch r.IntN(4) {
		case 0: // a year
		case 1:
			d.Month = time.Month(1 + r.IntN(12))
		case 2:
			d.Month, d.Day = time.Month(1+r.IntN(12)), 1+r.IntN(28)
		case 3:
			d.Month = time.Month(1 + r.IntN(12))
			d.EndYear, d.EndMonth = d.Year+r.IntN(8), time.December
		}
		return d
	}
	tl := &data.Timeline{Title: "Windows", Source: data.Source{Name: "made up"}}
	for i := range 300 {
		e := data.Event{ID: fmt.Sprintf("e%d", i), Title: "Mill gate opens", Text: "The gate opened."}
		for range 1 + r.IntN(3) {
			e.Dates = append(e.Dates, date())
		}
		slices.SortFunc(e.Dates, func(a, b data.Date) int { return a.Start().Compare(b.Start()) })
		tl.Events = append(tl.Events, e)
	}
	slices.SortStableFunc(tl.Events, func(a, b data.Event) int { return a.First().Start().Compare(b.First().Start()) })
	ix, err := Build(context.Background(), tl)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()

	instant := func() time.Time {
		if r.IntN(8) == 0 {
			return time.Time{}
		}
		return time.Date(1940+r.IntN(80), time.Month(1+r.IntN(12)), 1+r.IntN(28), 0, 0, 0, 0, time.UTC)
	}
	windows := [][2]time.Time{{}, {time.Date(1500, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2600, 1, 1, 0, 0, 0, 0, time.UTC)}}
	for range 500 {
		from, to := instant(), instant()
		if !from.IsZero() && !to.IsZero() && to.Before(from) {
			from, to = to, from
		}
		windows = append(windows, [2]time.Time{from, to})
	}
	for _, w := range windows {
		for _, limit := range []int{0, 3} {
			hits, err := ix.Search(context.Background(), Query{From: w[0], To: w[1], ByDate: true, Limit: limit})
			if err != nil {
				t.Fatal(err)
			}
			var got, want []int
			for _, h := range hits {
				got = append(got, h.Pos)
			}
			for pos := range tl.Events {
				if hasDateIn(&tl.Events[pos], w[0], w[1]) && (limit == 0 || len(want) < limit) {
					want = append(want, pos)
				}
			}
			if !slices.Equal(got, want) {
				t.Fatalf("window %v to %v, limit %d: %v, want %v", w[0], w[1], limit, got, want)
			}
		}
	}
}
