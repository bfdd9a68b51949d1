package formats

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/emersion/go-ical"
	"github.com/teambition/rrule-go"

	"github.com/timelinebot/timelinebot/data"
)

// iCalendar is read with go-ical; the lines of components and properties
// come from a scan of the unfolded content lines, since go-ical's tree does
// not keep them.
//
// Dates: an all-day event (VALUE=DATE) ends the day before its DTEND,
// which is exclusive; an all-day event covering whole months or years is
// that month or year ("2016-03"), as a timeline writes it. A date-time is
// the day it falls on in its time zone (TZID), or in UTC for a "Z" time;
// an unknown TZID is read as the local time it writes, whose day is the
// day written.
//
// Recurrences: an RRULE is expanded with rrule-go, each occurrence an entry,
// up to maxOccurrences and not past a year after Options.Now; the cut is
// reported. go-ical's RecurrenceSet is not used: it reads RDATE as EXDATE
// and cannot read a comma-separated EXDATE, so the set is built here from
// go-ical's parse of the RRULE. A rule repeating within a day (HOURLY and
// finer) is not expanded: a timeline's dates are days. An event with RDATE
// and no RRULE is one entry with several dates, which is what a timeline
// entry with several dates is and how Export writes it.

const (
	// maxOccurrences bounds the entries one recurring event makes.
	maxOccurrences = 500
	// expandBudget bounds the time spent expanding the rules of one
	// calendar: rrule-go searches up to the year 9999 for a rule that
	// never matches (BYMONTH=2;BYMONTHDAY=30) and cannot be stopped.
	expandBudget = 3 * time.Second
)

type icsLine struct {
	n    int
	text string
}

// icsComp is where a component and its properties stand.
type icsComp struct {
	name  string
	line  int
	props map[string]int // property name -> line of its first instance
	depth int
}

// unfold joins folded lines: a line starting with a space or a tab
// continues the one before (RFC 5545, 3.1).
func unfold(src string) []icsLine {
	var out []icsLine
	for i, l := range strings.Split(src, "\n") {
		l = strings.TrimSuffix(l, "\r")
		if (strings.HasPrefix(l, " ") || strings.HasPrefix(l, "\t")) && len(out) > 0 {
			out[len(out)-1].text += l[1:]
			continue
		}
		if l == "" {
			continue
		}
		out = append(out, icsLine{n: i + 1, text: l})
	}
	return out
}

func propName(text string) (name, value string) {
	i := strings.IndexAny(text, ";:")
	if i < 0 {
		return strings.ToUpper(text), ""
	}
	name = strings.ToUpper(text[:i])
	if j := strings.IndexByte(text, ':'); j >= 0 {
		value = text[j+1:]
	}
	return name, value
}

// scanICS lists the components in the order of the file (the preorder of
// go-ical's tree), each with its lines; it reports a BEGIN without its END
// or an END of another component with its line.
func scanICS(cl []icsLine) ([]icsComp, *Error) {
	var comps []icsComp
	var stack []int
	for _, l := range cl {
		name, value := propName(l.text)
		switch name {
		case "BEGIN":
			stack = append(stack, len(comps))
			comps = append(comps, icsComp{name: strings.ToUpper(value), line: l.n, props: map[string]int{}, depth: len(stack) - 1})
		case "END":
			if len(stack) == 0 {
				return comps, &Error{Line: l.n, Msg: fmt.Sprintf("END:%s without its BEGIN", value)}
			}
			top := comps[stack[len(stack)-1]]
			if !strings.EqualFold(top.name, value) {
				return comps, &Error{Line: l.n, Msg: fmt.Sprintf("END:%s, but the %s that began on line %d is not ended", value, top.name, top.line)}
			}
			stack = stack[:len(stack)-1]
		default:
			if len(stack) == 0 {
				return comps, &Error{Line: l.n, Msg: fmt.Sprintf("%q is outside any component: an iCalendar file is BEGIN:VCALENDAR ... END:VCALENDAR", clip(l.text, 40))}
			}
			c := &comps[stack[len(stack)-1]]
			if _, ok := c.props[name]; !ok {
				c.props[name] = l.n
			}
		}
	}
	if len(stack) > 0 {
		top := comps[stack[len(stack)-1]]
		return comps, &Error{Line: top.line, Msg: fmt.Sprintf("BEGIN:%s is never ended (END:%s)", top.name, top.name)}
	}
	return comps, nil
}

// decodeCalendar is go-ical's Decode, which panics on some malformed
// parameter lists: a panic is a malformed file.
func decodeCalendar(src string) (cal *ical.Calendar, err error) {
	defer func() {
		if r := recover(); r != nil {
			cal, err = nil, fmt.Errorf("ical: malformed content line (%v)", r)
		}
	}()
	return ical.NewDecoder(strings.NewReader(src)).Decode()
}

// lineError finds the content line go-ical cannot read, for an error that
// names its line: go-ical's own errors name none.
func lineError(cl []icsLine, whole error) *Error {
	for _, l := range cl {
		if name, _ := propName(l.text); name == "BEGIN" || name == "END" {
			continue
		}
		if _, err := decodeCalendar("BEGIN:VCALENDAR\r\n" + l.text + "\r\nEND:VCALENDAR\r\n"); err != nil {
			return &Error{Line: l.n, Msg: strings.TrimPrefix(err.Error(), "ical: ")}
		}
	}
	line := 0
	if len(cl) > 0 {
		line = cl[len(cl)-1].n
	}
	return &Error{Line: line, Msg: strings.TrimPrefix(whole.Error(), "ical: ")}
}

// icsMeta is what Export adds in X-TIMELINEBOT for what iCalendar has no
// place for.
type icsMeta struct {
	Source   *fileSource  `json:"source,omitempty"`
	Synonyms [][]string   `json:"synonyms,omitempty"`
	Examples []string     `json:"examples,omitempty"`
	Dates    []string     `json:"dates,omitempty"`
	Quotes   []data.Quote `json:"quotes,omitempty"`
}

const metaProp = "X-TIMELINEBOT"

var (
	calendarQuiet = setOf("VERSION", "PRODID", "CALSCALE", "METHOD", "X-WR-CALNAME", "X-WR-CALDESC", "NAME",
		"DESCRIPTION", "X-WR-TIMEZONE", "X-WR-RELCALID", "X-PUBLISHED-TTL", "REFRESH-INTERVAL", metaProp)
	// eventQuiet are the properties read, or bookkeeping with nothing a
	// reader would miss.
	eventQuiet = setOf("UID", "DTSTAMP", "CREATED", "LAST-MODIFIED", "SEQUENCE", "TRANSP", "CLASS", "PRIORITY",
		"STATUS", "DTSTART", "DTEND", "DURATION", "SUMMARY", "DESCRIPTION", "RRULE", "RDATE", "EXDATE",
		"RECURRENCE-ID", metaProp)
	otherComponents = map[string]string{
		"VTODO": "a to-do, not an event", "VJOURNAL": "a journal entry, not an event",
		"VFREEBUSY": "free or busy time, not an event",
	}
)

type icsReader struct {
	d       *draft
	now     time.Time
	bound   time.Time
	budget  time.Time // when rule expansion stops
	locs    map[string]*time.Location
	unread  tally
	alarms  tally
	overlay map[string]map[string]bool // UID -> days that a RECURRENCE-ID event replaces
}

func readICS(raw []byte, o Options) *draft {
	d := &draft{}
	src := string(bytes.ToValidUTF8(raw, []byte("\uFFFD")))
	cl := unfold(src)
	comps, serr := scanICS(cl)
	if serr != nil {
		d.stop(serr)
		return d
	}
	if len(comps) == 0 || comps[0].name != "VCALENDAR" {
		line := 1
		if len(cl) > 0 {
			line = cl[0].n
		}
		d.stop(&Error{Line: line, Msg: "not an iCalendar file: it must begin with BEGIN:VCALENDAR"})
		return d
	}
	cal, err := decodeCalendar(src)
	if err != nil {
		d.stop(lineError(cl, err))
		return d
	}
	// go-ical's tree in preorder is the scan's list of components.
	where := map[*ical.Component]icsComp{}
	k := 0
	var walk func(c *ical.Component)
	walk = func(c *ical.Component) {
		if k < len(comps) {
			where[c] = comps[k]
		}
		k++
		for _, ch := range c.Children {
			walk(ch)
		}
	}
	walk(cal.Component)
	for _, c := range comps[k:] {
		if c.depth == 0 {
			d.skip(c.line, "a second "+c.name, "the file's first calendar is the one read")
		}
	}

	now := o.Now
	if now.IsZero() {
		now = time.Now()
	}
	r := &icsReader{d: d, now: now, bound: now.AddDate(1, 0, 0), budget: time.Now().Add(expandBudget),
		locs: map[string]*time.Location{}, overlay: map[string]map[string]bool{}}

	top := where[cal.Component]
	for _, name := range []string{"X-WR-CALNAME", "NAME"} {
		if t, err := cal.Props.Text(name); err == nil && strings.TrimSpace(t) != "" {
			d.tl.Title, d.titleAt = strings.TrimSpace(t), top.props[name]
			break
		}
	}
	for _, name := range []string{"X-WR-CALDESC", "DESCRIPTION"} {
		if t, err := cal.Props.Text(name); err == nil && strings.TrimSpace(t) != "" {
			d.tl.Lede = strings.TrimSpace(t)
			break
		}
	}
	if p := cal.Props.Get(metaProp); p != nil {
		if m, err := decodeICSMeta(p); err != nil {
			d.fail(top.props[metaProp], 0, "", metaProp, err.Error())
		} else {
			if m.Source != nil {
				d.tl.Source = *m.Source
			}
			d.tl.Synonyms, d.tl.Examples = m.Synonyms, m.Examples
		}
	}
	for _, name := range sortedProps(cal.Props) {
		if !calendarQuiet[name] {
			d.skip(top.props[name], "the calendar's "+name, "a calendar property a timeline has no place for")
		}
	}
	for _, c := range cal.Children {
		if c.Name == ical.CompEvent && c.Props.Get(ical.PropRecurrenceID) != nil {
			uid, _ := c.Props.Text(ical.PropUID)
			if w, err := r.when(c.Props.Get(ical.PropRecurrenceID)); err == nil {
				if r.overlay[uid] == nil {
					r.overlay[uid] = map[string]bool{}
				}
				r.overlay[uid][dayString(w.day)] = true
			}
		}
	}
	num := 0
	for _, c := range cal.Children {
		info := where[c]
		switch c.Name {
		case ical.CompEvent:
			num++
			r.event(c, info, num)
		case ical.CompTimezone:
			// read through TZID names
		default:
			why, ok := otherComponents[c.Name]
			if !ok {
				why = "not an event"
			}
			d.skip(info.line, "the "+c.Name, why)
		}
	}
	r.unread.flush(d, func(k string, n int) string { return fmt.Sprintf("the %s of %s", k, plural(n, "event")) },
		func(string) string { return "an event property a timeline entry has no place for" })
	r.alarms.flush(d, func(k string, n int) string { return fmt.Sprintf("the reminders (%s) of %s", k, plural(n, "event")) },
		func(string) string { return "alarms for a calendar user, not part of the event" })
	return d
}

func sortedProps(p ical.Props) []string {
	names := make([]string, 0, len(p))
	for n := range p {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

func decodeICSMeta(p *ical.Prop) (*icsMeta, error) {
	t, err := p.Text()
	if err != nil {
		return nil, err
	}
	dec := json.NewDecoder(strings.NewReader(t))
	dec.DisallowUnknownFields()
	var m icsMeta
	if err := dec.Decode(&m); err != nil {
		return nil, fmt.Errorf("not the JSON of a timelinebot property: %v", err)
	}
	return &m, nil
}

// when is a DTSTART, DTEND or RECURRENCE-ID read.
type when struct {
	t      time.Time // the instant, in its zone (midnight UTC for a date)
	day    time.Time // its day, at midnight UTC
	allDay bool
}

func (r *icsReader) location(tzid string) (*time.Location, bool) {
	if l, ok := r.locs[tzid]; ok {
		return l, l != nil
	}
	l, err := time.LoadLocation(tzid)
	if err != nil {
		l = nil
	}
	r.locs[tzid] = l
	return l, l != nil
}

func (r *icsReader) when(p *ical.Prop) (when, error) {
	v := strings.TrimSpace(p.Value)
	cp := ical.Prop{Name: p.Name, Params: ical.Params{}, Value: v}
	for k, vs := range p.Params {
		cp.Params[k] = vs
	}
	allDay := p.ValueType() == ical.ValueDate || p.Params.Get(ical.ParamValue) == "" && len(v) == len("20060102")
	if allDay {
		// A bare "20160101" is a date, though DTSTART's default type is
		// DATE-TIME: go-ical would refuse it.
		cp.Params.Set(ical.ParamValue, string(ical.ValueDate))
	}
	loc := time.UTC
	if tzid := cp.Params.Get(ical.PropTimezoneID); tzid != "" {
		if l, ok := r.location(tzid); ok {
			loc = l
		} else {
			// A zone the system does not know ("Eastern Standard Time",
			// a VTIMEZONE's own name): the time as written, whose day is
			// the day in that zone.
			cp.Params.Del(ical.PropTimezoneID)
		}
	}
	t, err := cp.DateTime(loc)
	if err != nil {
		return when{}, fmt.Errorf("%q is not an iCalendar date or date-time (20160201, 20160201T093000 or 20160201T093000Z)", clip(v, 40))
	}
	y, m, dd := t.Date()
	return when{t: t, day: time.Date(y, m, dd, 0, 0, 0, 0, time.UTC), allDay: allDay}, nil
}

// times reads a list property (RDATE, EXDATE): comma-separated values, a
// PERIOD by its start.
func (r *icsReader) times(ps []ical.Prop) ([]when, error) {
	var out []when
	for _, p := range ps {
		for _, v := range strings.Split(p.Value, ",") {
			v, _, _ = strings.Cut(v, "/")
			one := p
			one.Value = v
			if one.Params.Get(ical.ParamValue) == "PERIOD" {
				one.Params = ical.Params{}
				for k, vs := range p.Params {
					if k != ical.ParamValue {
						one.Params[k] = vs
					}
				}
			}
			w, err := r.when(&one)
			if err != nil {
				return nil, err
			}
			out = append(out, w)
		}
	}
	return out, nil
}

// dayDate is the date of an event from its first to its last day; an
// all-day event covering whole months or years is written as them.
func dayDate(first, last time.Time, allDay bool) string {
	if !last.After(first) {
		if last.Before(first) {
			return dayString(first) + "/" + dayString(last) // data says why it is no span
		}
		return dayString(first)
	}
	if allDay && first.Day() == 1 && last.AddDate(0, 0, 1).Day() == 1 {
		if first.Month() == time.January && last.Month() == time.December {
			if first.Year() == last.Year() {
				return fmt.Sprintf("%04d", first.Year())
			}
			return fmt.Sprintf("%04d/%04d", first.Year(), last.Year())
		}
		a, b := fmt.Sprintf("%04d-%02d", first.Year(), int(first.Month())), fmt.Sprintf("%04d-%02d", last.Year(), int(last.Month()))
		if a == b {
			return a
		}
		return a + "/" + b
	}
	return dayString(first) + "/" + dayString(last)
}

// lastDay is the last day an event covers, from DTEND (exclusive) or
// DURATION.
func (r *icsReader) lastDay(props ical.Props, start when) (time.Time, string, error) {
	if p := props.Get(ical.PropDateTimeEnd); p != nil {
		end, err := r.when(p)
		if err != nil {
			return time.Time{}, ical.PropDateTimeEnd, err
		}
		if start.allDay || end.allDay {
			if end.day.Equal(start.day) {
				return start.day, "", nil // an empty all-day event, as some programs write one day
			}
			return end.day.AddDate(0, 0, -1), "", nil
		}
		return lastInstantDay(start, end.t), "", nil
	}
	if p := props.Get(ical.PropDuration); p != nil {
		dur, err := p.Duration()
		if err != nil {
			return time.Time{}, ical.PropDuration, errors.New(strings.TrimPrefix(err.Error(), "ical: "))
		}
		if dur < 0 {
			return time.Time{}, ical.PropDuration, fmt.Errorf("%s is negative", p.Value)
		}
		if start.allDay {
			days := int((dur + 24*time.Hour - 1) / (24 * time.Hour))
			return start.day.AddDate(0, 0, max(days, 1)-1), "", nil
		}
		return lastInstantDay(start, start.t.Add(dur)), "", nil
	}
	return start.day, "", nil
}

// lastInstantDay is the day of the last instant before an exclusive end,
// in the start's zone.
func lastInstantDay(start when, end time.Time) time.Time {
	if !end.After(start.t) {
		if end.Before(start.t) {
			y, m, d := end.In(start.t.Location()).Date()
			return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
		}
		return start.day
	}
	y, m, d := end.Add(-time.Nanosecond).In(start.t.Location()).Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

func (r *icsReader) event(c *ical.Component, info icsComp, num int) {
	d := r.d
	line := info.line
	at := func(prop string) int {
		if l, ok := info.props[prop]; ok {
			return l
		}
		return line
	}
	text := func(prop string) string {
		t, err := c.Props.Text(prop)
		if err != nil {
			d.fail(at(prop), num, "", prop, strings.TrimPrefix(err.Error(), "ical: "))
		}
		return strings.TrimSpace(t)
	}
	title, desc, location, uid := text(ical.PropSummary), text(ical.PropDescription), text(ical.PropLocation), text(ical.PropUID)
	if status, _ := c.Props.Text(ical.PropStatus); strings.EqualFold(status, "CANCELLED") {
		d.skip(line, fmt.Sprintf("event %d (%q)", num, clip(title, 60)), "cancelled (STATUS:CANCELLED): it did not happen")
		return
	}
	usedLocation := false
	if title == "" && location != "" {
		title, usedLocation = location, true
		d.skip(at(ical.PropSummary), fmt.Sprintf("the SUMMARY of event %d", num), "empty: the LOCATION stands in for the title")
	}
	for _, name := range sortedProps(c.Props) {
		if !eventQuiet[name] && !(name == ical.PropLocation && usedLocation) {
			r.unread.add(name, at(name))
		}
	}
	for _, ch := range c.Children {
		if ch.Name == ical.CompAlarm {
			r.alarms.add(ch.Name, line)
		} else {
			d.skip(line, fmt.Sprintf("the %s inside event %d", ch.Name, num), "not part of an event")
		}
	}
	startProp := c.Props.Get(ical.PropDateTimeStart)
	if startProp == nil {
		d.fail(line, num, title, ical.PropDateTimeStart, "is missing: an event needs its start")
		return
	}
	start, err := r.when(startProp)
	if err != nil {
		d.fail(at(ical.PropDateTimeStart), num, title, ical.PropDateTimeStart, err.Error())
		return
	}
	last, field, err := r.lastDay(c.Props, start)
	if err != nil {
		d.fail(at(field), num, title, field, err.Error())
		return
	}
	length := int(last.Sub(start.day).Hours()/24 + 0.5)
	e := fileEvent{Title: title, Text: desc, Dates: []string{dayDate(start.day, last, start.allDay)}}
	if desc == "" {
		name := "the SUMMARY"
		if usedLocation {
			name = "the LOCATION"
		}
		if title != "" {
			e.Text = title
			d.skip(at(ical.PropDescription), fmt.Sprintf("the DESCRIPTION of event %d (%q)", num, clip(title, 60)), "empty: "+name+" stands in for the text")
		}
	}
	rdates, err := r.times(c.Props.Values(ical.PropRecurrenceDates))
	if err != nil {
		d.fail(at(ical.PropRecurrenceDates), num, title, ical.PropRecurrenceDates, err.Error())
		return
	}
	exdates, err := r.times(c.Props.Values(ical.PropExceptionDates))
	if err != nil {
		d.fail(at(ical.PropExceptionDates), num, title, ical.PropExceptionDates, err.Error())
		return
	}
	var meta *icsMeta
	if p := c.Props.Get(metaProp); p != nil {
		if meta, err = decodeICSMeta(p); err != nil {
			d.fail(at(metaProp), num, title, metaProp, err.Error())
			return
		}
		e.Quotes = meta.Quotes
	}
	pl := place{line: line, num: num, idGiven: uid}
	if rid := c.Props.Get(ical.PropRecurrenceID); rid != nil && uid != "" {
		if w, err := r.when(rid); err == nil {
			pl.idGiven = uid + "-" + dayString(w.day)
		}
	}

	if c.Props.Get(ical.PropRecurrenceRule) == nil {
		for _, rd := range rdates {
			e.Dates = append(e.Dates, dayDate(rd.day, rd.day.AddDate(0, 0, length), start.allDay))
		}
		e.Dates = sortDates(e.Dates)
		if meta != nil && len(meta.Dates) > 0 {
			if first, err := data.ParseDate(meta.Dates[0]); err == nil && first.Start().Equal(start.day) {
				e.Dates = meta.Dates
			} else {
				d.skip(at(metaProp), fmt.Sprintf("the dates %v in %s of event %d", meta.Dates, metaProp, num), "they do not start on DTSTART's day: DTSTART is read")
			}
		}
		r.add(e, pl)
		return
	}

	opt, err := c.Props.RecurrenceRule()
	if err != nil {
		d.fail(at(ical.PropRecurrenceRule), num, title, ical.PropRecurrenceRule, strings.TrimPrefix(err.Error(), "ical: "))
		return
	}
	if opt.Freq > rrule.DAILY {
		d.skip(at(ical.PropRecurrenceRule), fmt.Sprintf("the recurrence of event %d (%q, %s)", num, clip(title, 60), opt.Freq), "it repeats within a day, and a timeline's dates are days: the event is kept once, on its DTSTART")
		r.add(e, pl)
		return
	}
	opt.Dtstart = start.t
	rule, err := rrule.NewRRule(*opt)
	if err != nil {
		d.fail(at(ical.PropRecurrenceRule), num, title, ical.PropRecurrenceRule, err.Error())
		return
	}
	set := &rrule.Set{}
	set.RRule(rule)
	// RFC 5545 counts DTSTART as the first occurrence even where the rule
	// does not match it; rrule-go, after python-dateutil, does not.
	set.RDate(start.t)
	for _, rd := range rdates {
		set.RDate(rd.t)
	}
	skipDays := map[string]bool{}
	for _, ex := range exdates {
		skipDays[dayString(ex.day)] = true
	}
	for day := range r.overlay[uid] {
		skipDays[day] = true
	}
	occ, cut, ok := r.expand(set, skipDays)
	if !ok {
		d.skip(at(ical.PropRecurrenceRule), fmt.Sprintf("the recurrence of event %d (%q)", num, clip(title, 60)), "no occurrence found in the time allowed: the event is kept once, on its DTSTART")
		r.add(e, pl)
		return
	}
	if len(occ) == 0 {
		d.skip(line, fmt.Sprintf("event %d (%q)", num, clip(title, 60)), "its recurrence has no occurrence left once EXDATE and the replaced ones are taken out")
		return
	}
	for _, t := range occ {
		y, m, dd := t.Date()
		day := time.Date(y, m, dd, 0, 0, 0, 0, time.UTC)
		one := e
		one.Dates = []string{dayDate(day, day.AddDate(0, 0, length), start.allDay)}
		p := pl
		if uid != "" {
			p.idGiven = uid + "-" + dayString(day)
		}
		r.add(one, p)
	}
	if cut {
		lastKept := occ[len(occ)-1]
		d.skip(at(ical.PropRecurrenceRule), fmt.Sprintf("the occurrences of event %d (%q) after %s", num, clip(title, 60), lastKept.Format("Jan. 2, 2006")),
			fmt.Sprintf("the rule repeats past the bound (%d occurrences, or a year after %s): %s kept", maxOccurrences, r.now.Format("Jan. 2, 2006"), plural(len(occ), "occurrence")))
	}
}

func (r *icsReader) add(e fileEvent, p place) { r.d.add(e, p) }

// expand lists a set's occurrences within the bound, leaving out the days
// in skip; cut says whether the set goes on past it, ok false that the
// time allowed ran out first.
func (r *icsReader) expand(set *rrule.Set, skip map[string]bool) (occ []time.Time, cut, ok bool) {
	type result struct {
		occ []time.Time
		cut bool
	}
	if !time.Now().Before(r.budget) {
		return nil, false, false
	}
	done := make(chan result, 1)
	go func() {
		var res result
		next := set.Iterator()
		for {
			t, more := next()
			if !more {
				break
			}
			if t.After(r.bound) || len(res.occ) == maxOccurrences {
				res.cut = true
				break
			}
			y, m, d := t.Date()
			if !skip[dayString(time.Date(y, m, d, 0, 0, 0, 0, time.UTC))] {
				res.occ = append(res.occ, t)
			}
		}
		done <- res
	}()
	timer := time.NewTimer(time.Until(r.budget))
	defer timer.Stop()
	select {
	case res := <-done:
		return res.occ, res.cut, true
	case <-timer.C:
		return nil, false, false
	}
}

func sortDates(dates []string) []string {
	sort.SliceStable(dates, func(i, j int) bool {
		a, errA := data.ParseDate(dates[i])
		b, errB := data.ParseDate(dates[j])
		return errA == nil && errB == nil && a.Start().Before(b.Start())
	})
	// The same day twice (DTSTART repeated in RDATE) is one date.
	out := dates[:0]
	for i, s := range dates {
		if i == 0 || s != dates[i-1] {
			out = append(out, s)
		}
	}
	return out
}
