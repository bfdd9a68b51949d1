// Package dateexpr reads the dates people write: "Feb. 28, 2016",
// "Sept. 8 2016", "28 February 2016", "4/27/2016", "March 2017", "2016",
// and ranges such as "June 5-6, 2017" or "between March and June 2017",
// each with its precision (a day, a month or a year). It finds them inside
// questions too.
package dateexpr

import (
	"time"
)

// Precision is how much of a date was written.
type Precision int

const (
	Day Precision = iota + 1
	Month
	Year
)

func (p Precision) String() string {
	switch p {
	case Day:
		return "day"
	case Month:
		return "month"
	case Year:
		return "year"
	}
	return "unknown"
}

// Span is the time a date expression covers: from the start of its first
// day up to, not including, End. "March 2017" is all of March.
type Span struct {
	Start, End time.Time
	Precision  Precision
	// EndPrecision is the precision of the end of a range written with
	// two ("from June 5, 2017 to 2017"); zero means the same as the start.
	EndPrecision Precision
}

// endPrecision is the precision the span's end was written to.
func (s Span) endPrecision() Precision {
	if s.EndPrecision != 0 {
		return s.EndPrecision
	}
	return s.Precision
}

// IsRange reports whether the span is more than one day, month or year:
// a range rather than one date.
func (s Span) IsRange() bool {
	return s.endPrecision() != s.Precision || step(s.Start, 1, s.Precision).Before(s.End)
}

// step moves t by n units of precision p.
func step(t time.Time, n int, p Precision) time.Time {
	switch p {
	case Day:
		return t.AddDate(0, 0, n)
	case Month:
		return t.AddDate(0, n, 0)
	default:
		return t.AddDate(n, 0, 0)
	}
}

// String writes the span as a reader would: "March 2, 2017", "March 2017",
// "2016", or "April 2016 – January 2017" for a range.
func (s Span) String() string {
	if !s.IsRange() {
		return human(s.Start, s.Precision)
	}
	p := s.endPrecision()
	return human(s.Start, s.Precision) + " – " + human(step(s.End, -1, p), p)
}

func human(t time.Time, p Precision) string { return dateAt(t, p).Human() }

// spanOf is the span of one date written to precision p.
func spanOf(year int, month time.Month, day int, p Precision) Span {
	switch p {
	case Day:
		start := time.Date(year, month, day, 0, 0, 0, 0, time.UTC)
		return Span{Start: start, End: start.AddDate(0, 0, 1), Precision: Day}
	case Month:
		start := time.Date(year, month, 1, 0, 0, 0, 0, time.UTC)
		return Span{Start: start, End: start.AddDate(0, 1, 0), Precision: Month}
	default:
		start := time.Date(year, time.January, 1, 0, 0, 0, 0, time.UTC)
		return Span{Start: start, End: start.AddDate(1, 0, 0), Precision: Year}
	}
}

// Through is the span from the start of a to the end of b, each end
// keeping the precision it was written to.
func Through(a, b Span) Span {
	s := Span{Start: a.Start, End: b.End, Precision: a.Precision}
	if p := b.endPrecision(); p != a.Precision {
		s.EndPrecision = p
	}
	return s
}
