package dateexpr

import (
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

func TestParse(t *testing.T) {
	tests := []struct {
		in         string
		start, end time.Time
		precision  Precision
	}{
		{"2017-03-02", day(2017, 3, 2), day(2017, 3, 3), Day},
		{"2017-03", day(2017, 3, 1), day(2017, 4, 1), Month},
		{"Feb. 28, 2016", day(2016, 2, 28), day(2016, 2, 29), Day},
		{"Feb 28 2016", day(2016, 2, 28), day(2016, 2, 29), Day},
		{"Sept. 8 2016", day(2016, 9, 8), day(2016, 9, 9), Day},
		{"sep 8, 2016", day(2016, 9, 8), day(2016, 9, 9), Day},
		{"September 8th, 2016", day(2016, 9, 8), day(2016, 9, 9), Day},
		{"28 February 2016", day(2016, 2, 28), day(2016, 2, 29), Day},
		{"the 5th of June 2017", day(2017, 6, 5), day(2017, 6, 6), Day},
		{"4/27/2016", day(2016, 4, 27), day(2016, 4, 28), Day},
		{"March 2017", day(2017, 3, 1), day(2017, 4, 1), Month},
		{"march of 2017", day(2017, 3, 1), day(2017, 4, 1), Month},
		{"MAR. 2017", day(2017, 3, 1), day(2017, 4, 1), Month},
		{"2016", day(2016, 1, 1), day(2017, 1, 1), Year},
		{"on March 2, 2017.", day(2017, 3, 2), day(2017, 3, 3), Day},
		{"Feb. 29, 2016", day(2016, 2, 29), day(2016, 3, 1), Day}, // leap year
		{"2/29/2000", day(2000, 2, 29), day(2000, 3, 1), Day},     // divisible by 400
		// ranges
		{"June 5-6, 2017", day(2017, 6, 5), day(2017, 6, 7), Day},
		{"between March 2016 and November 2016", day(2016, 3, 1), day(2016, 12, 1), Month},
		{"between March and June 2017", day(2017, 3, 1), day(2017, 7, 1), Month},
		{"November to February 2017", day(2016, 11, 1), day(2017, 3, 1), Month},
		{"2016-2017", day(2016, 1, 1), day(2018, 1, 1), Year},
		{"from 2017-03-02 to 2017-06-06", day(2017, 3, 2), day(2017, 6, 7), Day},
		// forms only the library reads
		{"late 2016", day(2016, 9, 1), day(2017, 1, 1), Month},
		{"from mid-2016 to early 2017", day(2016, 5, 1), day(2017, 5, 1), Month},
		{"between March 2 and March 2017", day(2017, 3, 2), day(2017, 4, 1), Day},
		{"June 5, 2017 to 2017", day(2017, 6, 5), day(2018, 1, 1), Day},
		{"mid-2016", day(2016, 5, 1), day(2016, 9, 1), Month},
		{"early 2017", day(2017, 1, 1), day(2017, 5, 1), Month},
		{"the second half of 2016", day(2016, 7, 1), day(2017, 1, 1), Month},
		{"first half of 2016", day(2016, 1, 1), day(2016, 7, 1), Month},
		{"the third quarter of 2016", day(2016, 7, 1), day(2016, 10, 1), Month},
		{"2017/03/02", day(2017, 3, 2), day(2017, 3, 3), Day},
		{"March 2nd, 2017 at noon", day(2017, 3, 2), day(2017, 3, 3), Day},
		{"2017.03.02", day(2017, 3, 2), day(2017, 3, 3), Day},
		{"March 2, 2017, 3:30 pm", day(2017, 3, 2), day(2017, 3, 3), Day},
		{"2017/03/02 at 9 a.m.", day(2017, 3, 2), day(2017, 3, 3), Day},
		{"June 5, 2017 14:00", day(2017, 6, 5), day(2017, 6, 6), Day},
		{"Thursday, March 2, 2017", day(2017, 3, 2), day(2017, 3, 3), Day},
		{"Mon. June 5, 2017", day(2017, 6, 5), day(2017, 6, 6), Day},
		// seasons (meteorological, northern), quarters and halves by code
		{"the fall of 2016", day(2016, 9, 1), day(2016, 12, 1), Month},
		{"autumn 2016", day(2016, 9, 1), day(2016, 12, 1), Month},
		{"summer 2017", day(2017, 6, 1), day(2017, 9, 1), Month},
		{"spring of 2016", day(2016, 3, 1), day(2016, 6, 1), Month},
		{"winter 2016", day(2016, 12, 1), day(2017, 3, 1), Month},
		{"Q3 2016", day(2016, 7, 1), day(2016, 10, 1), Month},
		{"q1 of 2017", day(2017, 1, 1), day(2017, 4, 1), Month},
		{"2016 Q4", day(2016, 10, 1), day(2017, 1, 1), Month},
		{"H2 2016", day(2016, 7, 1), day(2017, 1, 1), Month},
		{"the second quarter of 2016", day(2016, 4, 1), day(2016, 7, 1), Month},
		// ordinals in words, holidays, compact dates
		{"the tenth of January 2017", day(2017, 1, 10), day(2017, 1, 11), Day},
		{"January twenty-first, 2017", day(2017, 1, 21), day(2017, 1, 22), Day},
		{"March first 2016", day(2016, 3, 1), day(2016, 3, 2), Day},
		{"New Year's Day 2017", day(2017, 1, 1), day(2017, 1, 2), Day},
		{"new year’s eve 2016", day(2016, 12, 31), day(2017, 1, 1), Day},
		{"Independence Day 2016", day(2016, 7, 4), day(2016, 7, 5), Day},
		{"the Fourth of July, 2016", day(2016, 7, 4), day(2016, 7, 5), Day},
		{"Christmas 2016", day(2016, 12, 25), day(2016, 12, 26), Day},
		{"20170302", day(2017, 3, 2), day(2017, 3, 3), Day},
		// the start or end of a date is the date, as a range's end
		{"from the start of March 2016 to the end of October 2016", day(2016, 3, 1), day(2016, 11, 1), Month},
		{"the end of 2016", day(2016, 1, 1), day(2017, 1, 1), Year},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := Parse(tt.in)
			if err != nil {
				t.Fatalf("Parse(%q): %v", tt.in, err)
			}
			if !got.Start.Equal(tt.start) || !got.End.Equal(tt.end) || got.Precision != tt.precision {
				t.Errorf("Parse(%q) = %v..%v %v, want %v..%v %v", tt.in, got.Start, got.End, got.Precision, tt.start, tt.end, tt.precision)
			}
		})
	}
}

func TestParseRejects(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Feb. 30, 2016", `"Feb. 30, 2016" is not a date: February 2016 has 29 days`},
		{"Feb. 29, 2017", `"Feb. 29, 2017" is not a date: February 2017 has 28 days`},
		{"2/29/1900", `"2/29/1900" is not a date: February 1900 has 28 days`}, // divisible by 100, not 400
		{"April 31", `"April 31" is not a date: April has 30 days`},
		{"2017-13-01", `"2017-13-01" is not a date: there is no month 13`},
		{"13/13/2016", `"13/13/2016" is not a date: there is no month 13`},
		{"3/0/2017", `"3/0/2017" is not a date: there is no day 0`},
		{"2017-00", `"2017-00" is not a date: there is no month 0`},
		{"June 2017 to March 2017", `"June 2017 to March 2017" ends before it starts`},
		{"between March and June", `"between March and June" has no year`},
		{"June 5", `"June 5": no year given`},
		{"", "no date given"},
		{"the recusal", `"the recusal" is not a date I can read`},
		{"31", `"31" is a number, not a date`},
		{"1", `"1" is a number, not a date`},
		{"12345", `"12345" is a number, not a date`},
		{"99999", `"99999" is a number, not a date`},
		{"20171302", `"20171302" is a number, not a date`},
		{strings.Repeat("March ", 40), "is too long to be a date"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			_, err := Parse(tt.in)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Parse(%q) error = %v, want it to say %s", tt.in, err, tt.want)
			}
		})
	}
}

func TestFind(t *testing.T) {
	type found struct {
		text   string
		start  time.Time
		noYear bool
		month  time.Month
		day    int
	}
	tests := []struct {
		in   string
		want []found
	}{
		{"What happened on March 2, 2017?", []found{{text: "March 2, 2017", start: day(2017, 3, 2)}}},
		{"anything on 4/27/2016?", []found{{text: "4/27/2016", start: day(2016, 4, 27)}}},
		{"what happened in june 2017", []found{{text: "june 2017", start: day(2017, 6, 1)}}},
		{"events between March 2016 and November 2016", []found{{text: "between March 2016 and November 2016", start: day(2016, 3, 1)}}},
		{"in March 2016 and in June 2017", []found{{text: "March 2016", start: day(2016, 3, 1)}, {text: "June 2017", start: day(2017, 6, 1)}}},
		{"anything in late 2016?", []found{{text: "late 2016", start: day(2016, 9, 1)}}},
		{"what happened in May?", []found{{text: "May", noYear: true, month: time.May}}},
		{"on June 5", []found{{text: "June 5", noYear: true, month: time.June, day: 5}}},
		{"Where did Sessions meet Kislyak in July 2016", []found{{text: "July 2016", start: day(2016, 7, 1)}}},
		// words that are dates only sometimes
		{"What may happen next?", nil},
		{"March on Washington", nil},
		{"the first and last event", nil},
		{"how many days after the recusal", nil},
		{"he spoke for 45 minutes to 300 people", nil},
		{"the dec file, a jan note", nil},
		{"a 1980s case", nil},
		{"when did Theresa May resign", nil},
		{"on June 5-6", []found{{text: "June 5-6", noYear: true, month: time.June, day: 5}}},
		{"in 0999 or 3000", nil},
		{"what happened in the fall of 2016?", []found{{text: "the fall of 2016", start: day(2016, 9, 1)}}},
		{"anything in the summer?", []found{{text: "the summer", noYear: true, month: time.June}}},
		{"summer camp opened", nil},
		{"during the fall of Rome", nil},
		{"the Christmas party", nil},
		{"what happened at Christmas", []found{{text: "Christmas", noYear: true, month: time.December, day: 25}}},
		{"What happened on Independence Day?", []found{{text: "Independence Day", noYear: true, month: time.July, day: 4}}},
		{"what happened on 20170302?", []found{{text: "20170302", start: day(2017, 3, 2)}}},
		{"order 12345678 and 99999", nil},
		{"the second meeting", nil},
		{"the first event", nil},
		{"between the start of March 2016 and the end of October 2016", []found{{text: "between the start of March 2016 and the end of October 2016", start: day(2016, 3, 1)}}},
		{"the end of the timeline", nil},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got := Find(tt.in)
			if len(got) != len(tt.want) {
				t.Fatalf("Find(%q) = %+v, want %d matches", tt.in, got, len(tt.want))
			}
			for i, w := range tt.want {
				g := got[i]
				if g.Err != nil {
					t.Fatalf("Find(%q)[%d]: %v", tt.in, i, g.Err)
				}
				if g.Text != w.text || tt.in[g.Start:g.End] != w.text {
					t.Errorf("Find(%q)[%d] text %q at %d:%d, want %q", tt.in, i, g.Text, g.Start, g.End, w.text)
				}
				if g.NoYear != w.noYear || g.Month != w.month || g.DayOfMonth != w.day {
					t.Errorf("Find(%q)[%d] noYear=%v month=%v day=%d, want %v %v %d", tt.in, i, g.NoYear, g.Month, g.DayOfMonth, w.noYear, w.month, w.day)
				}
				if !w.noYear && !g.Span.Start.Equal(w.start) {
					t.Errorf("Find(%q)[%d] starts %v, want %v", tt.in, i, g.Span.Start, w.start)
				}
			}
		})
	}
}

func TestFindDayRangeWithoutYear(t *testing.T) {
	got := Find("what happened on June 5-6?")
	if len(got) != 1 || !got[0].NoYear || got[0].DayOfMonth != 5 || got[0].LastDay != 6 {
		t.Errorf("Find = %+v, want June 5 to 6 of no year", got)
	}
}

func TestFindReportsInvalidDates(t *testing.T) {
	got := Find("what happened on Feb. 30, 2016?")
	if len(got) != 1 || got[0].Err == nil || !strings.Contains(got[0].Err.Error(), "February 2016 has 29 days") {
		t.Fatalf("Find = %+v, want one match with an error naming the days of February 2016", got)
	}
}

func TestSpanString(t *testing.T) {
	tests := map[string]string{
		"2017-03-02":                          "March 2, 2017",
		"Sept. 8, 2016":                       "Sept. 8, 2016",
		"March 2017":                          "March 2017",
		"2016":                                "2016",
		"June 5-6, 2017":                      "June 5, 2017 – June 6, 2017",
		"between April 2016 and January 2017": "April 2016 – January 2017",
		"2016-2017":                           "2016 – 2017",
		"from June 5, 2017 to 2017":           "June 5, 2017 – 2017",
		"late 2016":                           "September 2016 – December 2016",
	}
	for in, want := range tests {
		s, err := Parse(in)
		if err != nil {
			t.Fatal(err)
		}
		if got := s.String(); got != want {
			t.Errorf("Parse(%q).String() = %q, want %q", in, got, want)
		}
	}
}

// Long input is read in bounded work: Find stops after a fixed number of
// tokens and matches, Parse refuses text longer than a date can be.
func TestLongInputIsBounded(t *testing.T) {
	long := strings.Repeat("March 2, 2017 and ", 600) // 10,800 characters
	if got := Find(long); len(got) != maxMatches {
		t.Errorf("Find on %d characters returned %d matches, want the cap of %d", len(long), len(got), maxMatches)
	}
	if _, err := Parse(long); err == nil {
		t.Error("Parse accepted 10,000 characters as a date")
	}
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{"2017-03-02", "Feb. 28, 2016", "June 5-6, 2017", "between March and June 2017", "4/27/2016", "Feb. 30, 2016", "2016-2017", "the 5th of June 2017"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		span, err := Parse(s)
		if err == nil && !span.End.After(span.Start) {
			t.Errorf("Parse(%q) = empty span %v..%v", s, span.Start, span.End)
		}
		if err != nil && !utf8.ValidString(err.Error()) && utf8.ValidString(s) {
			t.Errorf("Parse(%q) error is not valid UTF-8: %q", s, err)
		}
	})
}

func FuzzFind(f *testing.F) {
	for _, s := range []string{"What happened on March 2, 2017?", "between March 2016 and November 2016", "in May", "13/13/2016", "2017-02-29", "June 5-6"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		last := 0
		for _, m := range Find(s) {
			if m.Start < last || m.End > len(s) || m.Start >= m.End || s[m.Start:m.End] != m.Text {
				t.Fatalf("Find(%q): match %q at %d:%d is not in order inside the text", s, m.Text, m.Start, m.End)
			}
			last = m.End
			if m.Err == nil && !m.NoYear && !m.Span.End.After(m.Span.Start) {
				t.Errorf("Find(%q): match %q has an empty span", s, m.Text)
			}
		}
	})
}

func BenchmarkFind(b *testing.B) {
	q := "How many days between the endorsement on Feb. 28, 2016 and the nomination in November 2016?"
	for b.Loop() {
		Find(q)
	}
}

func BenchmarkFindLong(b *testing.B) {
	q := strings.Repeat("what happened after the recusal ", 320) // 10,240 characters
	for b.Loop() {
		Find(q)
	}
}

func BenchmarkParse(b *testing.B) {
	for _, in := range []string{"Sept. 8, 2016", "2017/03/02"} {
		b.Run(in, func(b *testing.B) {
			for b.Loop() {
				if _, err := Parse(in); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func TestMatchIn(t *testing.T) {
	tests := []struct {
		text       string
		year       int
		start, end time.Time
		ok         bool
	}{
		{"in May", 2017, day(2017, 5, 1), day(2017, 6, 1), true},
		{"on June 5-6", 2017, day(2017, 6, 5), day(2017, 6, 7), true},
		{"on Feb. 29", 2016, day(2016, 2, 29), day(2016, 3, 1), true},
		{"on Feb. 29", 2017, time.Time{}, time.Time{}, false},
		{"in the winter", 2016, day(2016, 12, 1), day(2017, 3, 1), true},
		{"in June 2017", 2016, time.Time{}, time.Time{}, false}, // has its own year
	}
	for _, tt := range tests {
		m := Find(tt.text)
		if len(m) != 1 {
			t.Fatalf("Find(%q) = %+v", tt.text, m)
		}
		s, ok := m[0].In(tt.year)
		if ok != tt.ok || ok && (!s.Start.Equal(tt.start) || !s.End.Equal(tt.end)) {
			t.Errorf("%q in %d = %v..%v %v, want %v..%v %v", tt.text, tt.year, s.Start, s.End, ok, tt.start, tt.end, tt.ok)
		}
	}
}

func TestReaderTwoDigitYears(t *testing.T) {
	seventies := Reader{From: 1971, To: 1984}
	tests := []struct {
		r     Reader
		in    string
		start time.Time
	}{
		{seventies, "what happened on 12/12/80?", day(1980, 12, 12)},
		{seventies, "where did it move in '79", day(1979, 1, 1)},
		{seventies, "where did it move in 99?", day(1999, 1, 1)}, // nearest the span: 1999, not 1899
		{seventies, "in the fall of '79", day(1979, 9, 1)},
		{seventies, "Q3 '81", day(1981, 7, 1)},
		{Reader{From: 2016, To: 2017}, "on 3/2/17", day(2017, 3, 2)},
		{Reader{From: 1890, To: 1910}, "on 3/2/05", day(1905, 3, 2)},
	}
	for _, tt := range tests {
		got := tt.r.Find(tt.in)
		if len(got) != 1 || got[0].Err != nil || !got[0].Span.Start.Equal(tt.start) {
			t.Errorf("%+v.Find(%q) = %+v, want one match starting %v", tt.r, tt.in, got, tt.start)
		}
	}
	// A count is not a year, and without a span nothing says a bare
	// number is one.
	for _, in := range []string{"in 99 days", "in 12 hours", "top 5 of 10", "chapter 3 to 15"} {
		if got := seventies.Find(in); len(got) != 0 {
			t.Errorf("Find(%q) = %+v, want no dates", in, got)
		}
	}
	for _, m := range seventies.Find("what happened from January 6 to 20") {
		if !m.NoYear {
			t.Errorf("a day after \"to\" was read as a year: %+v", m)
		}
	}
	if got := Find("in 99"); len(got) != 0 {
		t.Errorf("the zero Reader read %q as %+v", "in 99", got)
	}
}

func TestUnread(t *testing.T) {
	tests := map[string]string{
		"what happened in Febuary 2017?":     `"Febuary" as a month: did you mean February?`,
		"anything on Setpember 8, 2016":      `did you mean September?`,
		"what happened on Easter 2016":       `"Easter" moves from year to year`,
		"what happened in February 2017?":    "",
		"when did the marsh flood in 2016":   "", // "marsh" is a word, not "march" mistyped: no number beside it
		"when did the juror speak":           "",
		"how many days between june and may": "",
		"what happened on Easter Island":     "", // no date beside it
	}
	for in, want := range tests {
		_, got := Reader{}.Unread(in)
		if want == "" && got != "" || want != "" && !strings.Contains(got, want) {
			t.Errorf("Unread(%q) = %q, want %q", in, got, want)
		}
	}
}

// A year and a number after a slash is a season, not a month; a time
// alone is not a date.
func TestParseRefusesNearDates(t *testing.T) {
	for _, in := range []string{"2016/17", "at noon", "3:30 pm", "2017/13/02"} {
		if s, err := Parse(in); err == nil {
			t.Errorf("Parse(%q) = %v, want an error", in, s)
		}
	}
}
