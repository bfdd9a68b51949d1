package index

import (
	"slices"
	"strings"

	"github.com/blevesearch/bleve/v2/analysis"
)

// paraphrases is a small curated thesaurus of the ways people word what
// news timelines report, political, legal and business: each group lists
// words and phrases
// that a reader uses for the same thing. A query that contains one member
// also searches for the others, at a lower weight than the words typed.
//
// It is a table rather than bleve's synonym source because that source keeps
// single-term definitions only (a definition that analyzes to several tokens
// is dropped), and the paraphrases people use are often phrases: "step
// aside", "attorney general", "Justice Department". Entries are matched
// after English analysis, so one form of each word covers its inflections
// (resign, resigned, resigning, resignation), and a phrase loses its stop
// words ("back out" is "back", as "back" for endorse is): no entry may
// stand in two groups.
var paraphrases = [][]string{
	{"resign", "quit", "step down", "leave office", "tender resignation"},
	{"recuse", "recusal", "step aside", "stand aside", "withdraw"},
	{"nominate", "nomination", "nominee", "pick", "tap", "choose", "chose", "chosen", "appoint"},
	{"endorse", "endorsement", "back", "support", "backing"},
	{"attorney general", "AG", "A.G.", "top prosecutor"},
	{"ambassador", "envoy", "diplomat"},
	{"tweet", "tweets", "posted"},
	{"meet", "met", "meeting", "encounter", "talk", "communicate", "contact"},
	{"say", "said", "tell", "told", "statement", "comment", "remark"},
	{"speech", "address", "rally"},
	{"complain", "frustration", "frustrated", "angry", "anger", "criticize", "criticism", "blame", "fury", "lash out"},
	{"hearing", "testimony", "testify", "questioned", "grill", "interrogate", "cross-examine"},
	{"confirm", "confirmation"},
	{"chair", "head", "lead", "chairman"},
	{"Justice Department", "Department of Justice", "Justice Dept.", "DOJ"},
	{"lie", "lied", "dishonest", "dishonestly", "mislead", "perjury"},
	{"senator", "Sen.", "senate"},
	{"investigation", "inquiry", "inquiries", "probe"},
	{"election", "vote", "presidential race"},
	{"press secretary", "spokesman", "spokesperson"},
	{"sue", "lawsuit", "suit", "litigation", "legal action"},
	{"deal", "sale", "acquisition", "takeover", "purchase", "merger", "buyout"},
	{"buy", "acquire"},
	{"close", "closing", "complete", "completion", "finalize", "seal"},
	{"terminate", "termination", "walk away", "cancel", "abandon"},
	{"lay off", "layoff", "layoffs", "job cuts", "cut jobs"},
	{"fire", "fired", "oust", "dismiss", "sack"},
	{"chief executive", "CEO", "boss"},
	{"bid", "offer", "proposal"},
	{"agree", "accept", "approve", "sign"},
	{"rebrand", "rename", "new name"},
	{"decline", "turn down", "reject", "refuse"},
	{"launch", "liftoff", "lift off", "blast off"},
}

// thesaurus holds the paraphrase groups as analyzed token sequences, so
// matching a query against them is a comparison of tokens.
type thesaurus struct {
	groups [][]phrase
	// names are the people a timeline quotes, as analyzed tokens: the
	// words of "Jeff Sessions" in a query are one person, so a match on
	// either name counts once rather than twice.
	names [][]string
}

// phrase is a thesaurus entry as written and as analyzed.
type phrase struct {
	text   string
	tokens []string
}

func newThesaurus(a analysis.Analyzer, table [][]string, names []string) *thesaurus {
	th := &thesaurus{}
	seen := map[string]bool{} // names as analyzed, joined
	for _, name := range names {
		tokens := analyze(a, name)
		if key := strings.Join(tokens, " "); len(tokens) > 1 && !seen[key] {
			seen[key] = true
			th.names = append(th.names, tokens)
		}
	}
	for _, group := range table {
		var members []phrase
		for _, text := range group {
			tokens := analyze(a, text)
			if len(tokens) > 0 && !slices.ContainsFunc(members, func(m phrase) bool { return slices.Equal(m.tokens, tokens) }) {
				members = append(members, phrase{text: text, tokens: tokens})
			}
		}
		if len(members) > 1 {
			th.groups = append(th.groups, members)
		}
	}
	return th
}

// concept is a word of a query, or a run of words that is one thesaurus
// entry ("step aside"), with the paraphrases that may stand for it.
type concept struct {
	tokens       []string
	alternatives []phrase
	// phrase is set when the words are a thesaurus phrase ("Republican
	// National Convention"): they match together, as written, not one by
	// one, or "national" alone would stand for the convention.
	phrase string
	// absent is set when the timeline has none of the tokens as typed:
	// then the nearest words it has are what was meant.
	absent bool
	// corrections are words of the timeline a word it lacks may stand
	// for; derived and near say a word of the same root, or one a slip
	// away, is there (see Index.lookAround).
	corrections   []string
	derived, near bool
	// at is the position of the concept's first token in the query, and
	// typed the words as the person typed them ("fired" for "fire").
	at    int
	typed string
	// rest are the other words of a person's name when one was typed
	// ("Elon" for Elon Musk). They are searched in the story, not among
	// the speakers, where the whole name would count the person twice.
	rest []string
}

// concepts splits analyzed query tokens into concepts: a person's full
// name, or else the longest thesaurus entry at each position.
func (th *thesaurus) concepts(tokens []string) []concept {
	var out []concept
	for i := 0; i < len(tokens); {
		if n := th.nameAt(tokens, i); n > 0 {
			out = append(out, concept{tokens: tokens[i : i+n], at: i})
			i += n
			continue
		}
		if name := th.nameOf(tokens[i]); name != nil {
			c := concept{tokens: tokens[i : i+1], at: i}
			for _, t := range name {
				if t != tokens[i] {
					c.rest = append(c.rest, t)
				}
			}
			out = append(out, c)
			i++
			continue
		}
		best, group := 1, -1
		for g, members := range th.groups {
			for _, m := range members {
				n := len(m.tokens)
				if i+n <= len(tokens) && slices.Equal(tokens[i:i+n], m.tokens) && (group < 0 || n > best) {
					best, group = n, g
				}
			}
		}
		c := concept{tokens: tokens[i : i+best], at: i}
		if group >= 0 {
			for _, m := range th.groups[group] {
				if !slices.Equal(m.tokens, c.tokens) {
					c.alternatives = append(c.alternatives, m)
				} else if len(m.tokens) > 1 {
					c.phrase = m.text
				}
			}
		}
		out = append(out, c)
		i += best
	}
	return out
}

// nameAt is the length of the longest known name starting at tokens[i],
// or 0.
func (th *thesaurus) nameAt(tokens []string, i int) int {
	best := 0
	for _, n := range th.names {
		if len(n) > best && i+len(n) <= len(tokens) && slices.Equal(tokens[i:i+len(n)], n) {
			best = len(n)
		}
	}
	return best
}

// nameOf is the one known name that has token as one of its words: a
// first or last name alone stands for the person ("Elon" is Elon Musk,
// who the story calls Musk). A word in several names stands for none.
func (th *thesaurus) nameOf(token string) []string {
	var found []string
	for _, n := range th.names {
		if slices.Contains(n, token) {
			if found != nil && !slices.Equal(found, n) {
				return nil
			}
			found = n
		}
	}
	return found
}

func analyze(a analysis.Analyzer, text string) []string {
	var tokens []string
	for _, t := range a.Analyze([]byte(text)) {
		tokens = append(tokens, string(t.Term))
	}
	return tokens
}
