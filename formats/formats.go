package formats

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/timelinebot/timelinebot/data"
	"github.com/timelinebot/timelinebot/dateexpr"
)

// Format names a form a timeline is published in.
type Format string

const (
	JSON          Format = "json"           // the project's own timeline file
	Article       Format = "article"        // a news article as plain text
	Markdown      Format = "markdown"       // a Markdown document
	TimelineJS    Format = "timelinejs"     // TimelineJS3 JSON
	TimelineJSCSV Format = "timelinejs-csv" // the TimelineJS Google Sheet saved as CSV
	ICS           Format = "ics"            // iCalendar
)

// Formats lists every format Import reads.
func Formats() []Format {
	return []Format{JSON, Article, Markdown, TimelineJS, TimelineJSCSV, ICS}
}

// Detect tells the format of a file from its name and its first bytes: by
// the extension where it says (a .json file is told apart by content: a
// TimelineJS file has "events" whose entries carry "start_date"), else by
// what the content looks like. It reports false when it cannot tell.
func Detect(filename string, head []byte) (Format, bool) {
	head = bytes.TrimPrefix(head, bom)
	switch strings.ToLower(filepath.Ext(filename)) {
	case ".json":
		if looksTimelineJS(head) {
			return TimelineJS, true
		}
		return JSON, true
	case ".md", ".markdown":
		return Markdown, true
	case ".txt", ".text":
		return Article, true
	case ".csv":
		return TimelineJSCSV, true
	case ".ics", ".ical", ".ifb", ".icalendar":
		return ICS, true
	}
	trimmed := bytes.TrimLeft(head, " \t\r\n")
	switch {
	case len(trimmed) == 0:
		return "", false
	case trimmed[0] == '{':
		if looksTimelineJS(trimmed) {
			return TimelineJS, true
		}
		return JSON, true
	case hasPrefixFold(trimmed, "BEGIN:VCALENDAR"):
		return ICS, true
	case bytes.IndexByte(head, 0) >= 0 || !utf8.Valid(clipRunes(head)):
		return "", false // binary: none of the formats
	}
	first, _, _ := bytes.Cut(trimmed, []byte("\n"))
	if lower := strings.ToLower(string(first)); strings.Contains(lower, ",") && strings.Contains(lower, "headline") && strings.Contains(lower, "year") {
		return TimelineJSCSV, true
	}
	if looksMarkdown(trimmed) {
		return Markdown, true
	}
	return Article, true
}

// clipRunes drops a rune cut in two at the end of a head of a file.
func clipRunes(b []byte) []byte {
	for i := 0; i < utf8.UTFMax && len(b) > 0; i++ {
		if r, size := utf8.DecodeLastRune(b); r != utf8.RuneError || size != 1 {
			break
		}
		b = b[:len(b)-1]
	}
	return b
}

func hasPrefixFold(b []byte, prefix string) bool {
	return len(b) >= len(prefix) && strings.EqualFold(string(b[:len(prefix)]), prefix)
}

// looksTimelineJS reports whether a JSON head has "events" whose first
// entry has a "start_date": TimelineJS, not the project's own file, whose
// events have "dates". A head cut off before it can tell falls back to
// whether "start_date" appears at all.
func looksTimelineJS(head []byte) bool {
	dec := json.NewDecoder(bytes.NewReader(head))
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return false
	}
	for dec.More() {
		key, err := dec.Token()
		if err != nil {
			break
		}
		if key != "events" {
			var skip json.RawMessage
			if err := dec.Decode(&skip); err != nil {
				break
			}
			continue
		}
		if t, err := dec.Token(); err != nil || t != json.Delim('[') {
			return false
		}
		if t, err := dec.Token(); err != nil || t != json.Delim('{') {
			break
		}
		for dec.More() {
			k, err := dec.Token()
			if err != nil {
				break
			}
			switch k {
			case "start_date":
				return true
			case "dates":
				return false
			}
			var skip json.RawMessage
			if err := dec.Decode(&skip); err != nil {
				break
			}
		}
		return false
	}
	// A head cut off before the events: keys only TimelineJS has. A
	// project file's text that mentions them has them escaped (\"headline\").
	return bytes.Contains(head, []byte(`"start_date"`)) || bytes.Contains(head, []byte(`"headline"`))
}

// looksMarkdown reports whether text uses Markdown's marks for headings,
// emphasis or links in a way plain prose does not.
func looksMarkdown(b []byte) bool {
	for _, line := range strings.Split(string(b), "\n") {
		line = strings.TrimSpace(line)
		switch {
		case strings.HasPrefix(line, "# "), strings.HasPrefix(line, "## "), strings.HasPrefix(line, "### "),
			strings.HasPrefix(line, "**"), strings.HasPrefix(line, "<!-- timelinebot"),
			strings.HasPrefix(line, "==="), strings.HasPrefix(line, "---") && strings.Trim(line, "-") == "":
			return true
		case strings.Contains(line, "](") && strings.Contains(line, "["):
			return true
		}
	}
	return false
}

// Options are what the caller knows better than the source, or what the
// source may not say.
type Options struct {
	// Title replaces the title the source gives.
	Title string
	// Source names where the timeline comes from ("ABC News"), in place
	// of what the source says or is guessed from it.
	Source string
	// Now bounds the recurrences of an iCalendar event that repeats
	// without end; zero means the time of the import.
	Now time.Time
}

// Skipped is something of the source that is not in the timeline, or
// stands in it for something missing: what it is, where it stands, and
// why.
type Skipped struct {
	// Line is the line of the source, from 1; for timelinejs-csv, the
	// spreadsheet row (the header is row 1). 0 if unknown.
	Line int
	What string
	Why  string
}

// Report says what an import made: how many events, and what it left out.
type Report struct {
	Events  int
	Skipped []Skipped
}

// Error is a problem with an imported timeline, placed in its source: the
// line (or, for a spreadsheet, the row), the entry, and the field in the
// project's terms. It reads like the validator's:
// `line 12: event 3 ("Bridge closed"): dates[0]: ...`.
type Error struct {
	Line  int    // the line of the source, from 1; 0 if unknown
	Row   int    // the spreadsheet row (the header is row 1), for timelinejs-csv; 0 otherwise
	Event int    // the entry's number in the source, from 1; 0 for the timeline's own fields
	Title string // the entry's title, when it has one
	Field string // "dates[0]", "title", "quotes[1].by", or the source's own name for it ("DTSTART")
	Msg   string
}

func (e *Error) Error() string {
	var b strings.Builder
	switch {
	case e.Row > 0:
		fmt.Fprintf(&b, "row %d: ", e.Row)
	case e.Line > 0:
		fmt.Fprintf(&b, "line %d: ", e.Line)
	}
	if e.Event > 0 {
		fmt.Fprintf(&b, "event %d", e.Event)
		if e.Title != "" {
			fmt.Fprintf(&b, " (%q)", clip(e.Title, 60))
		}
		b.WriteString(": ")
	}
	if e.Field != "" {
		b.WriteString(e.Field + ": ")
	}
	b.WriteString(e.Msg)
	return b.String()
}

// maxInput is the largest source Import reads: the same bound as a
// timeline file's.
const maxInput = data.DefaultMaxBytes

var bom = []byte{0xEF, 0xBB, 0xBF}

// Import reads a timeline in format f. Its error is an *Error, or several
// joined with errors.Join, each naming the line or row of the source. The
// timeline is validated by data, so it obeys the rules of a timeline file.
func Import(r io.Reader, f Format, o Options) (*data.Timeline, Report, error) {
	raw, err := io.ReadAll(io.LimitReader(r, maxInput+1))
	if err != nil {
		return nil, Report{}, err
	}
	if len(raw) > maxInput {
		return nil, Report{}, &Error{Msg: fmt.Sprintf("more than the %d bytes a timeline may have", maxInput)}
	}
	raw = bytes.TrimPrefix(raw, bom)
	var d *draft
	switch f {
	case JSON:
		return importJSON(raw, o)
	case Article:
		d = readArticle(raw, o)
	case Markdown:
		d = readMarkdown(raw, o)
	case TimelineJS:
		d = readTimelineJS(raw, o)
	case TimelineJSCSV:
		d = readCSV(raw, o)
	case ICS:
		d = readICS(raw, o)
	default:
		return nil, Report{}, fmt.Errorf("formats: unknown format %q (want one of %v)", f, Formats())
	}
	return d.finish(o)
}

// importJSON reads the project's own file: data reads it, and its
// problems are given the same form as the other formats'.
func importJSON(raw []byte, o Options) (*data.Timeline, Report, error) {
	tl, problems := data.Check(raw)
	if len(problems) > 0 {
		// The titles make the errors readable; a file too broken to
		// decode has none to give.
		var titles struct {
			Events []struct {
				Title any `json:"title"`
			} `json:"events"`
		}
		_ = json.Unmarshal(raw, &titles)
		var errs []error
		for _, p := range problems {
			e := &Error{Line: p.Line, Field: p.Field, Msg: p.Msg}
			if p.Event >= 0 {
				e.Event = p.Event + 1
				if p.Event < len(titles.Events) {
					e.Title, _ = titles.Events[p.Event].Title.(string)
				}
			}
			errs = append(errs, e)
		}
		return nil, Report{}, errors.Join(errs...)
	}
	if o.Title != "" {
		tl.Title = o.Title
	}
	if o.Source != "" {
		tl.Source.Name = o.Source
	}
	return tl, Report{Events: len(tl.Events)}, nil
}

// The project's file form, as an importer builds it for data to check.
type fileTimeline struct {
	Title    string      `json:"title"`
	Source   fileSource  `json:"source"`
	Lede     string      `json:"lede,omitempty"`
	Events   []fileEvent `json:"events"`
	Synonyms [][]string  `json:"synonyms,omitempty"`
	Examples []string    `json:"examples,omitempty"`
}

type fileSource struct {
	Name      string `json:"name"`
	URL       string `json:"url,omitempty"`
	Published string `json:"published,omitempty"`
	Copyright string `json:"copyright,omitempty"`
}

type fileEvent struct {
	ID     string       `json:"id,omitempty"`
	Dates  []string     `json:"dates"`
	Title  string       `json:"title"`
	Text   string       `json:"text"`
	Quotes []data.Quote `json:"quotes,omitempty"`
}

// place is where an entry stands in its source.
type place struct {
	line int // line or spreadsheet row
	num  int // the entry's number in the source, from 1
	// idGiven is what the source offered as an id (a TimelineJS
	// unique_id, an iCalendar UID), taken when data accepts it and
	// otherwise replaced by a derived one.
	idGiven string
	// why overrides data's message for a field: the reader knows better
	// why "Feb. 30, 2016" is no date than data does from the text.
	why map[string]string
}

// draft is a timeline as read from a source, before validation.
type draft struct {
	tl      fileTimeline
	at      []place // one per tl.Events
	titleAt int
	rows    bool // lines are spreadsheet rows
	// copyFrom is the holder a copyright line names ("ABC Radio"): the
	// source's name when Options.Source is empty and the source says no
	// better. Failing it, the title is.
	copyFrom string
	report   Report
	errs     []error
	// stopped is set when the source could not be read at all (not
	// JSON, not CSV, a broken calendar): its errors are the only ones,
	// without the validator's complaints about the empty rest.
	stopped bool
}

// stop records a problem that ends the reading of the source.
func (d *draft) stop(e *Error) {
	d.errs = append(d.errs, e)
	d.stopped = true
}

func (d *draft) add(e fileEvent, p place) {
	d.tl.Events = append(d.tl.Events, e)
	if p.num == 0 {
		p.num = len(d.tl.Events)
	}
	d.at = append(d.at, p)
}

func (d *draft) skip(line int, what, why string) {
	d.report.Skipped = append(d.report.Skipped, Skipped{Line: line, What: what, Why: why})
}

// fail records a problem the reader found itself.
func (d *draft) fail(line, event int, title, field, msg string) {
	e := &Error{Event: event, Title: title, Field: field, Msg: msg}
	d.setLine(e, line)
	d.errs = append(d.errs, e)
}

func (d *draft) setLine(e *Error, line int) {
	if d.rows {
		e.Row = line
	} else {
		e.Line = line
	}
}

// finish applies the options and validates the draft through data.
func (d *draft) finish(o Options) (*data.Timeline, Report, error) {
	if d.stopped {
		return nil, d.report, errors.Join(d.errs...)
	}
	if d.stopped {
		return nil, d.report, errors.Join(d.errs...)
	}
	if o.Title != "" {
		d.tl.Title = o.Title
	}
	switch {
	case o.Source != "":
		d.tl.Source.Name = o.Source
	case d.tl.Source.Name == "" && d.copyFrom != "":
		d.tl.Source.Name = d.copyFrom
	case d.tl.Source.Name == "":
		d.tl.Source.Name = d.tl.Title
	}
	for i, p := range d.at {
		if p.idGiven != "" && d.tl.Events[i].ID == "" {
			d.tl.Events[i].ID = p.idGiven
		}
	}
	tl, problems := d.check()
	// An id the source gave that data refuses (not its form, or used
	// twice) is replaced by a derived one: the source's ids are a
	// convenience, not part of the timeline's meaning.
	retry := false
	for _, p := range problems {
		if p.Event >= 0 && p.Field == "id" && d.at[p.Event].idGiven != "" && d.tl.Events[p.Event].ID != "" {
			pl := d.at[p.Event]
			// data derives ids it would not take as given (a span's
			// "2000/2002-..."): an id the source gives that is the
			// derived one loses nothing, and is not reported.
			if !d.derivesTo(p.Event, pl.idGiven) {
				d.skip(pl.line, fmt.Sprintf("the id %q of event %d (%q)", pl.idGiven, pl.num, clip(d.tl.Events[p.Event].Title, 60)),
					p.Msg+": the id is derived from the date and title instead")
			}
			d.tl.Events[p.Event].ID = ""
			retry = true
		}
	}
	if retry {
		tl, problems = d.check()
	}
	errs := d.errs
	for _, p := range problems {
		e := &Error{Field: p.Field, Msg: p.Msg}
		if p.Event >= 0 && p.Event < len(d.at) {
			pl := d.at[p.Event]
			d.setLine(e, pl.line)
			e.Event, e.Title = pl.num, d.tl.Events[p.Event].Title
			if why, ok := pl.why[p.Field]; ok {
				e.Msg = why
			}
		} else {
			switch {
			case p.Field == "title":
				d.setLine(e, d.titleAt)
				e.Msg += " (the source gives none: set Options.Title)"
			case p.Field == "source.name":
				e.Msg += " (set Options.Source)"
			case p.Field == "events":
				e.Msg += ": nothing in the source reads as a dated entry"
			}
		}
		errs = append(errs, e)
	}
	sortErrors(errs)
	sort.SliceStable(d.report.Skipped, func(i, j int) bool { return d.report.Skipped[i].Line < d.report.Skipped[j].Line })
	if len(errs) > 0 {
		return nil, d.report, errors.Join(errs...)
	}
	d.report.Events = len(tl.Events)
	return tl, d.report, nil
}

// derivesTo reports whether data derives id for event i.
func (d *draft) derivesTo(i int, id string) bool {
	e := d.tl.Events[i]
	if len(e.Dates) == 0 {
		return false
	}
	first, err := data.ParseDate(e.Dates[0])
	return err == nil && data.DeriveID(data.Event{Dates: []data.Date{first}, Title: strings.TrimSpace(e.Title)}) == id
}

func (d *draft) check() (*data.Timeline, []*data.FieldError) {
	raw, err := json.Marshal(&d.tl)
	if err != nil {
		return nil, []*data.FieldError{{Event: -1, Msg: err.Error()}}
	}
	return data.Check(raw)
}

// sortErrors orders problems as they stand in the source.
func sortErrors(errs []error) {
	pos := func(err error) int {
		var e *Error
		if errors.As(err, &e) {
			return max(e.Line, e.Row)
		}
		return 0
	}
	sort.SliceStable(errs, func(i, j int) bool { return pos(errs[i]) < pos(errs[j]) })
}

// spanDate writes a span read by dateexpr in the timeline's date form.
// Key refuses a year data does not take (1492); such a date is written
// anyway so that data reports it with its own rule.
func spanDate(s dateexpr.Span) string {
	if k, ok := s.Key(); ok {
		return k
	}
	start := dateString(s.Start, s.Precision)
	if !s.IsRange() {
		return start
	}
	p := s.EndPrecision
	if p == 0 {
		p = s.Precision
	}
	last := s.End
	switch p {
	case dateexpr.Day:
		last = last.AddDate(0, 0, -1)
	case dateexpr.Month:
		last = last.AddDate(0, -1, 0)
	default:
		last = last.AddDate(-1, 0, 0)
	}
	return start + "/" + dateString(last, p)
}

func dateString(t time.Time, p dateexpr.Precision) string {
	switch p {
	case dateexpr.Day:
		return fmt.Sprintf("%04d-%02d-%02d", t.Year(), int(t.Month()), t.Day())
	case dateexpr.Month:
		return fmt.Sprintf("%04d-%02d", t.Year(), int(t.Month()))
	}
	return fmt.Sprintf("%04d", t.Year())
}

// dayString is the day t falls on, in the timeline's form.
func dayString(t time.Time) string { return dateString(t, dateexpr.Day) }

// clip shortens text for a message.
func clip(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n-1]) + "…"
}

// tally gathers things left out for one reason, to report them once with
// their count and first place instead of once each.
type tally struct {
	order []string
	count map[string]int
	first map[string]int
}

func (t *tally) add(key string, line int) {
	if t.count == nil {
		t.count, t.first = map[string]int{}, map[string]int{}
	}
	if _, ok := t.count[key]; !ok {
		t.order = append(t.order, key)
		t.first[key] = line
	}
	t.count[key]++
}

// flush reports each key: what(key, count) and why(key).
func (t *tally) flush(d *draft, what func(key string, n int) string, why func(key string) string) {
	for _, k := range t.order {
		d.skip(t.first[k], what(k, t.count[k]), why(k))
	}
}

// plural is "1 event" or "3 events".
func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}

// textFallback gives an entry without text another of its fields as text
// (name says which), and says so: data requires text, and a dated
// headline alone is still an entry.
func (d *draft) textFallback(e *fileEvent, line, num int, alt, name string) {
	if strings.TrimSpace(e.Text) != "" || strings.TrimSpace(alt) == "" {
		return // has text, or data reports the missing text
	}
	e.Text = alt
	d.skip(line, fmt.Sprintf("the text of event %d (%q)", num, clip(e.Title, 60)), "empty: "+name+" stands in for it")
}
