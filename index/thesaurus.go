package index

import (
	"slices"

	"github.com/blevesearch/bleve/v2/analysis"
)

// paraphrases is a small curated thesaurus of the ways people word what
// timelines of political news report: each group lists words and phrases
// that a reader uses for the same thing. A query that contains one member
// also searches for the others, at a lower weight than the words typed.
//
// It is a table rather than bleve's synonym source because that source keeps
// single-term definitions only (a definition that analyzes to several tokens
// is dropped), and the paraphrases people use are often phrases: "step
// aside", "attorney general", "Justice Department". Entries are matched
// after English analysis, so one form of each word covers its inflections
// (resign, resigned, resigning, resignation).
var paraphrases = [][]string{
	{"resign", "quit", "step down", "leave office", "tender resignation"},
	{"recuse", "recusal", "step aside", "stand aside", "withdraw"},
	{"nominate", "nomination", "nominee", "pick", "tap", "choose", "appoint"},
	{"endorse", "endorsement", "back", "support", "backing"},
	{"attorney general", "AG", "A.G.", "top prosecutor"},
	{"ambassador", "envoy", "diplomat"},
	{"Russia", "Russian", "Russians", "Kremlin", "Moscow"},
	{"tweet", "Twitter", "tweets", "posted"},
	{"meet", "met", "meeting", "encounter", "talk"},
	{"say", "said", "tell", "told", "statement", "comment", "remark"},
	{"speech", "address", "remarks", "rally"},
	{"complain", "frustration", "frustrated", "angry", "anger", "criticize", "criticism", "blame", "fury", "lash out"},
	{"hearing", "testimony", "testify", "questioned"},
	{"confirm", "confirmation"},
	{"chair", "head", "lead", "chairman"},
	{"Justice Department", "Department of Justice", "Justice Dept.", "DOJ"},
	{"travel ban", "executive order", "immigration order"},
	{"lie", "lied", "dishonest", "dishonestly", "mislead", "perjury"},
	{"senator", "Sen.", "senate"},
	{"investigation", "inquiry", "inquiries", "probe"},
	{"election", "vote", "presidential race"},
	{"press secretary", "spokesman", "spokesperson"},
}

// thesaurus holds the paraphrase groups as analyzed token sequences, so
// matching a query against them is a comparison of tokens.
type thesaurus struct {
	groups [][]phrase
}

// phrase is a thesaurus entry as written and as analyzed.
type phrase struct {
	text   string
	tokens []string
}

func newThesaurus(a analysis.Analyzer, table [][]string) *thesaurus {
	th := &thesaurus{}
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

// alternatives returns the other members of every group one of whose members
// occurs in the query's tokens, excluding phrases the query already has.
func (th *thesaurus) alternatives(query []string) []phrase {
	var out []phrase
	for _, group := range th.groups {
		if !slices.ContainsFunc(group, func(m phrase) bool { return containsRun(query, m.tokens) }) {
			continue
		}
		for _, m := range group {
			if !containsRun(query, m.tokens) && !slices.ContainsFunc(out, func(o phrase) bool { return slices.Equal(o.tokens, m.tokens) }) {
				out = append(out, m)
			}
		}
	}
	return out
}

// containsRun reports whether run occurs in tokens as consecutive tokens.
func containsRun(tokens, run []string) bool {
	for i := 0; i+len(run) <= len(tokens); i++ {
		if slices.Equal(tokens[i:i+len(run)], run) {
			return true
		}
	}
	return false
}

func analyze(a analysis.Analyzer, text string) []string {
	var tokens []string
	for _, t := range a.Analyze([]byte(text)) {
		tokens = append(tokens, string(t.Term))
	}
	return tokens
}
