package data

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Date is a calendar date as a timeline writes it: a day ("2017-03-02"),
// a month ("2017-03") or a year ("2016"). A reduced-precision date means
// the whole month or year. A span runs from the start of one such date to
// the end of another: "2016-04-10/2016-06" is April 10 to the end of June.
type Date struct {
	Year  int
	Month time.Month // 0 for a year
	Day   int        // 0 for a month or a year
	// The end of a span, written as the start is; EndYear 0 for a
	// single date.
	EndYear  int
	EndMonth time.Month
	EndDay   int
}

// IsSpan reports whether the date runs to another.
func (d Date) IsSpan() bool { return d.EndYear != 0 }

// first and last are the dates a span runs from and to; a single date is
// both.
func (d Date) first() Date { return Date{Year: d.Year, Month: d.Month, Day: d.Day} }

func (d Date) last() Date {
	if !d.IsSpan() {
		return d.first()
	}
	return Date{Year: d.EndYear, Month: d.EndMonth, Day: d.EndDay}
}

// The years a timeline may cover. The index keeps a date as nanoseconds
// from 1970 in 64 bits, which reaches from September 1677 to April 2262.
const (
	MinYear = 1678
	MaxYear = 2261
)

// ParseDate reads "YYYY-MM-DD", "YYYY-MM" or "YYYY", or a span of two
// of them: "YYYY-MM-DD/YYYY-MM-DD".
func ParseDate(s string) (Date, error) {
	from, to, isSpan := strings.Cut(s, "/")
	if !isSpan {
		return parsePoint(s)
	}
	a, err := parsePoint(from)
	if err != nil {
		return Date{}, err
	}
	b, err := parsePoint(to)
	if err != nil {
		return Date{}, err
	}
	if !b.End().After(a.Start()) || (b.Start().Equal(a.Start()) && b.End().Equal(a.End())) {
		return Date{}, fmt.Errorf("%q is not a span: it must end after it starts", s)
	}
	a.EndYear, a.EndMonth, a.EndDay = b.Year, b.Month, b.Day
	return a, nil
}

// parsePoint reads one date of ParseDate's.
func parsePoint(s string) (Date, error) {
	var d Date
	parts := [3]string{}
	n := 0
	start := 0
	for i := 0; i <= len(s); i++ {
		if i == len(s) || s[i] == '-' {
			if n == len(parts) {
				return Date{}, fmt.Errorf("%q is not a date: want YYYY-MM-DD, YYYY-MM or YYYY", s)
			}
			parts[n] = s[start:i]
			n++
			start = i + 1
		}
	}
	widths := [3]int{4, 2, 2}
	values := [3]int{}
	for i := 0; i < n; i++ {
		v, err := strconv.Atoi(parts[i])
		if err != nil || len(parts[i]) != widths[i] || v < 0 {
			return Date{}, fmt.Errorf("%q is not a date: want YYYY-MM-DD, YYYY-MM or YYYY", s)
		}
		values[i] = v
	}
	d = Date{Year: values[0], Month: time.Month(values[1]), Day: values[2]}
	if d.Year < MinYear || d.Year > MaxYear {
		return Date{}, fmt.Errorf("%q is outside the years a timeline may cover, %d to %d", s, MinYear, MaxYear)
	}
	if n >= 2 && (d.Month < time.January || d.Month > time.December) {
		return Date{}, fmt.Errorf("%q is not a date: month must be 01 to 12", s)
	}
	if n == 3 {
		if last := daysIn(d.Year, d.Month); d.Day < 1 || d.Day > last {
			return Date{}, fmt.Errorf("%q is not a date: %s %d has %d days", s, d.Month, d.Year, last)
		}
	}
	return d, nil
}

func daysIn(year int, month time.Month) int {
	switch month {
	case time.February:
		if year%4 == 0 && (year%100 != 0 || year%400 == 0) {
			return 29
		}
		return 28
	case time.April, time.June, time.September, time.November:
		return 30
	}
	return 31
}

// Start is the first instant of the date, in UTC.
func (d Date) Start() time.Time {
	d = d.first()
	month, day := d.Month, d.Day
	if month == 0 {
		month = time.January
	}
	if day == 0 {
		day = 1
	}
	return time.Date(d.Year, month, day, 0, 0, 0, 0, time.UTC)
}

// End is the first instant after the date: the next day, month or year,
// after the end of a span.
func (d Date) End() time.Time {
	d = d.last()
	switch {
	case d.Month == 0:
		return d.Start().AddDate(1, 0, 0)
	case d.Day == 0:
		return d.Start().AddDate(0, 1, 0)
	default:
		return d.Start().AddDate(0, 0, 1)
	}
}

// Overlaps reports whether any part of the date falls in [from, to).
func (d Date) Overlaps(from, to time.Time) bool {
	return d.Start().Before(to) && d.End().After(from)
}

// String is the timeline form: "2017-03-02", "2017-03" or "2016", and
// "2016-04-10/2016-06" for a span.
func (d Date) String() string {
	if d.IsSpan() {
		return d.first().String() + "/" + d.last().String()
	}
	switch {
	case d.Month == 0:
		return fmt.Sprintf("%04d", d.Year)
	case d.Day == 0:
		return fmt.Sprintf("%04d-%02d", d.Year, int(d.Month))
	default:
		return fmt.Sprintf("%04d-%02d-%02d", d.Year, int(d.Month), d.Day)
	}
}

// apMonths are month names as news copy writes them beside a day
// ("Feb. 28, 2016", "March 2, 2017"), the style of the timelines themselves.
var apMonths = [...]string{"", "Jan.", "Feb.", "March", "April", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec."}

// Human is the date as a reader writes it: "Feb. 28, 2016", "March 2017",
// "2016", and for a span "April 10 – June 2, 2016" or "2015 – 2017".
func (d Date) Human() string {
	if d.IsSpan() {
		a, b := d.first(), d.last()
		if a.Year == b.Year && a.Month != 0 && b.Month != 0 {
			// The year is said once: "April 10 – June 2, 2016".
			start := strings.TrimSuffix(a.Human(), fmt.Sprintf(" %d", a.Year))
			return strings.TrimSuffix(start, ",") + " – " + b.Human()
		}
		return a.Human() + " – " + b.Human()
	}
	switch {
	case d.Month == 0:
		return strconv.Itoa(d.Year)
	case d.Day == 0:
		return fmt.Sprintf("%s %d", d.Month, d.Year)
	default:
		return fmt.Sprintf("%s %d, %d", apMonths[d.Month], d.Day, d.Year)
	}
}

// MarshalText writes the timeline form.
func (d Date) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

// Nanos is Start and End as Unix nanoseconds, without time.Date: a
// restart at a million entries computes them for every date, and
// time.Date's normalizing was a fifth of it.
func (d Date) Nanos() (start, end int64) {
	first, last := d.first(), d.last()
	start = daysFromCivil(first.Year, max(first.Month, time.January), max(first.Day, 1))
	year, month, day := last.Year, last.Month, last.Day
	switch {
	case month == 0:
		end = daysFromCivil(year+1, time.January, 1)
	case day == 0 && month == time.December:
		end = daysFromCivil(year+1, time.January, 1)
	case day == 0:
		end = daysFromCivil(year, month+1, 1)
	default:
		end = daysFromCivil(year, month, day) + 1
	}
	const day64 = int64(24 * time.Hour)
	return start * day64, end * day64
}

// daysFromCivil is the number of days from 1970-01-01 to a date of the
// proleptic Gregorian calendar (Howard Hinnant's algorithm).
func daysFromCivil(year int, month time.Month, day int) int64 {
	y, m := int64(year), int64(month)
	if m <= 2 {
		y--
	}
	era := y / 400
	if y < 0 && y%400 != 0 {
		era--
	}
	yoe := y - era*400
	mp := (m + 9) % 12
	doy := (153*mp+2)/5 + int64(day) - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return era*146097 + doe - 719468
}
