package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/timelinebot/timelinebot/answer"
	"github.com/timelinebot/timelinebot/index"
)

// printer writes answers as JSON or as text for a terminal.
type printer struct {
	w     io.Writer
	json  bool
	color bool // bold the matched words with ANSI escapes
}

func newPrinter(w io.Writer, asJSON bool) *printer {
	return &printer{w: w, json: asJSON, color: isTerminal(w) && os.Getenv("NO_COLOR") == ""}
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

func (p *printer) print(a answer.Answer) error {
	if p.json {
		if a.Events == nil {
			a.Events = []answer.Found{} // the contract: an empty match is [], never null
		}
		return json.NewEncoder(p.w).Encode(a)
	}
	var b strings.Builder
	b.WriteString(a.Text)
	b.WriteString("\n")
	for _, f := range a.Shown() {
		fmt.Fprintf(&b, "\n%s — %s\n", f.Event.DatesHuman(), p.mark(f.Title, f.Ranges(index.FieldTitle, 0)))
		for _, line := range p.lines(f) {
			b.WriteString(wrap(line, "    ", 78))
		}
	}
	_, err := io.WriteString(p.w, b.String())
	return err
}

// lines are what to show of an event: the sentences that matched, or all
// of its text when it was found by date.
func (p *printer) lines(f answer.Found) []string {
	if f.Quote != nil {
		return []string{fmt.Sprintf("%s: “%s”", f.Quote.By, f.Quote.Text)}
	}
	ranges := f.Ranges(index.FieldText, 0)
	if len(ranges) == 0 {
		return strings.Split(f.Text, "\n\n")
	}
	var out []string
	for _, s := range answer.MatchedSentences(f.Text, ranges) {
		out = append(out, p.mark(s.Text, s.Ranges))
	}
	return out
}

func (p *printer) mark(s string, ranges [][2]int) string {
	if !p.color {
		return s
	}
	return answer.Mark(s, ranges, "\x1b[1m", "\x1b[0m")
}

// wrap breaks text into lines of at most width columns, each indented.
func wrap(text, indent string, width int) string {
	var b strings.Builder
	line := indent
	for _, word := range strings.Fields(text) {
		if len(line) > len(indent) && len(line)+1+len(word) > width {
			b.WriteString(line + "\n")
			line = indent
		}
		if len(line) > len(indent) {
			line += " "
		}
		line += word
	}
	if len(line) > len(indent) {
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
func askEach(ctx context.Context, engine *answer.Engine, r io.Reader, p *printer) error {
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
		if err := p.print(a); err != nil {
			return err
		}
		if !p.json {
			fmt.Fprintln(p.w)
		}
	}
	return sc.Err()
}
