package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/term"

	"github.com/timelinebot/timelinebot/answer"
)

// printer writes answers as JSON or as text for a terminal.
type printer struct {
	w    io.Writer
	json bool
	// color shows the dates and the matched words in colour and bold,
	// for a terminal; width is the width text is wrapped to.
	color bool
	width int
}

// defaultWidth is the width to wrap to when the output is not a terminal.
const defaultWidth = 80

func newPrinter(w io.Writer, asJSON bool) *printer {
	p := &printer{w: w, json: asJSON, width: defaultWidth}
	if f, ok := w.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		// https://no-color.org: any value of NO_COLOR turns colour off.
		_, noColor := os.LookupEnv("NO_COLOR")
		p.color = !noColor
		if width, _, err := term.GetSize(int(f.Fd())); err == nil && width > 20 {
			p.width = width
		}
	}
	return p
}

// ANSI escapes: bold for the matched words, a colour for dates.
const (
	bold  = "\x1b[1m"
	cyan  = "\x1b[36m"
	reset = "\x1b[0m"
)

func (p *printer) print(a answer.Answer) error {
	if p.json {
		if a.Events == nil {
			a.Events = []answer.Found{} // the contract: an empty match is [], never null
		}
		return json.NewEncoder(p.w).Encode(a)
	}
	var b strings.Builder
	switch {
	case a.Offset > 0 && len(a.Events) == 0:
		entries := fmt.Sprintf("%d entries", a.Total)
		if a.Total == 1 {
			entries = "1 entry"
		}
		fmt.Fprintf(&b, "The answer has %s; the offset is past the last.\n", entries)
	case a.Later():
		// The sentence answers from the first page; this one lists.
		fmt.Fprintf(&b, "Entries %d to %d of %d:", a.Offset+1, a.Offset+len(a.Events), a.Total)
	default:
		b.WriteString(wrap(a.Text, "", p.width))
	}
	for _, f := range a.Shown() {
		b.WriteString("\n")
		date := f.Event.DatesHuman()
		if len(f.Dates) != len(f.Event.Dates) {
			date = datesOf(f)
		}
		head := wrap(date+" — "+f.Title, "", p.width)
		if p.color {
			// Colour is added after wrapping, so escapes take no width.
			head = strings.Replace(head, date, cyan+date+reset, 1)
			head = p.markWords(head, f.Title, f.TitleRanges())
		}
		b.WriteString(head)
		for _, line := range p.lines(f) {
			b.WriteString(wrap(line, "    ", p.width-2))
		}
	}
	if a.Next > 0 {
		fmt.Fprintf(&b, "\n(%d more; see them with --offset %d)\n", a.Total-a.Next, a.Next)
	}
	_, err := io.WriteString(p.w, b.String())
	return err
}

// datesOf writes the dates an answer keeps of an event: one of several.
func datesOf(f answer.Found) string {
	parts := make([]string, len(f.Dates))
	for i, d := range f.Dates {
		parts[i] = d.Human()
	}
	return strings.Join(parts, ", ")
}

// maxSentences caps what is shown of an event found by date: a long entry
// is cut to its opening, so one huge entry cannot flood the terminal.
const (
	maxSentences = 4
	maxShownText = 1200
)

// lines are what to show of an event: the sentences that matched, or the
// opening of its text when it was found by date.
func (p *printer) lines(f answer.Found) []string {
	if f.Quote != nil {
		return []string{fmt.Sprintf("%s: “%s”", f.Quote.By, f.Quote.Text)}
	}
	ranges := f.TextRanges()
	var out []string
	if len(ranges) == 0 {
		out = answer.Opening(f.Text, maxSentences, maxShownText)
	} else {
		for i, s := range answer.MatchedSentences(f.Text, ranges) {
			if i == maxSentences {
				out[len(out)-1] += " …"
				break
			}
			if len(s.Text) > maxShownText {
				out = append(out, answer.Opening(s.Text, 1, maxShownText)...)
				continue
			}
			out = append(out, p.mark(s.Text, s.Ranges))
		}
	}
	return out
}

func (p *printer) mark(s string, ranges [][2]int) string {
	if !p.color {
		return s
	}
	return answer.Mark(s, ranges, bold, reset)
}

// markWords bolds, in wrapped text, the matched words of the line it
// was wrapped from: each matched word, where it first stands.
func (p *printer) markWords(wrapped, line string, ranges [][2]int) string {
	for _, r := range ranges {
		if r[0] < 0 || r[1] > len(line) || r[0] >= r[1] {
			continue
		}
		w := line[r[0]:r[1]]
		wrapped = strings.Replace(wrapped, w, bold+w+reset, 1)
	}
	return wrapped
}

// wrap breaks text into lines of at most width columns, each indented. A
// word that is only punctuation (a closing quote set apart) stays with
// the word before it, so no line starts with one.
func wrap(text, indent string, width int) string {
	var words []string
	for _, w := range strings.Fields(text) {
		if n := len(words); n > 0 && !strings.ContainsFunc(w, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) {
			words[n-1] += " " + w
			continue
		}
		words = append(words, w)
	}
	var b strings.Builder
	line, n := indent, 0 // n: the line's width in characters
	for _, word := range words {
		wn := utf8.RuneCountInString(word)
		if n > 0 && utf8.RuneCountInString(indent)+n+1+wn > width {
			b.WriteString(line + "\n")
			line, n = indent, 0
		}
		if n > 0 {
			line += " "
			n++
		}
		line += word
		n += wn
	}
	if n > 0 {
		b.WriteString(line + "\n")
	}
	return b.String()
}

// jsonError is the error object of the JSON contract.
type jsonError struct {
	Query string `json:"query"`
	Error struct {
		Code    answer.Code `json:"code"`
		Message string      `json:"message"`
	} `json:"error"`
}

// printError writes the JSON error object for a query.
func (p *printer) printError(query string, code answer.Code, msg string) error {
	var e jsonError
	e.Query, e.Error.Code, e.Error.Message = query, code, msg
	return json.NewEncoder(p.w).Encode(e)
}

// askEach answers one question per line of r, in order, from one index.
// A question that cannot be answered, a blank line included, gets a line
// with its error, and the rest go on: line N of the output answers line N
// of the input.
func askEach(ctx context.Context, engine *answer.Engine, r io.Reader, p *printer, offset int) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 1024*1024)
	for sc.Scan() {
		q := strings.TrimSpace(sc.Text())
		a, err := engine.Ask(ctx, q)
		if err != nil {
			if ctx.Err() != nil {
				return ctx.Err()
			}
			if p.json {
				if err := p.printError(q, answer.CodeOf(err), answer.Message(err)); err != nil {
					return err
				}
				continue
			}
			fmt.Fprintf(p.w, "> %s\n%s\n\n", q, answer.Message(err))
			continue
		}
		if !p.json {
			// Each answer under its question, so the output reads against
			// the input.
			fmt.Fprintf(p.w, "> %s\n", q)
		}
		if err := p.print(a.Page(offset, answer.PageSize)); err != nil {
			return err
		}
		if !p.json {
			fmt.Fprintln(p.w)
		}
	}
	return sc.Err()
}
