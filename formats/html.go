package formats

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// htmlText is the plain text of an HTML fragment, as TimelineJS's text and
// headlines are: block elements (<p>, <div>, <li>, ...) make paragraphs
// ("\n\n"), <br> a line break ("\n"), entities their characters; tags are
// dropped and runs of white space read as one space, as a browser shows
// them. dropped names the elements whose content is no text (<img>,
// <script>, <iframe>), for the caller to report.
func htmlText(s string) (text string, dropped []string) {
	if !strings.ContainsAny(s, "<&") {
		return collapse(s), nil
	}
	body := &html.Node{Type: html.ElementNode, Data: "body", DataAtom: atom.Body}
	nodes, err := html.ParseFragment(strings.NewReader(s), body)
	if err != nil {
		return collapse(s), nil
	}
	w := &htmlWriter{}
	for _, n := range nodes {
		w.node(n, &dropped)
	}
	w.paragraph()
	return strings.Join(w.paras, "\n\n"), dropped
}

type htmlWriter struct {
	paras []string
	lines []string
	cur   strings.Builder
}

func (w *htmlWriter) line() {
	w.lines = append(w.lines, collapse(w.cur.String()))
	w.cur.Reset()
}

func (w *htmlWriter) paragraph() {
	w.line()
	// Lines empty at the edges of a paragraph are the white space
	// between tags; inside it, a <br><br> keeps its blank line.
	lines := w.lines
	for len(lines) > 0 && lines[0] == "" {
		lines = lines[1:]
	}
	for len(lines) > 0 && lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	}
	if len(lines) > 0 {
		w.paras = append(w.paras, strings.Join(lines, "\n"))
	}
	w.lines = nil
}

// blockElements start and end a paragraph.
var blockElements = map[atom.Atom]bool{
	atom.P: true, atom.Div: true, atom.H1: true, atom.H2: true, atom.H3: true, atom.H4: true, atom.H5: true,
	atom.H6: true, atom.Li: true, atom.Ul: true, atom.Ol: true, atom.Blockquote: true, atom.Table: true,
	atom.Tr: true, atom.Section: true, atom.Article: true, atom.Header: true, atom.Footer: true, atom.Pre: true,
	atom.Figure: true, atom.Figcaption: true, atom.Dl: true, atom.Dt: true, atom.Dd: true, atom.Hr: true,
	atom.Aside: true, atom.Main: true, atom.Nav: true, atom.Address: true,
}

// mediaElements hold no text of their own.
var mediaElements = map[atom.Atom]bool{
	atom.Img: true, atom.Iframe: true, atom.Video: true, atom.Audio: true, atom.Embed: true, atom.Object: true,
	atom.Svg: true, atom.Script: true, atom.Style: true, atom.Template: true, atom.Noscript: true,
	atom.Canvas: true, atom.Picture: true, atom.Source: true, atom.Track: true, atom.Map: true,
}

func (w *htmlWriter) node(n *html.Node, dropped *[]string) {
	switch n.Type {
	case html.TextNode:
		w.cur.WriteString(n.Data)
		return
	case html.ElementNode:
		switch {
		case n.DataAtom == atom.Br:
			w.line()
			return
		case mediaElements[n.DataAtom] || n.DataAtom == 0 && (n.Data == "svg" || n.Data == "math"):
			*dropped = append(*dropped, "<"+n.Data+">")
			return
		case blockElements[n.DataAtom]:
			w.paragraph()
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				w.node(c, dropped)
			}
			w.paragraph()
			return
		}
	case html.CommentNode:
		return
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		w.node(c, dropped)
	}
}

// textHTML writes text as TimelineJS's HTML: a <p> per paragraph, <br>
// for a line break, the rest escaped. htmlText reads it back.
func textHTML(text string) string {
	var b strings.Builder
	for _, p := range strings.Split(text, "\n\n") {
		if strings.TrimSpace(p) == "" {
			continue
		}
		b.WriteString("<p>")
		for i, l := range strings.Split(p, "\n") {
			if i > 0 {
				b.WriteString("<br>")
			}
			b.WriteString(html.EscapeString(l))
		}
		b.WriteString("</p>")
	}
	return b.String()
}

// collapse reads runs of HTML white space as one space, as a browser
// shows them; a no-break space is text, not white space, and stays.
func collapse(s string) string {
	return strings.Join(strings.FieldsFunc(s, func(r rune) bool {
		return r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == '\f'
	}), " ")
}
