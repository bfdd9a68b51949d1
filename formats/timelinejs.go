package formats

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"

	"github.com/timelinebot/timelinebot/data"
	"github.com/timelinebot/timelinebot/dateexpr"
)

// TimelineJS3 JSON, as its authoring docs give it:
//
//	{"title": slide, "events": [slide], "eras": [era], "scale": "human"}
//	slide: {"start_date": date, "end_date": date, "text": {"headline", "text"},
//	        "media": {...}, "group", "display_date", "background", "unique_id"}
//	date:  {"year", "month", "day", "hour", "minute", "second", "millisecond",
//	        "display_date", "format"}
//
// The year, month and day may be numbers or strings; a slide without a
// month is the year, without a day the month. Text and headlines are HTML.

type tjsFile struct {
	Title  json.RawMessage   `json:"title"`
	Events []json.RawMessage `json:"events"`
	Eras   []json.RawMessage `json:"eras"`
	Scale  string            `json:"scale"`
	Ext    *tjsExt           `json:"timelinebot"`
}

// tjsExt is what Export adds for the parts TimelineJS has no place for;
// TimelineJS ignores it.
type tjsExt struct {
	Source   *fileSource `json:"source,omitempty"`
	Synonyms [][]string  `json:"synonyms,omitempty"`
	Examples []string    `json:"examples,omitempty"`
}

type tjsSlide struct {
	StartDate   *tjsDate        `json:"start_date,omitempty"`
	EndDate     *tjsDate        `json:"end_date,omitempty"`
	Text        *tjsText        `json:"text,omitempty"`
	Media       json.RawMessage `json:"media,omitempty"`
	Group       string          `json:"group,omitempty"`
	DisplayDate string          `json:"display_date,omitempty"`
	Background  json.RawMessage `json:"background,omitempty"`
	Autolink    json.RawMessage `json:"autolink,omitempty"`
	UniqueID    string          `json:"unique_id,omitempty"`
	Ext         *tjsSlideExt    `json:"timelinebot,omitempty"`
}

type tjsSlideExt struct {
	Quotes []data.Quote `json:"quotes,omitempty"`
}

type tjsText struct {
	Headline string `json:"headline"`
	Text     string `json:"text,omitempty"`
}

type tjsDate struct {
	Year        json.RawMessage `json:"year,omitempty"`
	Month       json.RawMessage `json:"month,omitempty"`
	Day         json.RawMessage `json:"day,omitempty"`
	Hour        json.RawMessage `json:"hour,omitempty"`
	Minute      json.RawMessage `json:"minute,omitempty"`
	Second      json.RawMessage `json:"second,omitempty"`
	Millisecond json.RawMessage `json:"millisecond,omitempty"`
	DisplayDate string          `json:"display_date,omitempty"`
	Format      string          `json:"format,omitempty"`
}

var (
	tjsTopKeys   = setOf("title", "events", "eras", "scale", "timelinebot")
	tjsSlideKeys = setOf("start_date", "end_date", "text", "media", "group", "display_date", "background", "autolink", "unique_id", "timelinebot")
	tjsDateKeys  = setOf("year", "month", "day", "hour", "minute", "second", "millisecond", "display_date", "format")
)

// lines maps byte offsets of a source to lines.
type lines []int

func newLines(raw []byte) lines {
	var nl lines
	for i, c := range raw {
		if c == '\n' {
			nl = append(nl, i)
		}
	}
	return nl
}

func (l lines) at(off int64) int { return sort.SearchInts(l, int(off)) + 1 }

func readTimelineJS(raw []byte, o Options) *draft {
	d := &draft{}
	ln := newLines(raw)
	var f tjsFile
	if err := json.Unmarshal(raw, &f); err != nil {
		d.stop(jsonError(err, raw, ln, 0, 0, ""))
		return d
	}
	offs := locateTJS(raw)
	var top map[string]json.RawMessage
	_ = json.Unmarshal(raw, &top)
	for _, k := range sortedKeys(top) {
		if !tjsTopKeys[k] {
			d.skip(ln.at(offs.keys[k]), fmt.Sprintf("the field %q", k), "not a TimelineJS field")
		}
	}
	if f.Scale != "" && f.Scale != "human" {
		d.skip(ln.at(offs.keys["scale"]), fmt.Sprintf("the scale %q", f.Scale), "a timeline's dates are calendar dates")
	}
	if f.Ext != nil {
		if f.Ext.Source != nil {
			d.tl.Source = *f.Ext.Source
		}
		d.tl.Synonyms, d.tl.Examples = f.Ext.Synonyms, f.Ext.Examples
	}
	if len(f.Title) > 0 && string(f.Title) != "null" {
		line := ln.at(offs.keys["title"])
		var s tjsSlide
		if err := decodeSlide(f.Title, &s); err != nil {
			d.errs = append(d.errs, jsonError(err, f.Title, ln, offs.keys["title"], 0, ""))
		} else {
			d.titleAt = line
			if s.Text != nil {
				title, dropped := htmlText(s.Text.Headline)
				d.tl.Title = strings.ReplaceAll(title, "\n", " ")
				d.tl.Lede, _ = htmlText(s.Text.Text)
				d.reportDropped(line, "the title slide", dropped)
			}
			d.slideExtras(line, "the title slide", s, f.Title)
		}
	}
	groups := &tally{}
	times := &tally{}
	for i, rawSlide := range f.Events {
		off := int64(0)
		if i < len(offs.events) {
			off = offs.events[i]
		}
		line := ln.at(off)
		var s tjsSlide
		if err := decodeSlide(rawSlide, &s); err != nil {
			d.errs = append(d.errs, jsonError(err, rawSlide, ln, off, i+1, ""))
			continue
		}
		var e fileEvent
		name := fmt.Sprintf("event %d", i+1)
		if s.Text != nil {
			var dropped []string
			e.Title, dropped = htmlText(s.Text.Headline)
			e.Title = strings.ReplaceAll(e.Title, "\n", " ")
			text, dropped2 := htmlText(s.Text.Text)
			e.Text = text
			d.reportDropped(line, fmt.Sprintf("%s (%q)", name, clip(e.Title, 60)), append(dropped, dropped2...))
		}
		p := place{line: line, num: i + 1, idGiven: s.UniqueID}
		date, field, err := slideDate(s.StartDate, s.EndDate, times, line)
		if err != nil {
			d.fail(line, i+1, e.Title, field, err.Error())
			continue
		}
		e.Dates = []string{date}
		if shown := firstNonEmpty(s.DisplayDate, dateDisplay(s.StartDate)); shown != "" {
			if list, ok := readDateList(shown); ok && list[0] == date {
				e.Dates = list
			} else {
				d.skip(line, fmt.Sprintf("the display_date %q of %s (%q)", shown, name, clip(e.Title, 60)),
					"what TimelineJS shows in place of the date, but not the same dates: the entry keeps its start_date"+map[bool]string{true: " and end_date", false: ""}[s.EndDate != nil])
			}
		}
		if s.Ext != nil {
			e.Quotes = s.Ext.Quotes
		}
		if s.Group != "" {
			groups.add(s.Group, line)
		}
		d.slideExtras(line, fmt.Sprintf("%s (%q)", name, clip(e.Title, 60)), s, rawSlide)
		d.textFallback(&e, line, i+1, e.Title, "the headline")
		d.add(e, p)
	}
	for i, rawEra := range f.Eras {
		off := int64(0)
		if i < len(offs.eras) {
			off = offs.eras[i]
		}
		var s tjsSlide
		headline := ""
		if err := json.Unmarshal(rawEra, &s); err == nil && s.Text != nil {
			headline, _ = htmlText(s.Text.Headline)
		}
		d.skip(ln.at(off), fmt.Sprintf("the era %q", clip(headline, 60)), "a timeline has no eras (spans TimelineJS shades behind the entries)")
	}
	groups.flush(d, func(k string, n int) string { return fmt.Sprintf("the group %q (%s)", k, plural(n, "event")) },
		func(string) string { return "a timeline has no groups: its entries are kept, without the group" })
	times.flush(d, func(k string, n int) string { return fmt.Sprintf("the %s of %s", k, plural(n, "date")) },
		func(string) string { return "a timeline's dates are days: the time is dropped" })
	return d
}

func firstNonEmpty(s ...string) string {
	for _, v := range s {
		if strings.TrimSpace(v) != "" {
			return strings.TrimSpace(v)
		}
	}
	return ""
}

func dateDisplay(d *tjsDate) string {
	if d == nil {
		return ""
	}
	return d.DisplayDate
}

// decodeSlide decodes a slide, refusing a wrong type in a field with its
// place.
func decodeSlide(raw json.RawMessage, s *tjsSlide) error {
	return json.Unmarshal(raw, s)
}

// slideExtras reports what a slide has that a timeline does not: media,
// a background, fields TimelineJS does not define.
func (d *draft) slideExtras(line int, name string, s tjsSlide, raw json.RawMessage) {
	if hasContent(s.Media) {
		d.skip(line, fmt.Sprintf("the media of %s (%s)", name, mediaSummary(s.Media)), "a timeline has no media")
	}
	if hasContent(s.Background) {
		d.skip(line, fmt.Sprintf("the background of %s", name), "a timeline has no backgrounds")
	}
	var keys map[string]json.RawMessage
	_ = json.Unmarshal(raw, &keys)
	for _, k := range sortedKeys(keys) {
		if !tjsSlideKeys[k] {
			d.skip(line, fmt.Sprintf("the field %q of %s", k, name), "not a TimelineJS slide field")
		}
	}
	for _, dk := range []struct {
		key  string
		date *tjsDate
	}{{"start_date", s.StartDate}, {"end_date", s.EndDate}} {
		var dkeys map[string]json.RawMessage
		if dk.date == nil || json.Unmarshal(keys[dk.key], &dkeys) != nil {
			continue
		}
		for _, k := range sortedKeys(dkeys) {
			if !tjsDateKeys[k] {
				d.skip(line, fmt.Sprintf("the field %q of the %s of %s", k, dk.key, name), "not a TimelineJS date field")
			}
		}
	}
}

func (d *draft) reportDropped(line int, name string, dropped []string) {
	if len(dropped) > 0 {
		d.skip(line, fmt.Sprintf("%s in the text of %s", strings.Join(dropped, ", "), name), "media or script in the HTML: not text")
	}
}

func sortedKeys(m map[string]json.RawMessage) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

func hasContent(raw json.RawMessage) bool {
	s := strings.TrimSpace(string(raw))
	return s != "" && s != "null" && s != "{}" && s != `""` && s != "[]"
}

func mediaSummary(raw json.RawMessage) string {
	var m struct {
		URL     string `json:"url"`
		Caption string `json:"caption"`
	}
	if json.Unmarshal(raw, &m) == nil && m.URL != "" {
		return clip(m.URL, 80)
	}
	return clip(string(raw), 80)
}

// datePart reads a year, month or day given as a number or a string; ok is
// false when it is not given.
func datePart(raw json.RawMessage, name string) (int, bool, error) {
	s := strings.TrimSpace(string(raw))
	if s == "" || s == "null" || s == `""` {
		return 0, false, nil
	}
	if strings.HasPrefix(s, `"`) {
		var str string
		if err := json.Unmarshal(raw, &str); err != nil {
			return 0, false, err
		}
		s = strings.TrimSpace(str)
		if s == "" {
			return 0, false, nil
		}
	}
	n, err := strconv.Atoi(s)
	if err != nil {
		if f, ferr := strconv.ParseFloat(s, 64); ferr == nil && f == float64(int(f)) {
			return int(f), true, nil
		}
		return 0, false, fmt.Errorf("%s %s is not a whole number", name, s)
	}
	return n, true, nil
}

// slideDate is a slide's date in the timeline's form: the start date, and
// with an end date the span from one to the other. The time of day is
// counted in times.
func slideDate(start, end *tjsDate, times *tally, line int) (date, field string, err error) {
	if start == nil {
		return "", "start_date", errors.New("is missing: a slide needs a date")
	}
	a, err := tjsDateString(start, times, line)
	if err != nil {
		return "", "start_date", err
	}
	if end == nil || len(end.Year) == 0 {
		return a, "", nil
	}
	b, err := tjsDateString(end, times, line)
	if err != nil {
		return "", "end_date", err
	}
	if a == b {
		return a, "", nil // an end date on the start date, as editors leave it: one date
	}
	return a + "/" + b, "", nil
}

func tjsDateString(t *tjsDate, times *tally, line int) (string, error) {
	year, ok, err := datePart(t.Year, "year")
	if err != nil {
		return "", err
	}
	if !ok {
		return "", errors.New("has no year")
	}
	month, hasMonth, err := datePart(t.Month, "month")
	if err != nil {
		return "", err
	}
	day, hasDay, err := datePart(t.Day, "day")
	if err != nil {
		return "", err
	}
	for _, part := range []json.RawMessage{t.Hour, t.Minute, t.Second, t.Millisecond} {
		if _, ok, _ := datePart(part, ""); ok {
			times.add("time of day", line)
			break
		}
	}
	// The numbers go to data as they are, so that its rules say what a
	// month or a day may be ("month must be 01 to 12").
	switch {
	case hasDay && !hasMonth:
		return "", fmt.Errorf("has a day (%d) but no month", day)
	case hasDay:
		return fmt.Sprintf("%04d-%02d-%02d", year, month, day), nil
	case hasMonth:
		return fmt.Sprintf("%04d-%02d", year, month), nil
	}
	return fmt.Sprintf("%04d", year), nil
}

// readDateList reads a text that is nothing but one or more dates joined
// by commas or "and": "July 18, 2016, and Sept. 8, 2016".
func readDateList(s string) ([]string, bool) {
	if len(s) > maxDateline {
		return nil, false
	}
	var out []string
	pos := 0
	for _, m := range dateexpr.Find(s) {
		if !isDateJoin(s[pos:m.Start]) || m.NoYear || m.Err != nil {
			return nil, false
		}
		out = append(out, spanDate(m.Span))
		pos = m.End
	}
	if len(out) == 0 || strings.Trim(s[pos:], " .") != "" {
		return nil, false
	}
	return out, true
}

// jsonError places a JSON decoding error on its line.
func jsonError(err error, raw []byte, ln lines, base int64, event int, title string) *Error {
	e := &Error{Event: event, Title: title}
	var syntax *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syntax):
		e.Line = ln.at(base + syntax.Offset)
		e.Msg = "not JSON: " + syntax.Error()
	case errors.As(err, &typ):
		e.Line = ln.at(base + typ.Offset)
		e.Field = typ.Field
		e.Msg = fmt.Sprintf("want %s, found %s", typ.Type.String(), typ.Value)
	case errors.Is(err, io.ErrUnexpectedEOF):
		e.Line = ln.at(int64(len(raw)))
		e.Msg = "the JSON ends before it is complete"
	default:
		e.Line = ln.at(base)
		e.Msg = err.Error()
	}
	return e
}

type tjsOffsets struct {
	keys         map[string]int64
	events, eras []int64
}

// locateTJS finds where the top-level fields and the slides start, for
// the lines of what is reported about them.
func locateTJS(raw []byte) tjsOffsets {
	o := tjsOffsets{keys: map[string]int64{}}
	dec := json.NewDecoder(bytes.NewReader(raw))
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return o
	}
	start := func() int64 {
		off := dec.InputOffset()
		for off < int64(len(raw)) && strings.IndexByte(" \t\r\n,:", raw[off]) >= 0 {
			off++
		}
		return off
	}
	for dec.More() {
		k, err := dec.Token()
		if err != nil {
			return o
		}
		key, _ := k.(string)
		o.keys[key] = start()
		if key == "events" || key == "eras" {
			if t, err := dec.Token(); err != nil || t != json.Delim('[') {
				continue
			}
			for dec.More() {
				off := start()
				var skip json.RawMessage
				if dec.Decode(&skip) != nil {
					return o
				}
				if key == "events" {
					o.events = append(o.events, off)
				} else {
					o.eras = append(o.eras, off)
				}
			}
			if _, err := dec.Token(); err != nil {
				return o
			}
			continue
		}
		var skip json.RawMessage
		if dec.Decode(&skip) != nil {
			return o
		}
	}
	return o
}
