package index

import (
	"cmp"
	"slices"
	"time"
)

// dated is one date of an event, as the instants it runs between, for
// lookups by date alone: they read this table, in memory, not bleve. A
// window of a big timeline holds tens of thousands of events, and bleve
// made a hit of each, with its id read back from the index, to be put in
// order again.
type dated struct {
	start, end int64 // Unix nanoseconds; the date is [start, end)
	pos        int
}

// indexDates fills in the table of dates, in order of their start, and
// the longest of them.
func (ix *Index) indexDates() {
	n := 0
	for _, e := range ix.timeline.Events {
		n += len(e.Dates)
	}
	ix.dated = make([]dated, 0, n)
	for pos := range ix.timeline.Events {
		for _, d := range ix.timeline.Events[pos].Dates {
			start, end := d.Nanos()
			ix.dated = append(ix.dated, dated{start: start, end: end, pos: pos})
			ix.longest = max(ix.longest, end-start)
		}
	}
	// Events are in order of their first date, so this is nearly sorted.
	slices.SortFunc(ix.dated, func(a, b dated) int {
		if c := cmp.Compare(a.start, b.start); c != 0 {
			return c
		}
		return cmp.Compare(a.pos, b.pos)
	})
}

// chronological answers a query without words: the events with a date
// in [q.From, q.To) (either may be zero, for no bound), in chronological
// order, at most q.Limit of them if it is not 0.
func (ix *Index) chronological(q Query) []Hit {
	var positions []int
	if q.From.IsZero() && q.To.IsZero() {
		n := ix.Len()
		if q.Limit > 0 {
			n = min(n, q.Limit)
		}
		positions = make([]int, n)
		for i := range positions {
			positions[i] = i
		}
	} else {
		positions = ix.inWindow(q.From, q.To)
		if q.Limit > 0 && len(positions) > q.Limit {
			positions = positions[:q.Limit]
		}
	}
	hits := make([]Hit, len(positions))
	for i, pos := range positions {
		// Nothing is ranked: every event in the window is wholly a match.
		hits[i] = Hit{Event: &ix.timeline.Events[pos], Pos: pos, Score: 1}
	}
	return hits
}

// inWindow is the positions of the events with a date overlapping
// [from, to), in order. A date overlapping the window starts before its
// end and no earlier than the longest date before its start.
func (ix *Index) inWindow(from, to time.Time) []int {
	lo, hi := 0, len(ix.dated)
	var fromNs int64
	if !from.IsZero() {
		fromNs = clampNano(from)
		earliest := clampNano(from.Add(-time.Duration(ix.longest)))
		lo, _ = slices.BinarySearchFunc(ix.dated, earliest, func(d dated, t int64) int { return cmp.Compare(d.start, t) })
	}
	if !to.IsZero() {
		toNs := clampNano(to)
		hi, _ = slices.BinarySearchFunc(ix.dated, toNs, func(d dated, t int64) int { return cmp.Compare(d.start, t) })
	}
	var positions []int
	for _, d := range ix.dated[lo:max(lo, hi)] {
		if from.IsZero() || d.end > fromNs {
			positions = append(positions, d.pos)
		}
	}
	slices.Sort(positions)
	return slices.Compact(positions)
}

// clampNano is t in Unix nanoseconds, a time beyond what they hold cut
// to the dates a timeline may have ("after 2500", "before 1500").
func clampNano(t time.Time) int64 {
	switch {
	case t.Before(minDate):
		return minDate.UnixNano()
	case t.After(maxDate):
		return maxDate.UnixNano()
	}
	return t.UnixNano()
}
