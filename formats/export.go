package formats

import (
	"bytes"
	"encoding/json"
	"fmt"
	"html"
	"io"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/emersion/go-ical"

	"github.com/timelinebot/timelinebot/data"
)

// Export writes a timeline in format f: json (the project's own file),
// timelinejs, ics or markdown. Each is written so that Import reads it back
// to the same timeline.
func Export(w io.Writer, tl *data.Timeline, f Format) error {
	if tl == nil {
		return fmt.Errorf("formats: no timeline to export")
	}
	var (
		out []byte
		err error
	)
	switch f {
	case JSON:
		out, err = exportJSON(tl)
	case TimelineJS:
		out, err = exportTimelineJS(tl)
	case ICS:
		out, err = exportICS(tl)
	case Markdown:
		out, err = exportMarkdown(tl)
	default:
		return fmt.Errorf("formats: cannot export %q: want json, timelinejs, ics or markdown", f)
	}
	if err != nil {
		return err
	}
	_, err = w.Write(out)
	return err
}

func sourceOf(tl *data.Timeline) fileSource {
	s := fileSource{Name: tl.Source.Name, URL: tl.Source.URL, Copyright: tl.Source.Copyright}
	if tl.Source.Published != nil {
		s.Published = tl.Source.Published.String()
	}
	return s
}

func datesOfEvent(e data.Event) []string {
	out := make([]string, len(e.Dates))
	for i, d := range e.Dates {
		out[i] = d.String()
	}
	return out
}

// fileForm is the timeline in the project's file form. An id that data
// would derive anyway is left out, as a hand-written file leaves it.
func fileForm(tl *data.Timeline) fileTimeline {
	f := fileTimeline{Title: tl.Title, Source: sourceOf(tl), Lede: tl.Lede, Synonyms: tl.Synonyms, Examples: tl.Examples}
	for _, e := range tl.Events {
		fe := fileEvent{ID: e.ID, Dates: datesOfEvent(e), Title: e.Title, Text: e.Text, Quotes: e.Quotes}
		if e.ID == data.DeriveID(e) {
			fe.ID = ""
		}
		f.Events = append(f.Events, fe)
	}
	return f
}

func exportJSON(tl *data.Timeline) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	f := fileForm(tl)
	if err := enc.Encode(&f); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// TimelineJS.

type tjsOut struct {
	Title  *tjsSlide  `json:"title,omitempty"`
	Events []tjsSlide `json:"events"`
	Ext    *tjsExt    `json:"timelinebot,omitempty"`
}

func tjsDateOf(d data.Date, end bool) *tjsDate {
	y, m, day := d.Year, d.Month, d.Day
	if end {
		y, m, day = d.EndYear, d.EndMonth, d.EndDay
	}
	num := func(n int) json.RawMessage { return json.RawMessage(strconv.Itoa(n)) }
	t := &tjsDate{Year: num(y)}
	if m != 0 {
		t.Month = num(int(m))
	}
	if day != 0 {
		t.Day = num(day)
	}
	return t
}

func exportTimelineJS(tl *data.Timeline) ([]byte, error) {
	src := sourceOf(tl)
	out := tjsOut{
		Title: &tjsSlide{Text: &tjsText{Headline: html.EscapeString(tl.Title), Text: textHTML(tl.Lede)}},
		Ext:   &tjsExt{Source: &src, Synonyms: tl.Synonyms, Examples: tl.Examples},
	}
	for _, e := range tl.Events {
		first := e.Dates[0]
		s := tjsSlide{
			StartDate: tjsDateOf(first, false),
			Text:      &tjsText{Headline: html.EscapeString(e.Title), Text: textHTML(e.Text)},
			UniqueID:  e.ID,
		}
		if first.IsSpan() {
			s.EndDate = tjsDateOf(first, true)
		}
		// TimelineJS shows display_date in place of the date: the list of
		// an entry's dates, which the importer reads back.
		if len(e.Dates) > 1 {
			s.DisplayDate = datesWritten(e)
		}
		if len(e.Quotes) > 0 {
			s.Ext = &tjsSlideExt{Quotes: e.Quotes}
		}
		out.Events = append(out.Events, s)
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(&out); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// iCalendar.

// now is the time export writes in DTSTAMP, when the file is made.
var now = time.Now

func exportICS(tl *data.Timeline) ([]byte, error) {
	cal := ical.NewCalendar()
	cal.Props.SetText(ical.PropVersion, "2.0")
	cal.Props.SetText(ical.PropProductID, "-//timelinebot//formats//EN")
	cal.Props.SetText(ical.PropCalendarScale, "GREGORIAN")
	cal.Props.SetText("X-WR-CALNAME", tl.Title)
	if tl.Lede != "" {
		cal.Props.SetText("X-WR-CALDESC", tl.Lede)
	}
	src := sourceOf(tl)
	if err := setMeta(cal.Props, icsMeta{Source: &src, Synonyms: tl.Synonyms, Examples: tl.Examples}); err != nil {
		return nil, err
	}
	stamp := now().UTC().Truncate(time.Second)
	for _, e := range tl.Events {
		ev := ical.NewEvent()
		ev.Props.SetText(ical.PropUID, e.ID)
		ev.Props.SetDateTime(ical.PropDateTimeStamp, stamp)
		first := e.Dates[0]
		ev.Props.SetDate(ical.PropDateTimeStart, first.Start())
		ev.Props.SetDate(ical.PropDateTimeEnd, first.End()) // exclusive: the day after the last
		ev.Props.SetText(ical.PropSummary, e.Title)
		ev.Props.SetText(ical.PropDescription, e.Text)
		if len(e.Dates) > 1 {
			var days []string
			for _, d := range e.Dates[1:] {
				days = append(days, d.Start().Format("20060102"))
			}
			p := ical.NewProp(ical.PropRecurrenceDates)
			p.Params.Set(ical.ParamValue, string(ical.ValueDate))
			p.Value = strings.Join(days, ",")
			ev.Props.Set(p)
		}
		var m icsMeta
		if !icsRoundTrips(e) {
			m.Dates = datesOfEvent(e)
		}
		m.Quotes = e.Quotes
		if m.Dates != nil || m.Quotes != nil {
			if err := setMeta(ev.Props, m); err != nil {
				return nil, err
			}
		}
		cal.Children = append(cal.Children, ev.Component)
	}
	if len(cal.Children) == 0 {
		return nil, fmt.Errorf("formats: a calendar needs an event")
	}
	var b bytes.Buffer
	if err := ical.NewEncoder(&b).Encode(cal); err != nil {
		return nil, err
	}
	return fold(b.Bytes()), nil
}

func setMeta(props ical.Props, m icsMeta) error {
	raw, err := json.Marshal(m)
	if err != nil {
		return err
	}
	props.SetText(metaProp, string(raw))
	return nil
}

// icsRoundTrips reports whether DTSTART, DTEND and RDATE alone carry an
// event's dates: read back as readICS reads them, they are the same.
func icsRoundTrips(e data.Event) bool {
	first := e.Dates[0]
	start, last := first.Start(), first.End().AddDate(0, 0, -1)
	got := []string{dayDate(start, last, true)}
	length := int(last.Sub(start).Hours()/24 + 0.5)
	for _, d := range e.Dates[1:] {
		rd := d.Start()
		got = append(got, dayDate(rd, rd.AddDate(0, 0, length), true))
	}
	return slices.Equal(sortDates(got), datesOfEvent(e))
}

// fold breaks content lines longer than 75 octets, as RFC 5545 (3.1)
// asks, without cutting a character in two.
func fold(b []byte) []byte {
	var out bytes.Buffer
	for _, line := range strings.SplitAfter(string(b), "\r\n") {
		body := strings.TrimSuffix(line, "\r\n")
		limit := 75
		for len(body) > limit {
			cut := limit
			for cut > 0 && !utf8.RuneStart(body[cut]) {
				cut--
			}
			out.WriteString(body[:cut] + "\r\n ")
			body = body[cut:]
			limit = 74 // the leading space counts
		}
		out.WriteString(body)
		if strings.HasSuffix(line, "\r\n") {
			out.WriteString("\r\n")
		}
	}
	return out.Bytes()
}

// Markdown.

// datesWritten is an entry's dates as a dateline writes them, each end of
// a span with its year ("March 1899 – May 1899", not Human's "March – May
// 1899", whose lone "March" a reader may take for the verb): the form the
// importers read back.
func datesWritten(e data.Event) string {
	parts := make([]string, len(e.Dates))
	for i, d := range e.Dates {
		if d.IsSpan() {
			last := data.Date{Year: d.EndYear, Month: d.EndMonth, Day: d.EndDay}
			parts[i] = data.Date{Year: d.Year, Month: d.Month, Day: d.Day}.Human() + " – " + last.Human()
		} else {
			parts[i] = d.Human()
		}
	}
	if len(parts) == 1 {
		return parts[0]
	}
	return strings.Join(parts[:len(parts)-1], ", ") + ", and " + parts[len(parts)-1]
}

func exportMarkdown(tl *data.Timeline) ([]byte, error) {
	// An entry's id and quotes go in a comment only where the text alone
	// does not give them back: read the quotes as the importer would.
	need := make([]bool, len(tl.Events))
	q := &quoter{}
	for _, p := range strings.Split(tl.Lede, "\n\n") {
		q.learn(p)
	}
	for i, e := range tl.Events {
		quotes, unnamed := q.entryQuotes(strings.Split(e.Text, "\n\n"))
		need[i] = e.ID != data.DeriveID(e) || len(unnamed) > 0 || !slices.Equal(quotes, e.Quotes)
	}
	return renderMarkdown(tl, need), nil
}

func renderMarkdown(tl *data.Timeline, need []bool) []byte {
	var b bytes.Buffer
	b.WriteString("# " + mdLine(tl.Title) + "\n\n")
	src := sourceOf(tl)
	writeComment(&b, proseMeta{Source: &src, Synonyms: tl.Synonyms, Examples: tl.Examples})
	writeParagraphs(&b, tl.Lede)
	for i, e := range tl.Events {
		b.WriteString("## " + datesWritten(e) + ": " + mdInline(e.Title) + "\n\n")
		if need != nil && need[i] {
			quotes := e.Quotes
			if quotes == nil {
				quotes = []data.Quote{}
			}
			m := proseMeta{Quotes: &quotes}
			if e.ID != data.DeriveID(e) {
				m.ID = e.ID
			}
			writeComment(&b, m)
		}
		writeParagraphs(&b, e.Text)
	}
	return b.Bytes()
}

func writeComment(b *bytes.Buffer, m proseMeta) {
	// encoding/json writes "<" and ">" as \u003c and \u003e, so no text
	// can end the comment early with "-->".
	raw, _ := json.Marshal(m)
	b.WriteString("<!-- timelinebot " + string(raw) + " -->\n\n")
}

func writeParagraphs(b *bytes.Buffer, text string) {
	for _, p := range strings.Split(text, "\n\n") {
		if strings.TrimSpace(p) == "" {
			continue
		}
		lines := strings.Split(p, "\n")
		for i, l := range lines {
			b.WriteString(mdLine(strings.TrimSpace(l)))
			if i < len(lines)-1 {
				b.WriteString("\\\n") // a hard line break
			}
		}
		b.WriteString("\n\n")
	}
}

var orderedMark = regexp.MustCompile(`^(\d{1,9})([.)])`)

// mdInline escapes the characters Markdown would read as markup.
func mdInline(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch c {
		case '\\', '`', '*', '_', '[', ']', '<', '#':
			b.WriteByte('\\')
		case '&':
			if j := strings.IndexByte(s[i:], ';'); j > 1 && j <= 32 && isReference(s[i:i+j+1]) {
				b.WriteByte('\\')
			}
		}
		b.WriteByte(c)
	}
	return b.String()
}

// mdLine is a line of a paragraph escaped, with what would open a block
// (a list, a quote, a heading's underline, a fence) escaped too, and the
// separator of a leading date escaped: a paragraph that opens "March 2017:"
// is text, not an entry, and Markdown's way to say a mark is not markup
// is to escape it.
func mdLine(s string) string {
	s = mdInline(s)
	if s != "" && strings.IndexByte(">+-=~", s[0]) >= 0 {
		s = "\\" + s
	}
	s = orderedMark.ReplaceAllString(s, `$1\$2`)
	l := pline{pieces: []piece{{raw: s, text: unescapeMarkdown(s)}}}
	if h, ok := parseHead(l); ok {
		sep, size := utf8.DecodeRuneInString(s[h.sep:])
		var with string
		switch sep {
		case ':', '-':
			with = `\` + string(sep)
		default:
			with = fmt.Sprintf("&#%d;", sep)
		}
		s = s[:h.sep] + with + s[h.sep+size:]
	}
	return s
}
