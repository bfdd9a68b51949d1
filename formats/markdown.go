package formats

import (
	"bytes"
	"fmt"
	"html"
	"regexp"
	"sort"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"
)

// readMarkdown reads a Markdown document through goldmark's syntax tree:
// headings and paragraphs (in lists and block quotes too) are the prose,
// read as readProse reads an article's; the first heading is the title.
// Emphasis and code are read as their text and links as their text; an
// image, raw HTML, a code block or a rule is reported and left out. A
// <!-- timelinebot {...} --> comment, as Export writes, gives what the
// prose has no place for.
func readMarkdown(raw []byte, o Options) *draft {
	src := bytes.ToValidUTF8(raw, []byte("\uFFFD"))
	m := &mdReader{src: src}
	for i, c := range src {
		if c == '\n' {
			m.newlines = append(m.newlines, i)
		}
	}
	doc := goldmark.New().Parser().Parse(text.NewReader(src))
	for n := doc.FirstChild(); n != nil; n = n.NextSibling() {
		m.block(n)
	}
	d := readProse(m.blocks, false, o)
	d.report.Skipped = append(m.skipped, d.report.Skipped...)
	return d
}

type mdReader struct {
	src      []byte
	newlines []int
	blocks   []block
	skipped  []Skipped
}

// lineOf is the line, from 1, of a byte offset.
func (m *mdReader) lineOf(off int) int { return sort.SearchInts(m.newlines, off) + 1 }

func (m *mdReader) skip(line int, what, why string) {
	m.skipped = append(m.skipped, Skipped{Line: line, What: what, Why: why})
}

// startLine is the line a block node starts on.
func (m *mdReader) startLine(n ast.Node) int {
	if p := n.Pos(); p >= 0 {
		return m.lineOf(p)
	}
	if n.Type() == ast.TypeBlock {
		if l := n.Lines(); l != nil && l.Len() > 0 {
			return m.lineOf(l.At(0).Start)
		}
	}
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		if line := m.startLine(c); line > 0 {
			return line
		}
	}
	if t, ok := n.(*ast.Text); ok {
		return m.lineOf(t.Segment.Start)
	}
	return 0
}

var metaRE = regexp.MustCompile(`(?s)^\s*<!--\s*timelinebot\s+(.*?)\s*-->\s*$`)

func (m *mdReader) block(n ast.Node) {
	switch n := n.(type) {
	case *ast.Heading:
		m.inline(n, true)
	case *ast.Paragraph, *ast.TextBlock:
		m.inline(n, false)
	case *ast.List, *ast.ListItem, *ast.Blockquote:
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			m.block(c)
		}
	case *ast.HTMLBlock:
		var b bytes.Buffer
		for i := 0; i < n.Lines().Len(); i++ {
			seg := n.Lines().At(i)
			b.Write(seg.Value(m.src))
		}
		if n.HasClosure() {
			b.Write(n.ClosureLine.Value(m.src))
		}
		line := m.startLine(n)
		if sub := metaRE.FindSubmatch(b.Bytes()); sub != nil {
			m.blocks = append(m.blocks, block{meta: sub[1], lines: []pline{{n: line}}})
			return
		}
		m.skip(line, fmt.Sprintf("the HTML %q", clip(b.String(), 60)), "raw HTML: not prose")
	case *ast.FencedCodeBlock, *ast.CodeBlock:
		m.skip(m.startLine(n), "a code block", "code, not prose")
	case *ast.ThematicBreak:
		m.skip(m.startLine(n), "a rule (---)", "a line between sections, with no text")
	default:
		m.skip(m.startLine(n), "a "+n.Kind().String(), "not a heading or a paragraph")
	}
}

// inline makes a block of a heading's or a paragraph's inline content,
// line by line as the source breaks it.
func (m *mdReader) inline(n ast.Node, heading bool) {
	b := block{heading: heading}
	cur := pline{n: m.startLine(n)}
	endLine := func(next int) {
		b.lines = append(b.lines, cur)
		cur = pline{n: next}
	}
	var walk func(c ast.Node)
	walk = func(c ast.Node) {
		switch c := c.(type) {
		case *ast.Text:
			v := string(c.Value(m.src))
			t := v
			if !c.IsRaw() {
				t = unescapeMarkdown(v)
			}
			if v != "" {
				cur.pieces = append(cur.pieces, piece{raw: v, text: t})
			}
			if c.HardLineBreak() {
				cur.hard = true
			}
			if c.SoftLineBreak() || c.HardLineBreak() {
				endLine(m.lineOf(c.Segment.Stop) + 1)
			}
		case *ast.String:
			v := string(c.Value)
			cur.pieces = append(cur.pieces, piece{raw: v, text: v})
		case *ast.AutoLink:
			v := string(c.Label(m.src))
			cur.pieces = append(cur.pieces, piece{raw: v, text: v})
		case *ast.Image:
			var alt strings.Builder
			for a := c.FirstChild(); a != nil; a = a.NextSibling() {
				if t, ok := a.(*ast.Text); ok {
					alt.Write(t.Value(m.src))
				}
			}
			m.skip(cur.n, fmt.Sprintf("the image %q (%s)", clip(alt.String(), 60), clip(string(c.Destination), 60)), "a timeline has no pictures")
		case *ast.RawHTML:
			var h strings.Builder
			for i := 0; i < c.Segments.Len(); i++ {
				seg := c.Segments.At(i)
				h.Write(seg.Value(m.src))
			}
			if tag := strings.ToLower(strings.ReplaceAll(h.String(), " ", "")); tag == "<br>" || tag == "<br/>" {
				cur.hard = true
				endLine(cur.n)
				return
			}
			m.skip(cur.n, fmt.Sprintf("the inline HTML %q", clip(h.String(), 60)), "markup, not text")
		default: // emphasis, links, code spans: their text
			for k := c.FirstChild(); k != nil; k = k.NextSibling() {
				walk(k)
			}
		}
	}
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		walk(c)
	}
	if len(cur.pieces) > 0 || len(b.lines) == 0 {
		b.lines = append(b.lines, cur)
	}
	m.blocks = append(m.blocks, b)
}

// unescapeMarkdown reads a text segment as Markdown means it: a backslash
// before ASCII punctuation is the punctuation, and a character reference
// ("&amp;", "&#8212;") is its character.
func unescapeMarkdown(s string) string {
	if !strings.ContainsAny(s, `\&`) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '\\' && i+1 < len(s) && isASCIIPunct(s[i+1]):
			b.WriteByte(s[i+1])
			i++
		case c == '&':
			if j := strings.IndexByte(s[i:], ';'); j > 1 && j <= 32 {
				ref := s[i : i+j+1]
				if u := html.UnescapeString(ref); u != ref && isReference(ref) {
					b.WriteString(u)
					i += j
					continue
				}
			}
			b.WriteByte(c)
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

func isASCIIPunct(c byte) bool {
	return c >= '!' && c <= '/' || c >= ':' && c <= '@' || c >= '[' && c <= '`' || c >= '{' && c <= '~'
}

// isReference reports whether "&...;" is a well-formed character
// reference: a name or a decimal or hex number.
func isReference(ref string) bool {
	body := ref[1 : len(ref)-1]
	if strings.HasPrefix(body, "#") {
		body = strings.TrimPrefix(strings.TrimPrefix(strings.TrimPrefix(body, "#"), "x"), "X")
	}
	if body == "" {
		return false
	}
	for _, r := range body {
		if !(r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z') {
			return false
		}
	}
	return true
}
