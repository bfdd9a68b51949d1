// Package data holds timelines: the format, its validation, and the seed
// timeline embedded in the binary.
package data

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Timeline is a dated account of events with the source it comes from.
type Timeline struct {
	Title  string  `json:"title"`
	Source Source  `json:"source"`
	Lede   string  `json:"lede,omitempty"`
	Events []Event `json:"events"` // in chronological order of their first date
	// Synonyms are the author's own groups of words and phrases that
	// mean the same thing in this timeline ("Forgemoot", "gathering"): a
	// question with one finds entries with the others.
	Synonyms [][]string `json:"synonyms,omitempty"`
}

// Source names where a timeline comes from, so answers can cite it.
type Source struct {
	Name      string `json:"name"`
	URL       string `json:"url,omitempty"`
	Published *Date  `json:"published,omitempty"`
	Copyright string `json:"copyright,omitempty"`
}

// Cite is the short citation a reply carries: "ABC News, June 6, 2017".
func (s Source) Cite() string {
	if s.Published == nil {
		return s.Name
	}
	return s.Name + ", " + s.Published.Human()
}

// Event is one dated entry. An event may have several dates (one meeting in
// July and another in September told as one entry); it belongs to each.
type Event struct {
	ID     string  `json:"id"`
	Dates  []Date  `json:"dates"`
	Title  string  `json:"title"`
	Text   string  `json:"text"`
	Quotes []Quote `json:"quotes,omitempty"`
}

// Quote is something said or written, and who said it.
type Quote struct {
	By   string `json:"by"`
	Text string `json:"text"`
}

// First is the event's earliest date, the one it is ordered by.
func (e *Event) First() Date { return e.Dates[0] }

// DatesHuman is the event's dates as a reader writes them: "July 18, 2016, and Sept. 8, 2016".
func (e *Event) DatesHuman() string {
	parts := make([]string, len(e.Dates))
	for i, d := range e.Dates {
		parts[i] = d.Human()
	}
	switch len(parts) {
	case 1:
		return parts[0]
	case 2:
		return parts[0] + ", and " + parts[1]
	default:
		return strings.Join(parts[:len(parts)-1], ", ") + ", and " + parts[len(parts)-1]
	}
}

//go:embed timeline.json
var seed []byte

// Seed is the timeline that ships inside the binary.
func Seed() (*Timeline, error) {
	t, err := Parse(bytes.NewReader(seed))
	if err != nil {
		return nil, fmt.Errorf("embedded timeline: %w", err)
	}
	return t, nil
}

// Load reads and validates the timeline file at path. Its errors name the file.
func Load(path string) (*Timeline, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	t, err := Parse(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return t, nil
}

// FieldError says which part of a timeline is wrong. Event is the position
// of the event in the file (from 0), or -1 for the timeline's own fields;
// the message counts events from 1, as a person reading the file does.
type FieldError struct {
	Event int
	ID    string
	Field string
	Msg   string
}

func (e *FieldError) Error() string {
	if e.Event < 0 {
		return fmt.Sprintf("%s: %s", e.Field, e.Msg)
	}
	where := fmt.Sprintf("event %d", e.Event+1)
	if e.ID != "" {
		where += fmt.Sprintf(" (id %q)", e.ID)
	}
	return fmt.Sprintf("%s: %s: %s", where, e.Field, e.Msg)
}

// The file form, before validation: dates are strings so a bad one can be
// reported with the event and field it sits in.
type fileTimeline struct {
	Title    string      `json:"title"`
	Source   fileSource  `json:"source"`
	Lede     string      `json:"lede"`
	Events   []fileEvent `json:"events"`
	Synonyms [][]string  `json:"synonyms"`
}

type fileSource struct {
	Name      string `json:"name"`
	URL       string `json:"url"`
	Published string `json:"published"`
	Copyright string `json:"copyright"`
}

type fileEvent struct {
	ID     string   `json:"id"`
	Dates  []string `json:"dates"`
	Title  string   `json:"title"`
	Text   string   `json:"text"`
	Quotes []Quote  `json:"quotes"`
}

// MaxIDLength keeps event ids short enough to travel inside Discord
// component ids (100 characters) with room for paging state.
const MaxIDLength = 64

var idPattern = regexp.MustCompile(`^[a-z0-9][a-z0-9-]*$`)

// Parse reads and validates a timeline. Unknown fields are errors, so a
// misspelt field name is reported instead of silently dropped.
func Parse(r io.Reader) (*Timeline, error) {
	raw, err := io.ReadAll(r)
	if err != nil {
		return nil, err
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	var f fileTimeline
	if err := dec.Decode(&f); err != nil {
		if unknown, ok := strings.CutPrefix(err.Error(), "json: unknown field "); ok {
			return nil, locateUnknownField(raw, unknown)
		}
		return nil, describeJSONError(raw, err)
	}
	if dec.More() {
		return nil, errors.New("unexpected data after the timeline object")
	}
	return f.validate()
}

func (f *fileTimeline) validate() (*Timeline, error) {
	top := func(field, msg string) error { return &FieldError{Event: -1, Field: field, Msg: msg} }
	t := &Timeline{
		Title:  strings.TrimSpace(f.Title),
		Lede:   strings.TrimSpace(f.Lede),
		Source: Source{Name: strings.TrimSpace(f.Source.Name), URL: f.Source.URL, Copyright: f.Source.Copyright},
	}
	if t.Title == "" {
		return nil, top("title", "is missing")
	}
	if t.Source.Name == "" {
		return nil, top("source.name", "is missing")
	}
	if f.Source.Published != "" {
		d, err := ParseDate(f.Source.Published)
		if err != nil {
			return nil, top("source.published", err.Error())
		}
		t.Source.Published = &d
	}
	for i, group := range f.Synonyms {
		var kept []string
		for _, w := range group {
			if w = strings.TrimSpace(w); w != "" && !slices.Contains(kept, w) {
				kept = append(kept, w)
			}
		}
		if len(kept) < 2 {
			return nil, top(fmt.Sprintf("synonyms[%d]", i), "needs at least two different words or phrases")
		}
		t.Synonyms = append(t.Synonyms, kept)
	}
	if len(f.Events) == 0 {
		return nil, top("events", "has no events")
	}
	seen := make(map[string]int, len(f.Events))
	for i, fe := range f.Events {
		e, err := fe.validate(i)
		if err != nil {
			return nil, err
		}
		if e.ID == "" {
			e.ID = uniqueID(DeriveID(e), seen)
		} else if j, dup := seen[e.ID]; dup {
			return nil, &FieldError{Event: i, ID: e.ID, Field: "id", Msg: fmt.Sprintf("is already used by event %d", j+1)}
		}
		seen[e.ID] = i
		t.Events = append(t.Events, e)
	}
	slices.SortStableFunc(t.Events, func(a, b Event) int { return a.First().Start().Compare(b.First().Start()) })
	return t, nil
}

func (fe *fileEvent) validate(i int) (Event, error) {
	e := Event{ID: fe.ID, Title: strings.TrimSpace(fe.Title), Text: strings.TrimSpace(fe.Text)}
	bad := func(field, msg string) error { return &FieldError{Event: i, ID: fe.ID, Field: field, Msg: msg} }
	if e.ID != "" && (len(e.ID) > MaxIDLength || !idPattern.MatchString(e.ID)) {
		return Event{}, bad("id", fmt.Sprintf("must be lowercase letters, digits and dashes, at most %d characters", MaxIDLength))
	}
	if len(fe.Dates) == 0 {
		return Event{}, bad("dates", "has no dates")
	}
	for j, s := range fe.Dates {
		d, err := ParseDate(s)
		if err != nil {
			return Event{}, bad(fmt.Sprintf("dates[%d]", j), err.Error())
		}
		e.Dates = append(e.Dates, d)
	}
	// A later date listed first would make "first" and ordering disagree with the text.
	if !slices.IsSortedFunc(e.Dates, func(a, b Date) int { return a.Start().Compare(b.Start()) }) {
		return Event{}, bad("dates", "must be in chronological order")
	}
	if e.Title == "" {
		return Event{}, bad("title", "is missing")
	}
	if e.Text == "" {
		return Event{}, bad("text", "is missing")
	}
	for j, q := range fe.Quotes {
		q.By, q.Text = strings.TrimSpace(q.By), strings.TrimSpace(q.Text)
		if q.By == "" {
			return Event{}, bad(fmt.Sprintf("quotes[%d].by", j), "is missing")
		}
		if q.Text == "" {
			return Event{}, bad(fmt.Sprintf("quotes[%d].text", j), "is missing")
		}
		e.Quotes = append(e.Quotes, q)
	}
	return e, nil
}

// DeriveID is the id of an event that has none: its first date and a slug
// of its title, "2016-02-28-sessions-endorses-trump".
func DeriveID(e Event) string {
	var b strings.Builder
	b.WriteString(e.First().String())
	dash := true
	// NFKD splits accents from their letters so "José" becomes "jose".
	for _, r := range norm.NFKD.String(strings.ToLower(e.Title)) {
		switch {
		case r < utf8.RuneSelf && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			if dash {
				b.WriteByte('-')
				dash = false
			}
			b.WriteRune(r)
		case unicode.Is(unicode.Mn, r), r == '\'' || r == '’':
			// accents and apostrophes vanish: "Trump’s" -> "trumps"
		default:
			dash = true
		}
		if b.Len() >= MaxIDLength {
			break
		}
	}
	id := b.String()
	if len(id) > MaxIDLength {
		id = strings.TrimRight(id[:MaxIDLength], "-")
	}
	return id
}

func uniqueID(id string, seen map[string]int) string {
	if _, dup := seen[id]; !dup {
		return id
	}
	for n := 2; ; n++ {
		suffix := fmt.Sprintf("-%d", n)
		candidate := id
		if len(candidate)+len(suffix) > MaxIDLength {
			candidate = candidate[:MaxIDLength-len(suffix)]
		}
		candidate += suffix
		if _, dup := seen[candidate]; !dup {
			return candidate
		}
	}
}

// describeJSONError turns a decoding error into one that says where in the
// file it happened, as line and column.
// locateUnknownField says which event an unknown field is in: the
// decoder names the field but not where it stands.
func locateUnknownField(raw []byte, field string) error {
	var loose struct {
		Events []json.RawMessage `json:"events"`
	}
	if json.Unmarshal(raw, &loose) == nil {
		for i, ev := range loose.Events {
			dec := json.NewDecoder(bytes.NewReader(ev))
			dec.DisallowUnknownFields()
			var e fileEvent
			if dec.Decode(&e) != nil {
				var id struct {
					ID string `json:"id"`
				}
				json.Unmarshal(ev, &id)
				return &FieldError{Event: i, ID: id.ID, Field: strings.Trim(field, `"`), Msg: "is not a field of an event or a quote (misspelt?)"}
			}
		}
	}
	return &FieldError{Event: -1, Field: strings.Trim(field, `"`), Msg: "is not a field of a timeline or its source (misspelt?)"}
}

func describeJSONError(raw []byte, err error) error {
	var syntax *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syntax):
		line, col := position(raw, syntax.Offset)
		return fmt.Errorf("line %d, column %d: invalid JSON: %w", line, col, err)
	case errors.As(err, &typ):
		line, col := position(raw, typ.Offset)
		return fmt.Errorf("line %d, column %d: %s: want %s, found %s", line, col, typ.Field, typ.Type, typ.Value)
	case errors.Is(err, io.EOF):
		return errors.New("the file is empty")
	}
	return err
}

func position(raw []byte, offset int64) (line, col int) {
	offset = min(offset, int64(len(raw)))
	before := raw[:offset]
	line = bytes.Count(before, []byte("\n")) + 1
	col = int(offset) - bytes.LastIndexByte(before, '\n')
	return line, col
}
