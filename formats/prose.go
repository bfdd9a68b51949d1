package formats

import (
	"bytes"
	"encoding/json"
	"fmt"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/timelinebot/timelinebot/data"
	"github.com/timelinebot/timelinebot/dateexpr"
)

// The article and Markdown importers share one reading of prose: a title,
// an undated lede, then entries that each open with a dateline ("Feb. 28,
// 2016: Sessions endorses Trump") and run to the next, then a trailer.
// The readers differ only in how they cut their source into blocks.

// piece is a run of text as written in the source and as read: they differ
// in Markdown, where "\:" is read ":" and "&mdash;" "—". A dateline is told
// by the text as written, so that an exporter can keep a paragraph that
// merely opens with a date from reading as an entry by escaping its colon.
type piece struct{ raw, text string }

// pline is one line of a block.
type pline struct {
	n      int // line number in the source
	pieces []piece
	hard   bool // ends with a hard line break: the text keeps the newline
}

func (l pline) raw() string {
	var b strings.Builder
	for _, p := range l.pieces {
		b.WriteString(p.raw)
	}
	return b.String()
}

func (l pline) text() string {
	var b strings.Builder
	for _, p := range l.pieces {
		b.WriteString(p.text)
	}
	return b.String()
}

// textFrom is the text of the line from byte off of its raw form on.
func (l pline) textFrom(off int) string {
	var b strings.Builder
	pos := 0
	for _, p := range l.pieces {
		end := pos + len(p.raw)
		switch {
		case end <= off:
		case pos >= off:
			b.WriteString(p.text)
		default:
			if p.raw == p.text {
				b.WriteString(p.text[off-pos:])
			} else {
				b.WriteString(unescapeMarkdown(p.raw[off-pos:]))
			}
		}
		pos = end
	}
	return b.String()
}

// block is a paragraph or a heading, or a timelinebot comment (meta).
type block struct {
	heading bool
	lines   []pline
	meta    []byte
}

func (b *block) line() int {
	if len(b.lines) == 0 {
		return 0
	}
	return b.lines[0].n
}

// text is the block's text: its lines joined by spaces, as a paragraph
// wrapped in the source reads, except after a hard line break.
func (b *block) text() string { return joinLines(b.lines) }

func joinLines(lines []pline) string {
	var sb strings.Builder
	for i, l := range lines {
		t := strings.TrimSpace(l.text())
		if t == "" {
			continue
		}
		if sb.Len() > 0 {
			if lines[i-1].hard {
				sb.WriteByte('\n')
			} else {
				sb.WriteByte(' ')
			}
		}
		sb.WriteString(t)
	}
	return strings.TrimSpace(sb.String())
}

// head is what a dateline says.
type head struct {
	dates []string
	why   map[string]string // a written date that is none: dateexpr's reason, by field
	title string
	sep   int // where the separator stands in the raw line
}

// maxDateline bounds the text read for the dates of a dateline.
const maxDateline = 300

// parseHead reads a line that opens an entry: one or more dates as
// dateexpr reads them, joined by commas or "and", then ":" or a dash, then
// a title. A date without a year ("June 5:") opens no entry: the year is
// not there to be read.
func parseHead(l pline) (head, bool) {
	raw := l.raw()
	scan := raw
	if len(scan) > maxDateline {
		cut := maxDateline
		for cut > 0 && !utf8.RuneStart(scan[cut]) {
			cut--
		}
		scan = scan[:cut]
	}
	lead := len(scan) - len(strings.TrimLeft(scan, " \t"))
	var h head
	pos := lead
	for _, m := range dateexpr.Find(scan) {
		if len(h.dates) == 0 && m.Start != lead {
			return head{}, false
		}
		if len(h.dates) > 0 && !isDateJoin(scan[pos:m.Start]) {
			break
		}
		if m.NoYear {
			break
		}
		field := fmt.Sprintf("dates[%d]", len(h.dates))
		if m.Err != nil {
			if h.why == nil {
				h.why = map[string]string{}
			}
			h.why[field] = m.Err.Error()
			h.dates = append(h.dates, m.Text)
		} else {
			h.dates = append(h.dates, spanDate(m.Span))
		}
		pos = m.End
	}
	if len(h.dates) == 0 {
		return head{}, false
	}
	rest := raw[pos:]
	trimmed := strings.TrimLeft(rest, " \t")
	sep := ""
	for _, s := range []string{":", "–", "—", "―", "-"} {
		if strings.HasPrefix(trimmed, s) {
			sep = s
			break
		}
	}
	if sep == "" {
		return head{}, false
	}
	h.sep = pos + len(rest) - len(trimmed)
	h.title = strings.TrimSpace(l.textFrom(h.sep + len(sep)))
	if h.title == "" {
		return head{}, false
	}
	return h, true
}

// isDateJoin reports whether the text between two dates joins them into
// one entry's list: ", ", " and ", ", and ", " & ".
func isDateJoin(gap string) bool {
	g := strings.ToLower(strings.Trim(gap, " \t,;"))
	return g == "" || g == "and" || g == "&"
}

// proseMeta is a timelinebot comment of a Markdown export: the parts of a
// timeline the prose has no place for. Before the entries it holds the
// timeline's; after an entry's heading, the entry's.
type proseMeta struct {
	Source   *fileSource   `json:"source,omitempty"`
	Synonyms [][]string    `json:"synonyms,omitempty"`
	Examples []string      `json:"examples,omitempty"`
	ID       string        `json:"id,omitempty"`
	Quotes   *[]data.Quote `json:"quotes,omitempty"` // nil: read from the text
}

type proseEntry struct {
	head  head
	line  int
	paras []string
	meta  *proseMeta
}

// readProse turns blocks into a draft. titleFirstLine says how the title
// is found: the first line of the source (an article) or the first
// heading (Markdown).
func readProse(blocks []block, titleFirstLine bool, o Options) *draft {
	d := &draft{}
	// The title.
	titleIdx := -1
	for i := range blocks {
		b := &blocks[i]
		if b.meta != nil || len(b.lines) == 0 {
			continue
		}
		if _, ok := parseHead(b.lines[0]); ok {
			break
		}
		if titleFirstLine || b.heading {
			titleIdx = i
			break
		}
	}
	if titleIdx >= 0 {
		b := &blocks[titleIdx]
		t := b.lines[0]
		if !titleFirstLine {
			t.pieces = []piece{{text: b.text()}}
		}
		d.tl.Title = strings.TrimSpace(t.text())
		d.titleAt = t.n
		if o.Title != "" && o.Title != d.tl.Title {
			d.skip(t.n, fmt.Sprintf("the title %q", clip(d.tl.Title, 80)), "Options.Title replaces it")
		}
		if titleFirstLine && len(b.lines) > 1 {
			b.lines = b.lines[1:] // the rest of the title's paragraph is the lede's
		} else {
			blocks = append(blocks[:titleIdx:titleIdx], blocks[titleIdx+1:]...)
		}
	}

	var (
		lede      []string
		ledeLine  int
		entries   []*proseEntry
		cur       *proseEntry
		orphan    string // an undated heading after the entries, whose paragraphs belong to none
		inTrailer bool
		tr        trailer
	)
	for i := range blocks {
		b := &blocks[i]
		if b.meta != nil {
			m, err := decodeMeta(b.meta)
			if err != nil {
				d.fail(b.line(), 0, "", "timelinebot comment", err.Error())
				continue
			}
			if cur == nil {
				d.applyMeta(m)
			} else if cur.meta == nil {
				cur.meta = m
			} else {
				d.fail(b.line(), len(entries), cur.head.title, "timelinebot comment", "a second comment for one entry")
			}
			continue
		}
		if len(b.lines) == 0 {
			continue
		}
		if !inTrailer && len(entries) > 0 && isTrailerStart(b.lines[0].text()) {
			inTrailer = true
		}
		if inTrailer {
			for _, l := range b.lines {
				tr.line(d, l.n, strings.TrimSpace(l.text()))
			}
			continue
		}
		if h, ok := parseHead(b.lines[0]); ok {
			cur = &proseEntry{head: h, line: b.line()}
			entries = append(entries, cur)
			orphan = ""
			if rest := joinLines(b.lines[1:]); rest != "" {
				cur.paras = append(cur.paras, rest)
			}
			continue
		}
		text := b.text()
		if text == "" {
			continue
		}
		switch {
		case b.heading && len(entries) == 0:
			d.skip(b.line(), fmt.Sprintf("the heading %q", clip(text, 80)), "a heading without a date before the entries: the lede is its paragraphs only")
		case b.heading:
			d.skip(b.line(), fmt.Sprintf("the heading %q", clip(text, 80)), fmt.Sprintf("a heading without a date: not an entry, and it ends event %d", len(entries)))
			cur, orphan = nil, text
		case orphan != "":
			d.skip(b.line(), fmt.Sprintf("the paragraph %q", clip(text, 80)), fmt.Sprintf("under the undated heading %q, outside any entry", clip(orphan, 60)))
		case cur == nil:
			if len(lede) == 0 {
				ledeLine = b.line()
			}
			lede = append(lede, text)
		default:
			cur.paras = append(cur.paras, text)
		}
	}
	tr.flush(d)

	if len(lede) > 0 {
		lede[0] = d.dropCredit(ledeLine, lede[0])
	}
	d.tl.Lede = strings.Join(lede, "\n\n")

	q := &quoter{}
	for _, p := range lede {
		q.learn(p)
	}
	for n, e := range entries {
		ev := fileEvent{Dates: e.head.dates, Title: e.head.title, Text: strings.Join(e.paras, "\n\n")}
		if e.meta != nil {
			ev.ID = e.meta.ID
		}
		if e.meta != nil && e.meta.Quotes != nil {
			ev.Quotes = *e.meta.Quotes
			for _, p := range e.paras {
				q.learn(p)
			}
		} else {
			var unnamed []string
			ev.Quotes, unnamed = q.entryQuotes(e.paras)
			for _, u := range unnamed {
				d.skip(e.line, fmt.Sprintf("the quote “%s” in event %d (%q)", clip(u, 60), n+1, clip(ev.Title, 60)),
					"its speaker is not named where it is said (“he said”): it stays in the text only")
			}
		}
		d.textFallback(&ev, e.line, n+1, ev.Title, "the title")
		d.add(ev, place{line: e.line, num: n + 1, why: e.head.why})
	}
	return d
}

func decodeMeta(raw []byte) (*proseMeta, error) {
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	var m proseMeta
	if err := dec.Decode(&m); err != nil {
		return nil, fmt.Errorf("not the JSON of a timelinebot comment: %v", err)
	}
	return &m, nil
}

func (d *draft) applyMeta(m *proseMeta) {
	if m.Source != nil {
		d.tl.Source = *m.Source
	}
	d.tl.Synonyms = append(d.tl.Synonyms, m.Synonyms...)
	d.tl.Examples = append(d.tl.Examples, m.Examples...)
}

// creditRE is a photo credit glued to a wire dateline, as pages copied to
// text give it: "Win McNamee/Getty Images(WASHINGTON) — As ...". The
// credit names a photographer and an agency with a slash and touches the
// parenthesized capitals of the dateline with no space: prose never does.
var creditRE = regexp.MustCompile(`^([^\s()][^()\n]{0,80}/[^()\n]{0,80}[^\s()])(\([\p{Lu}][\p{Lu} .,'’-]*\)\s*[—–-])`)

// dropCredit takes a photo credit off the lede's first paragraph, and
// reports it.
func (d *draft) dropCredit(line int, p string) string {
	m := creditRE.FindStringSubmatchIndex(p)
	if m == nil {
		return p
	}
	credit := p[m[2]:m[3]]
	d.skip(line, fmt.Sprintf("the photo credit %q", credit), "glued to the dateline that opens the lede: a credit for a picture, not text")
	return p[m[4]:]
}

// The trailer: a copyright line, "Share on ..." lines and the one-word
// labels of their buttons, after the last entry's text.
func isTrailerStart(s string) bool {
	s = strings.TrimSpace(s)
	return isCopyright(s) || isShare(s)
}

func isCopyright(s string) bool {
	if len(s) > 300 {
		return false
	}
	l := strings.ToLower(s)
	return strings.HasPrefix(l, "copyright") || strings.HasPrefix(s, "©") ||
		strings.HasPrefix(l, "(c) ") && len(l) > 4 && unicode.IsDigit(rune(l[4])) ||
		strings.Contains(l, "all rights reserved")
}

func isShare(s string) bool {
	l := strings.ToLower(s)
	return strings.HasPrefix(l, "share on ") || strings.HasPrefix(l, "share this") || l == "share"
}

var (
	yearsRE    = regexp.MustCompile(`\b\d{4}(\s*[-–]\s*\d{4})?\b`)
	reservedRE = regexp.MustCompile(`(?i)all rights reserved.*$`)
	symbolRE   = regexp.MustCompile(`(?i)^(copyright|©|\(c\)|\s|,)+`)
)

// copyrightHolder is who a copyright line names: "Copyright © 2017, ABC
// Radio. All rights reserved." is ABC Radio's.
func copyrightHolder(s string) string {
	s = reservedRE.ReplaceAllString(s, "")
	s = symbolRE.ReplaceAllString(s, "")
	s = yearsRE.ReplaceAllString(s, "")
	s = symbolRE.ReplaceAllString(s, "")
	return strings.Trim(s, " ,.;:")
}

type trailer struct {
	shareFrom, shareTo, shareLines int
	first, last                    string
}

// line files one line of the trailer: the copyright, a line of the share
// buttons, or anything else after the article's end.
func (t *trailer) line(d *draft, n int, s string) {
	if s == "" {
		return
	}
	if t.shareLines > 0 && (isShare(s) || !strings.ContainsAny(s, " \t") && utf8.RuneCountInString(s) <= 30) {
		t.shareTo, t.last = n, s
		t.shareLines++
		return
	}
	t.flush(d)
	switch {
	case isShare(s):
		t.shareFrom, t.shareTo, t.shareLines, t.first, t.last = n, n, 1, s, s
	case isCopyright(s) && d.tl.Source.Copyright == "":
		d.tl.Source.Copyright = s
		d.copyFrom = copyrightHolder(s)
	case isCopyright(s):
		d.skip(n, fmt.Sprintf("the copyright line %q", clip(s, 80)), "the source already has its copyright line")
	default:
		d.skip(n, fmt.Sprintf("the line %q", clip(s, 80)), "after the copyright line or share buttons that end the article: not part of it")
	}
}

func (t *trailer) flush(d *draft) {
	if t.shareLines == 0 {
		return
	}
	what := fmt.Sprintf("the “Share on” trailer (%s, %q to %q)", plural(t.shareLines, "line"), t.first, t.last)
	if t.shareLines == 1 {
		what = fmt.Sprintf("the “Share on” trailer (%q)", t.first)
	}
	d.skip(t.shareFrom, what, "buttons to share the page: not an entry")
	t.shareLines = 0
}
