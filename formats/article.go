package formats

import (
	"strings"
)

// readArticle reads a news article copied as plain text: paragraphs are
// separated by blank lines, the first line is the headline, and each entry
// opens with a dateline paragraph ("Feb. 28, 2016: Sessions endorses
// Trump"). A paragraph's lines are joined by spaces, as a wrapped paragraph
// reads; a dateline with its text on the next line, in the same
// paragraph, still opens the entry.
func readArticle(raw []byte, o Options) *draft {
	text := strings.ToValidUTF8(string(raw), "\uFFFD")
	text = strings.ReplaceAll(text, "\r\n", "\n")
	text = strings.ReplaceAll(text, "\r", "\n")
	var blocks []block
	var cur []pline
	end := func() {
		if len(cur) == 0 {
			return
		}
		if _, ok := parseHead(cur[0]); ok && len(cur) > 1 {
			blocks = append(blocks, block{lines: cur[:1]}, block{lines: cur[1:]})
		} else {
			blocks = append(blocks, block{lines: cur})
		}
		cur = nil
	}
	for i, line := range strings.Split(text, "\n") {
		line = strings.TrimSpace(line)
		if line == "" {
			end()
			continue
		}
		cur = append(cur, pline{n: i + 1, pieces: []piece{{raw: line, text: line}}})
	}
	end()
	return readProse(blocks, true, o)
}
