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
	// Examples are questions the author suggests, shown in help in
	// place of ones drawn from the entries.
	Examples []string `json:"examples,omitempty"`
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

// DefaultMaxBytes is the largest timeline file Load reads: a timeline of
// a million entries of 40-120 words (700 MB of JSON) fits, and a file the
// size of a disk image is refused at once instead of filling the memory.
const DefaultMaxBytes = 1 << 30

// Load reads and validates the timeline file at path, of at most
// DefaultMaxBytes. Its errors name the file; a file with several problems
// is reported by its first.
func Load(path string) (*Timeline, error) { return LoadLimited(path, DefaultMaxBytes) }

// LoadLimited is Load for a file of at most maxBytes.
func LoadLimited(path string, maxBytes int64) (*Timeline, error) {
	t, problems, err := CheckFile(path, maxBytes)
	if err != nil {
		return nil, err
	}
	if len(problems) > 0 {
		return nil, fmt.Errorf("%s: %w", path, firstProblem(problems))
	}
	return t, nil
}

// CheckFile reads the timeline file at path, of at most maxBytes, and
// checks all of it: the timeline if it is valid, otherwise every problem
// found (see Check). err is for a file that cannot be read, or is larger.
func CheckFile(path string, maxBytes int64) (*Timeline, []*FieldError, error) {
	raw, err := ReadLimited(path, maxBytes)
	if err != nil {
		return nil, nil, err
	}
	t, problems := Check(raw)
	return t, problems, nil
}

// ReadLimited reads a file of at most max bytes, refusing a larger one
// before reading it.
func ReadLimited(path string, max int64) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	size := int64(bytes.MinRead)
	if st, err := f.Stat(); err == nil {
		if st.Size() > max {
			return nil, fmt.Errorf("%s: %d bytes, more than the %d a timeline may have (TIMELINE_MAX_BYTES)", path, st.Size(), max)
		}
		size = st.Size() + 1 // one more byte, to see the end
	}
	// Room for all of it at once, and made, not grown: a fresh big
	// allocation is the kernel's zeroed pages, where growing a buffer
	// clears every page first. At 700 MB the clearing took longer than
	// the reading.
	raw := make([]byte, 0, size)
	for {
		if len(raw) == cap(raw) {
			raw = append(raw, 0)[:len(raw)] // the file grew since Stat
		}
		n, err := f.Read(raw[len(raw):cap(raw)])
		raw = raw[:len(raw)+n]
		if int64(len(raw)) > max {
			return nil, fmt.Errorf("%s: more than the %d bytes a timeline may have (TIMELINE_MAX_BYTES)", path, max)
		}
		if errors.Is(err, io.EOF) {
			return raw, nil
		}
		if err != nil {
			return nil, err
		}
	}
}

// FieldError says which part of a timeline is wrong. Event is the position
// of the event in the file (from 0), or -1 for the timeline's own fields;
// the message counts events from 1, as a person reading the file does.
type FieldError struct {
	Event int
	ID    string
	Field string
	Msg   string
	// Line and Col are where in the file the problem is, from 1; 0 when
	// the text was not read from a file.
	Line, Col int
	// unknown marks a field the format does not have: likely the cause
	// of a missing one beside it.
	unknown bool
}

// firstProblem is the problem to report when only one is: a misspelt
// field before the missing field it causes, else the first in the file.
func firstProblem(problems []*FieldError) *FieldError {
	for _, p := range problems {
		if p.unknown {
			return p
		}
	}
	return problems[0]
}

func (e *FieldError) Error() string {
	at := ""
	if e.Line > 0 {
		at = fmt.Sprintf("line %d, column %d: ", e.Line, e.Col)
	}
	return at + e.where()
}

// where is the problem without its position: the event, the field, what
// is wrong.
func (e *FieldError) where() string {
	if e.Event < 0 {
		if e.Field == "" {
			return e.Msg
		}
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
	Examples []string    `json:"examples"`
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

// MaxExampleLength is the longest example question: the longest /ask
// takes.
const MaxExampleLength = 250

// MaxIDLength keeps event ids short enough to travel inside Discord
// component ids (100 characters) with room for paging state.
const MaxIDLength = 64

var idPattern = regexp.MustCompile(`^[a-z0-9][a-z0-9._-]*$`)

// MaxProblems is the most problems Check lists; past it, it stops.
const MaxProblems = 1000

// Parse reads and validates a timeline. Its error is the first problem
// Check finds.
func Parse(r io.Reader) (*Timeline, error) {
	raw, err := io.ReadAll(r)
	if err != nil {
		return nil, err
	}
	t, problems := Check(raw)
	if len(problems) > 0 {
		return nil, firstProblem(problems)
	}
	return t, nil
}

// bom is the UTF-8 byte-order mark some editors put at the start of a
// file.
var bom = []byte{0xEF, 0xBB, 0xBF}

// Check reads and validates a whole timeline file: the timeline if it is
// valid, or every problem in it (up to MaxProblems), in the order they
// stand in the file, each with its line and column and the event and
// field it is in. Unknown fields are problems, so a misspelt field name is
// reported instead of silently dropped.
func Check(raw []byte) (*Timeline, []*FieldError) {
	raw = bytes.TrimPrefix(raw, bom)
	trimmed := bytes.TrimLeft(raw, " \t\r\n")
	if len(trimmed) == 0 {
		return nil, []*FieldError{{Event: -1, Msg: "the file is empty"}}
	}
	if trimmed[0] != '{' {
		line, col := position(raw, int64(len(raw)-len(trimmed)))
		return nil, []*FieldError{{Event: -1, Line: line, Col: col, Msg: "the file must be one JSON object with title, source and events"}}
	}
	p := &problems{raw: raw}
	var f fileTimeline
	// Unmarshal, not a Decoder: a Decoder copies a big file through a
	// buffer it grows as it goes, and that copying was half of reading
	// a 70 MB timeline.
	if err := json.Unmarshal(raw, &f); err != nil {
		// Unmarshal checks the syntax of all of raw before it decodes.
		if syntax := new(json.SyntaxError); errors.As(err, &syntax) {
			return nil, []*FieldError{syntaxProblem(raw, err)}
		}
		var typ *json.UnmarshalTypeError
		loc, lerr := p.located()
		if lerr != nil {
			return nil, []*FieldError{shapeError(raw, lerr)}
		}
		if errors.As(err, &typ) {
			// The offset is the end of the value; the value starts at the
			// last place located before it.
			start := int64(0)
			for _, off := range loc.offsets {
				if off < typ.Offset && off > start {
					start = off
				}
			}
			line, col := position(raw, start)
			return nil, []*FieldError{{Event: -1, Line: line, Col: col, Field: typ.Field, Msg: fmt.Sprintf("want %s, found %s", typeName(typ.Type.String()), typ.Value)}}
		}
		return nil, []*FieldError{shapeError(raw, err)}
	}
	p.events = f.Events
	if !knownKeysOnly(raw) {
		loc, err := p.located()
		if err != nil {
			return nil, []*FieldError{shapeError(raw, err)}
		}
		for _, u := range loc.unknown {
			p.unknownField(u)
		}
	}
	t := f.validate(p)
	if len(p.list) > 0 {
		slices.SortStableFunc(p.list, func(a, b *FieldError) int {
			if a.Line != b.Line {
				return a.Line - b.Line
			}
			return a.Col - b.Col
		})
		return nil, p.list
	}
	return t, nil
}

// syntaxProblem places the syntax error err of raw: data after the
// timeline object where it starts, anything else where the scanner
// stopped.
func syntaxProblem(raw []byte, err error) *FieldError {
	dec := json.NewDecoder(bytes.NewReader(raw))
	if dec.Decode(new(any)) == nil {
		rest := raw[dec.InputOffset():]
		line, col := position(raw, int64(len(raw)-len(bytes.TrimLeft(rest, " \t\r\n"))))
		return &FieldError{Event: -1, Line: line, Col: col, Msg: "unexpected data after the timeline object"}
	}
	return shapeError(raw, err)
}

// typeName is a Go type as a person reading JSON calls it.
func typeName(goType string) string {
	switch {
	case strings.HasPrefix(goType, "[]"):
		return "a list"
	case goType == "string":
		return "text in quotes"
	case strings.HasPrefix(goType, "map") || strings.HasPrefix(goType, "data.") || strings.HasPrefix(goType, "struct"):
		return "an object"
	}
	return goType
}

// problems collects what is wrong with a file, each placed in it.
type problems struct {
	raw    []byte
	loc    *located // nil until a problem needs placing
	events []fileEvent
	list   []*FieldError
}

// located is where every value of the file is, read once, when first
// needed: a valid file never pays for it.
func (p *problems) located() (*located, error) {
	if p.loc == nil {
		loc, err := locate(p.raw)
		if err != nil {
			return nil, err
		}
		p.loc = loc
	}
	return p.loc, nil
}

// add records a problem, with where it stands in the file: the field's
// value, or, for a missing field, the object it is missing from.
func (p *problems) add(e *FieldError) {
	if len(p.list) >= MaxProblems {
		return
	}
	path := e.Field
	if e.Event >= 0 {
		path = join(fmt.Sprintf("events[%d]", e.Event), e.Field)
	}
	loc, err := p.located()
	if err != nil {
		// The file decoded, so it is JSON the locator reads; should it
		// not, the problem is still reported, at the file's start.
		loc = &located{}
	}
	for {
		if off, ok := loc.offsets[path]; ok {
			e.Line, e.Col = position(p.raw, off)
			break
		}
		if path == "" {
			e.Line, e.Col = 1, 1
			break
		}
		path = path[:max(0, strings.LastIndexAny(path, ".["))] // "" is the whole file's object
	}
	p.list = append(p.list, e)
}

// unknownField records a field the format does not have.
func (p *problems) unknownField(u unknownField) {
	e := &FieldError{Event: -1, Field: u.name, unknown: true}
	switch u.kind {
	case "event", "quote":
		var rest string
		fmt.Sscanf(u.path, "events[%d]", &e.Event)
		if i := strings.Index(u.path, "."); i >= 0 {
			rest = u.path[i+1:] + "."
		}
		if e.Event >= 0 && e.Event < len(p.events) {
			e.ID = p.events[e.Event].ID
		}
		e.Field = rest + u.name
		e.Msg = "is not a field of an event or a quote (misspelt?)"
	default:
		e.Field = join(u.path, u.name)
		e.Msg = "is not a field of a timeline or its source (misspelt?)"
	}
	p.add(e)
	e.Line, e.Col = position(p.raw, u.offset)
}

// validate checks the decoded file, recording every problem in p, and
// is the timeline when there were none.
func (f *fileTimeline) validate(p *problems) *Timeline {
	top := func(field, msg string) { p.add(&FieldError{Event: -1, Field: field, Msg: msg}) }
	t := &Timeline{
		Title:  strings.TrimSpace(f.Title),
		Lede:   strings.TrimSpace(f.Lede),
		Source: Source{Name: strings.TrimSpace(f.Source.Name), URL: f.Source.URL, Copyright: f.Source.Copyright},
	}
	if t.Title == "" {
		top("title", "is missing")
	}
	if t.Source.Name == "" {
		top("source.name", "is missing")
	}
	if f.Source.Published != "" {
		if d, err := ParseDate(f.Source.Published); err != nil {
			top("source.published", err.Error())
		} else {
			t.Source.Published = &d
		}
	}
	for i, group := range f.Synonyms {
		var kept []string
		for _, w := range group {
			if w = strings.TrimSpace(w); w != "" && !slices.Contains(kept, w) {
				kept = append(kept, w)
			}
		}
		if len(kept) < 2 {
			top(fmt.Sprintf("synonyms[%d]", i), "needs at least two different words or phrases")
		}
		t.Synonyms = append(t.Synonyms, kept)
	}
	for i, q := range f.Examples {
		switch q = strings.Join(strings.Fields(q), " "); {
		case q == "":
			top(fmt.Sprintf("examples[%d]", i), "is empty")
		case len([]rune(q)) > MaxExampleLength:
			top(fmt.Sprintf("examples[%d]", i), fmt.Sprintf("is longer than %d characters, the longest question Discord takes", MaxExampleLength))
		default:
			t.Examples = append(t.Examples, q)
		}
	}
	if len(f.Events) == 0 {
		top("events", "has no events")
	}
	seen := make(map[string]int, len(f.Events))
	for i := range f.Events {
		fe := &f.Events[i]
		e, ok := fe.validate(i, p)
		if fe.ID != "" {
			if j, dup := seen[fe.ID]; dup {
				p.add(&FieldError{Event: i, ID: fe.ID, Field: "id", Msg: fmt.Sprintf("is already used by event %d", j+1)})
				continue
			}
			seen[fe.ID] = i
		}
		if ok {
			t.Events = append(t.Events, e)
		}
	}
	// Derived ids are made once every given id is known, so none takes
	// an id that a later event gives.
	for i := range t.Events {
		if t.Events[i].ID == "" {
			t.Events[i].ID = uniqueID(DeriveID(t.Events[i]), seen)
			seen[t.Events[i].ID] = -1
		}
	}
	byDate := func(a, b Event) int { return a.First().Start().Compare(b.First().Start()) }
	// Most files are in order already; a stable sort of a million
	// events moves them all the same.
	if !slices.IsSortedFunc(t.Events, byDate) {
		slices.SortStableFunc(t.Events, byDate)
	}
	return t
}

// validate checks one event, recording its problems in p.
func (fe *fileEvent) validate(i int, p *problems) (Event, bool) {
	e := Event{ID: fe.ID, Title: strings.TrimSpace(fe.Title), Text: strings.TrimSpace(fe.Text)}
	before := len(p.list)
	bad := func(field, msg string) { p.add(&FieldError{Event: i, ID: fe.ID, Field: field, Msg: msg}) }
	if e.ID != "" && (len(e.ID) > MaxIDLength || !idPattern.MatchString(e.ID)) {
		bad("id", fmt.Sprintf("must be lowercase letters, digits, dashes, dots and underscores, at most %d characters", MaxIDLength))
	}
	if len(fe.Dates) == 0 {
		bad("dates", "has no dates")
	}
	for j, s := range fe.Dates {
		d, err := ParseDate(s)
		if err != nil {
			bad(fmt.Sprintf("dates[%d]", j), err.Error())
			continue
		}
		e.Dates = append(e.Dates, d)
	}
	// A later date listed first would make "first" and ordering disagree with the text.
	if !slices.IsSortedFunc(e.Dates, func(a, b Date) int { return a.Start().Compare(b.Start()) }) {
		bad("dates", "must be in chronological order")
	}
	if e.Title == "" {
		bad("title", "is missing")
	}
	if e.Text == "" {
		bad("text", "is missing")
	}
	for j, q := range fe.Quotes {
		q.By, q.Text = strings.TrimSpace(q.By), strings.TrimSpace(q.Text)
		if q.By == "" {
			bad(fmt.Sprintf("quotes[%d].by", j), "is missing")
		}
		if q.Text == "" {
			bad(fmt.Sprintf("quotes[%d].text", j), "is missing")
		}
		e.Quotes = append(e.Quotes, q)
	}
	return e, len(p.list) == before
}

// DeriveID is the id of an event that has none: its first date and a slug
// of its title, "2016-02-28-sessions-endorses-trump".
func DeriveID(e Event) string {
	var b strings.Builder
	// A span's slash is no id character: "2000/2002" is "2000-2002".
	b.WriteString(strings.ReplaceAll(e.First().String(), "/", "-"))
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
