package formats

import (
	"strings"
	"testing"
	"time"
)

// TestICSMadeUp reads an invented calendar: a one-day all-day event (its
// DTEND the next day), a three-day one (ending the day before DTEND), one
// covering a whole month, date-times in a TZID zone and in UTC crossing
// midnight, DURATION, a folded line, escaped text, an empty DESCRIPTION, a
// weekly rule with COUNT, an EXDATE and a moved occurrence (RECURRENCE-ID),
// an endless monthly rule cut a year after Options.Now, RDATE making one
// entry of several dates, events out of order; and what is reported.
func TestICSMadeUp(t *testing.T) {
	got, rep := importFile(t, "testdata/calendar.ics", ICS, Options{Now: fixedNow})
	checkWant(t, got, "testdata/calendar.want.json")
	wantSkipped(t, rep, 7, "the calendar's COLOR", "no place")
	wantSkipped(t, rep, 16, "the reminders (VALARM) of 1 event", "not part of the event")
	wantSkipped(t, rep, 24, "the LOCATION of 1 event", "no place")
	wantSkipped(t, rep, 30, `the id "Open Days@observatory.example" of event 2`, "derived")
	wantSkipped(t, rep, 61, "the URL of 1 event", "no place")
	wantSkipped(t, rep, 69, "the DESCRIPTION of event 6", "the SUMMARY stands in")
	wantSkipped(t, rep, 94, `the occurrences of event 9 ("Open night") after Dec. 15, 2020`, "17 occurrences kept")
	wantSkipped(t, rep, 98, `event 10 ("Gala")`, "cancelled")
	wantSkipped(t, rep, 115, "a second VCALENDAR", "first calendar")
}

func TestICSErrors(t *testing.T) {
	wantErrors(t, importErrors(t, "testdata/calendar_errors.ics", ICS),
		`line 5: event 1 ("No start"): DTSTART: is missing: an event needs its start`,
		`line 12: event 2 ("Bad start"): DTSTART: "2016-02-01" is not an iCalendar date or date-time (20160201, 20160201T093000 or 20160201T093000Z)`,
		`line 15: event 3 ("Ends before it starts"): dates[0]: "2016-02-10/2016-02-04" is not a span: it must end after it starts`)

	for _, c := range []struct{ src, want string }{
		{"BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART:20160101\nEND:VCALENDAR\n", "line 4: END:VCALENDAR, but the VEVENT that began on line 2 is not ended"},
		{"BEGIN:VCALENDAR\nVERSION:2.0\n", "line 1: BEGIN:VCALENDAR is never ended (END:VCALENDAR)"},
		// go-ical panics on this parameter list; the importer does not.
		{"BEGIN:VCALENDAR\nX-A;P=\"q\"r:v\nEND:VCALENDAR\n", "line 2: malformed content line"},
		{"BEGIN:VCALENDAR\nNOCOLON\nEND:VCALENDAR\n", "line 2: malformed content line: missing colon"},
		{"BEGIN:VEVENT\nEND:VEVENT\n", "line 1: not an iCalendar file"},
		{"BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART:20160101\nRRULE:FREQ=SOMETIMES\nSUMMARY:x\nEND:VEVENT\nEND:VCALENDAR\n", `line 4: event 1 ("x"): RRULE: error parsing rrule`},
	} {
		errs := importErrorsString(t, c.src, ICS)
		found := false
		for _, e := range errs {
			found = found || strings.HasPrefix(e.Error(), c.want)
		}
		if !found {
			t.Errorf("%q:\n\tgot  %v\n\twant %s...", c.src, errs, c.want)
		}
	}
}

// TestICSRules: a rule that repeats within a day is kept once; a rule that
// matches no day is given up within the budget, not searched to the year
// 9999.
func TestICSRules(t *testing.T) {
	cal := func(rule string) string {
		return "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:r\r\nDTSTART;VALUE=DATE:20160105\r\nRRULE:" + rule + "\r\nSUMMARY:Rule\r\nDESCRIPTION:d\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
	}
	o := Options{Now: fixedNow, Title: "Rules"}
	got, rep := importString(t, cal("FREQ=HOURLY;COUNT=30"), ICS, o)
	if len(got.Events) != 1 || !reportHas(rep, "the recurrence of event 1", "within a day") {
		t.Errorf("hourly: %d events, report %v", len(got.Events), rep.Skipped)
	}
	start := time.Now()
	got, rep = importString(t, cal("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30"), ICS, o)
	if time.Since(start) > expandBudget+2*time.Second {
		t.Errorf("an impossible rule took %v", time.Since(start))
	}
	if len(got.Events) != 1 {
		t.Errorf("impossible rule: %d events, report %v", len(got.Events), rep.Skipped)
	}
	got, _ = importString(t, cal("FREQ=DAILY"), ICS, Options{Now: time.Date(2040, 1, 1, 0, 0, 0, 0, time.UTC), Title: "Rules"})
	if len(got.Events) != maxOccurrences {
		t.Errorf("an endless daily rule made %d entries, want the cap %d", len(got.Events), maxOccurrences)
	}
}

// TestICSDates covers the day arithmetic: exclusive all-day ends, whole
// months and years, time zones.
func TestICSDates(t *testing.T) {
	for _, c := range []struct{ start, end, want string }{
		{"DTSTART;VALUE=DATE:20160228", "DTEND;VALUE=DATE:20160229", "2016-02-28"},
		{"DTSTART;VALUE=DATE:20160228", "", "2016-02-28"},
		{"DTSTART;VALUE=DATE:20160228", "DTEND;VALUE=DATE:20160228", "2016-02-28"},
		{"DTSTART;VALUE=DATE:20160228", "DTEND;VALUE=DATE:20160302", "2016-02-28/2016-03-01"},
		{"DTSTART;VALUE=DATE:20160201", "DTEND;VALUE=DATE:20160301", "2016-02"},
		{"DTSTART;VALUE=DATE:20160101", "DTEND;VALUE=DATE:20170101", "2016"},
		{"DTSTART;VALUE=DATE:20150101", "DTEND;VALUE=DATE:20170101", "2015/2016"},
		{"DTSTART;VALUE=DATE:20160301", "DTEND;VALUE=DATE:20160601", "2016-03/2016-05"},
		{"DTSTART;VALUE=DATE:20160228", "DURATION:P2D", "2016-02-28/2016-02-29"},
		{"DTSTART:20160228T230000Z", "DTEND:20160229T010000Z", "2016-02-28/2016-02-29"},
		{"DTSTART:20160228T100000Z", "DTEND:20160228T120000Z", "2016-02-28"},
		{"DTSTART:20160228T100000Z", "DTEND:20160229T000000Z", "2016-02-28"},
		{"DTSTART;TZID=America/New_York:20160228T220000", "DURATION:PT1H", "2016-02-28"}, // 03:00 UTC the next day
		{"DTSTART;TZID=Nowhere/Special:20160228T220000", "", "2016-02-28"},
		{"DTSTART:20160228T220000", "", "2016-02-28"}, // floating
	} {
		src := "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\n" + c.start + "\r\n"
		if c.end != "" {
			src += c.end + "\r\n"
		}
		src += "SUMMARY:x\r\nDESCRIPTION:y\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
		got, _ := importString(t, src, ICS, Options{Title: "t"})
		if d := got.Events[0].Dates[0].String(); d != c.want {
			t.Errorf("%s %s: %s, want %s", c.start, c.end, d, c.want)
		}
	}
}
