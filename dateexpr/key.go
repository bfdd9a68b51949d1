package dateexpr

import (
	"fmt"
	"strings"
	"time"

	"github.com/timelinebot/timelinebot/data"
)

// Key writes the span in the timeline's own date form, to be kept and read
// back by ParseKey without reading any text: "2017-03-02", "2016-03" or
// "2016" for one date, "2016-01-01/2017-06" for a range. A span no such
// form writes exactly (one starting mid-month at month precision, say)
// has no key.
func (s Span) Key() (string, bool) {
	start := dateAt(s.Start, s.Precision).String()
	key := start
	if s.IsRange() {
		p := s.endPrecision()
		key += "/" + dateAt(step(s.End, -1, p), p).String()
	}
	back, err := ParseKey(key)
	if err != nil || back != s {
		return "", false
	}
	return key, true
}

// ParseKey reads a span written by Key.
func ParseKey(key string) (Span, error) {
	from, to, isRange := strings.Cut(key, "/")
	a, err := data.ParseDate(from)
	if err != nil {
		return Span{}, err
	}
	s := Span{Start: a.Start(), End: a.End(), Precision: precisionOf(a)}
	if !isRange {
		return s, nil
	}
	b, err := data.ParseDate(to)
	if err != nil {
		return Span{}, err
	}
	if !b.End().After(a.Start()) {
		return Span{}, fmt.Errorf("%q ends before it starts", key)
	}
	return Through(s, Span{Start: b.Start(), End: b.End(), Precision: precisionOf(b)}), nil
}

// dateAt is the date t falls on, written to precision p.
func dateAt(t time.Time, p Precision) data.Date {
	d := data.Date{Year: t.Year()}
	if p <= Month {
		d.Month = t.Month()
	}
	if p == Day {
		d.Day = t.Day()
	}
	return d
}

func precisionOf(d data.Date) Precision {
	switch {
	case d.Month == 0:
		return Year
	case d.Day == 0:
		return Month
	}
	return Day
}
