package main

import (
	"context"
	"strings"
	"testing"

	"github.com/timelinebot/timelinebot/data"
)

// On a terminal the dates are in colour and the matched words bold; the
// escapes come after wrapping, so lines keep their width.
func TestPrinterColour(t *testing.T) {
	engine, closeIndex, err := openEngine(context.Background(), engineSource{maxBytes: data.DefaultMaxBytes})
	if err != nil {
		t.Fatal(err)
	}
	defer closeIndex()
	a, err := engine.Search(context.Background(), "Mayflower", 1)
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	p := &printer{w: &b, color: true, width: 80}
	if err := p.print(a); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	if !strings.Contains(out, cyan+"April 27, 2016"+reset) || !strings.Contains(out, bold+"Mayflower"+reset) {
		t.Errorf("no colour or bold:\n%q", out)
	}
	b.Reset()
	p.color = false
	p.print(a)
	if strings.Contains(b.String(), "\x1b[") {
		t.Errorf("escapes without colour:\n%q", b.String())
	}
}

func TestWrap(t *testing.T) {
	text := strings.Repeat("word ", 14) + "“a quote,’ ” said someone in the end of a long line of words here."
	for _, width := range []int{20, 40, 72, 80} {
		for _, line := range strings.Split(strings.TrimSpace(wrap(text, "  ", width)), "\n") {
			if n := len([]rune(line)); n > width && strings.Contains(strings.TrimSpace(line), " ") {
				t.Errorf("width %d: line %q is %d long", width, line, n)
			}
			if l := strings.TrimSpace(line); strings.HasPrefix(l, "”") || strings.HasPrefix(l, "’") {
				t.Errorf("width %d: a line starts with a closing quote: %q", width, line)
			}
		}
	}
}
