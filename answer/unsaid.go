package answer

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"unicode"

	"github.com/timelinebot/timelinebot/index"
)

// unsaid is the answer to a question the timeline cannot answer because
// it never mentions something the question depends on: "When did Sessions
// meet Putin?" on a timeline without Putin. It travels as an error from
// where it is found (the words of the question, or of an event it is
// placed by) and becomes an answer with no events.
type unsaid struct {
	missing []string // the words, as typed, that nothing matches
	// nearest is the entry that matches the rest of the words best, if
	// any: what the timeline has instead.
	nearest *Found
}

func (u *unsaid) Error() string { return u.text() }

// text says what the timeline lacks, and what it has nearest.
func (u *unsaid) text() string {
	var names, words []string
	for _, m := range u.missing {
		if startsUpper(m) {
			names = append(names, m)
		} else {
			words = append(words, "“"+m+"”")
		}
	}
	var s string
	switch {
	case len(names) > 0:
		s = fmt.Sprintf("The timeline doesn't mention %s.", orList(append(names, words...)))
	default:
		s = fmt.Sprintf("The timeline doesn't say that: nothing in it matches %s.", orList(words))
	}
	if u.nearest != nil {
		s += fmt.Sprintf(" The nearest it has: %s, %s.", u.nearest.Event.DatesHuman(), u.nearest.Title)
	}
	return s
}

func orList(items []string) string {
	switch len(items) {
	case 0:
		return ""
	case 1:
		return items[0]
	}
	return strings.Join(items[:len(items)-1], ", ") + " or " + items[len(items)-1]
}

// light are words that shape a question without carrying what it asks:
// a question is not unanswerable because the timeline lacks "ever" or
// "still". Adverbs in -ly ("formally", "really") are light too.
var light = wordSet(`ever still get gets got getting also even already yet again really actually
	anyway maybe perhaps likely just only much more less most least some any each every own
	else other another same such quite rather pretty kind sort lot lots bit way
	can could would should will shall might must may need needs
	say said tell told know knew think thought wonder
	he she they them him her his hers their theirs we us our you your i me my it its
	who whom whose what when where why how which
	thing things stuff someone somebody something anyone anybody anything one ones
	yes no not nope yeah`)

// weigh reads the words of a question against the timeline. missing are
// the words the timeline has nothing for and that the question depends
// on: a name, or the verb that says what happened ("fired", "leave", "go
// bankrupt"). Other words it lacks may be the question's own way of saying
// what the timeline words otherwise ("an official spot" for a position),
// and stay in kept, to be searched; light words ("still", "get") stay only
// where the timeline has them, so a slip of one does not match.
func (e *Engine) weigh(question, words string) (kept string, missing []string) {
	var keep []string
	for _, w := range e.finder.Words(words) {
		lw := strings.ToLower(w.Typed)
		if light[lw] || strings.HasSuffix(lw, "ly") && len(lw) > 4 {
			if w.Presence == index.Present {
				keep = append(keep, w.Typed)
			}
			continue
		}
		keep = append(keep, w.Typed)
		if w.Presence == index.Present {
			continue
		}
		name := startsUpper(w.Typed)
		switch {
		case name && w.Presence == index.Absent && !circumstance(question, w.Typed):
			missing = append(missing, w.Typed)
		case !name && slices.Contains(predicates(question), lw):
			// A short verb one slip from a word of the timeline is
			// more likely another verb than a slip ("leave", "lead").
			if w.Presence == index.Absent || w.Short {
				missing = append(missing, w.Typed)
			}
		}
	}
	return strings.Join(keep, " "), missing
}

// circumstance reports whether a name stands in a phrase of place or
// means after a preposition ("on Twitter", "in Moscow"): the question is
// about what happened, and the timeline may tell it without the name.
func circumstance(question, name string) bool {
	toks := strings.Fields(question)
	for i, t := range toks {
		if i > 0 && strings.Trim(t, ",.?!;:") == name && adjuncts[strings.ToLower(toks[i-1])] {
			return true
		}
	}
	return false
}

var adjuncts = wordSet(`on in at via through over across during from into onto`)

// Word classes the predicate reader needs: what opens a clause's verb,
// what may stand before its subject, and verbs whose complement is the
// predicate ("go bankrupt", "become chair").
var (
	doAux        = wordSet(`did does do didn't doesn't don't will would can could should to`)
	beAux        = wordSet(`was were is are been be being got get gets`)
	determiners  = wordSet(`the a an his her its their this that these those our your my some any`)
	pronouns     = wordSet(`he she they it we you i`)
	lightVerbs   = wordSet(`go goes went gone become became get got come came`)
	particles    = wordSet(`out up off down in on back away over into`)
	clauseBreaks = wordSet(`when while because after before since if and but that than as by in on at for from with to of during`)
)

// predicates are the words of a question (lower case) that say what
// happened: after "did" or "will", the word after the subject ("did the
// bridge collapse", "did Kislyak leave"), or the one after a light verb
// there ("did the firm go bankrupt"); after "was" or "were", the
// participle that ends the clause ("was Sessions fired").
func predicates(question string) []string {
	toks := strings.FieldsFunc(question, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '\'' && r != '’'
	})
	var out []string
	for a, tok := range toks {
		aux := strings.ToLower(tok)
		switch {
		case doAux[aux]:
			// The subject: determiners, pronouns and names.
			j := a + 1
			skippedDet := false
		subject:
			for ; j < len(toks); j++ {
				w := strings.ToLower(toks[j])
				switch {
				case determiners[w]:
					skippedDet = true
				case pronouns[w], startsUpper(toks[j]):
				default:
					break subject
				}
			}
			if skippedDet && j < len(toks) && !startsUpper(toks[j]) {
				j++ // "the bridge"
			}
			if j >= len(toks) {
				continue
			}
			verb := strings.ToLower(toks[j])
			out = append(out, verb)
			if lightVerbs[verb] && j+1 < len(toks) && !particles[strings.ToLower(toks[j+1])] {
				out = append(out, strings.ToLower(toks[j+1]))
			}
		case beAux[aux]:
			// The clause's last word, when it is a participle.
			end := a + 1
			for end < len(toks) && !clauseBreaks[strings.ToLower(toks[end])] {
				end++
			}
			if end-1 > a {
				w := strings.ToLower(toks[end-1])
				if strings.HasSuffix(w, "ed") || strings.HasSuffix(w, "en") {
					out = append(out, w)
				}
			}
		}
	}
	return out
}

// unsaidFor is the unsaid answer for words with missing ones, with the
// entry that best matches the words that are there.
func (e *Engine) unsaidFor(ctx context.Context, words string, missing []string) error {
	u := &unsaid{missing: missing}
	rest := words
	for _, m := range missing {
		rest = strings.Replace(rest, m, " ", 1)
	}
	if hits, err := e.search(ctx, rest, nil); err == nil && len(hits) > 0 {
		f := found(hits[0])
		u.nearest = &f
	}
	return u
}
