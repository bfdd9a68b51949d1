package answer

import (
	"regexp"
	"strings"
	"unicode"

	"github.com/timelinebot/timelinebot/dateexpr"
)

// intent is what a question asks, read from its words alone, before any
// lookup: the kind of answer, the words that name what it is about, and
// the dates it mentions.
type intent struct {
	kind Kind
	// words name the events asked about, with the question's scaffolding
	// ("what happened", "when did") and its dates taken out.
	words string
	// ref is the event or date a relative or duration question measures
	// from; other is the second one of a duration question.
	ref, other string
	// next keeps only the nearest event before or after ref.
	next bool
	// dates are the date expressions found in the words.
	dates []dateexpr.Match
	// unit is the unit a duration question asked in: "days", "weeks", ...
	unit string
	// quoteBy asks who said something rather than what happened.
	quoteBy bool
	// ordinal asks for the first or last of the events the words match.
	ordinal Kind
	// compare asks which of two events, ref and other, came first (kind
	// First) or last (kind Last).
	compare bool
	// relative, on a count question, counts the events before or after
	// ref: "how many events came after the recusal?"
	relative Kind
	// speaker is who a "what did X say" question asks about.
	speaker string
	// since starts an after question at a date rather than after it:
	// "since 2017" counts 2017.
	since bool
	// direction is the order a duration question presumes: "how long
	// after X did Y" has After.
	direction Kind
	// question is the question word of a who/what question: "where".
	question string
	// window places the events asked about around an anchor: "the day
	// after X", "less than a week after X", "the same month as X".
	window *window
	// nth picks one date of an event told with several: "the second
	// time" is 2, "the last time" -1.
	nth int
	// text is the question as read, its opening words taken off.
	text string
	// rule names the rule that read the question, for tests and logs.
	rule string
	// who is whom a "who is" question asks about: "Sergey Kislyak".
	who string
	// yesNo is set for a question answered yes or no: "Did Sessions ever
	// meet Kislyak?"
	yesNo bool
}

var (
	// "How many days between the nomination and the hearing?", "number of
	// days from the hearing to the recusal", "days between X and Y".
	durationBetween = regexp.MustCompile(`(?i)^(?:how (?:many|much) |(?:the )?number of )?(days|weeks|months|years|time)\b.*?\b(?:between|from) (.+?) (?:and|to|until|till|through) (.+)$`)
	// "How long was it between the recusal and the offer to resign?"
	durationLong = regexp.MustCompile(`(?i)^how long (?:was it |is it |did it take |passed |went by |elapsed |was the gap |is the gap |was the time |of a gap (?:is there |was there )?)?(?:between|from) (.+?) (?:and|to|until|till) (.+)$`)
	// "How far apart were the hearing and the recusal?"
	durationApart = regexp.MustCompile(`(?i)^how far apart (?:were|are|was|is) (.+?) and (.+?)(?: in (?:days|time))?$`)
	// "How many days since the recusal?", "how long ago was the hearing?":
	// from then to today.
	durationSince = regexp.MustCompile(`(?i)^how (long|many days|many weeks|many months|many years|much time) (?:has it been |is it |was it |have passed |has passed )?since (.+)$`)
	durationAgo   = regexp.MustCompile(`(?i)^how long ago (?:was|were|did|is) (.+)$`)
	// "How long after the recusal did Sessions offer to resign?"
	// The main clause starts at "did" where there is one: in "how long
	// after Lovell's crew was named did Apollo 13 lift off", "was named"
	// belongs to the first event.
	durationAfterDid = regexp.MustCompile(`(?i)^how (long|many days|many weeks|many months|many years|much time) (after|before|since|following) (.+?) (?:did|does|do) (.+)$`)
	durationAfter    = regexp.MustCompile(`(?i)^how (long|many days|many weeks|many months|many years|much time) (after|before|since|following) (.+?) (?:was|were|had|has|is|came|come|would|could) (.+)$`)
	// "Which came first, the nomination or the Mayflower speech?"
	whichFirst = regexp.MustCompile(`(?i)^(?:which|what)(?: one| event| thing| entry)? (?:came|happened|was|occurred|took place|is) ?(first|earlier|sooner|earliest|last|later|latest|second|more recently|most recently)[,:;]? (?:between )?(.+?),? or (.+)$`)
	// "What did Spicer say?": the speaker of the quote asked for.
	// "When did Trump say Sessions could have answered more accurately?"
	// Only the question words ignore case: the speaker is a name.
	didSay         = regexp.MustCompile(`^(?i:when|where|why|how) (?i:did) (\p{Lu}\S*(?: \p{Lu}\S*)*) (?i:say|tell|tweet|write|post|claim|state|declare|announce|insist|argue|admit|deny|warn|promise)\b`)
	whatDidSay     = regexp.MustCompile(`(?i)^what did (.+?) (?:say|tweet|tell|write|post|claim|state|answer|reply|respond)\b`)
	contractionIs  = regexp.MustCompile(`(?i)^(what|when|where|who|how|why)(?:'s|’s|s)\b`)
	contractionDid = regexp.MustCompile(`(?i)^(what|when|where|who|how|why)(?:'d|’d)\b`)
	countQuestion  = regexp.MustCompile(`(?i)^(?:how many|what is the number of|number of|count)\b`)
	whenQuestion   = regexp.MustCompile(`(?i)^(?:when|what (?:day|date|year|month|time)|on what (?:day|date)|on which (?:day|date)|which (?:day|date|year|month)|in what (?:year|month)|in which (?:year|month)|since when)\b`)
	// "What happened after the recusal?", "right before the nomination".
	relative = regexp.MustCompile(`(?i)^(.*?)\b(?:(right|just|immediately|directly|shortly|soon) )?(after|since|following|followed|follows|came after|before|prior to|until|leading up to|preceding|preceded|precedes|came before|ahead of) (.+)$`)
	whoWhat  = regexp.MustCompile(`(?i)^(?:who|whom|whose|what|where|why|which|how|did|does|do|was|were|is|are|has|had|tell me|describe|explain|show me)\b`)
	whoSaid  = regexp.MustCompile(`(?i)^who (?:said|says|wrote|tweeted|stated|told|declared|called)\b`)
	firstish = regexp.MustCompile(`(?i)\b(?:first|earliest|oldest|opening|beginning|start|opens|kicks off|kicked off)\b`)
	lastish  = regexp.MustCompile(`(?i)\b(?:last|latest|most recent|final|newest|recent|end|ends|closes out|closes|wraps up|concludes)\b`)
	// "Of the travel ban tweets and the resignation offer, which came
	// first?"
	ofWhichFirst = regexp.MustCompile(`(?i)^(?:of|between) (.+?),? and (.+?),? (?:which|what)(?: one| event| thing| entry)? (?:came|happened|was|occurred|took place|is) ?(first|earlier|sooner|earliest|last|later|latest|second|more recently|most recently)$`)
	// "How many days separate the speech and the hearing?"
	durationSeparate = regexp.MustCompile(`(?i)^how (?:many (days|weeks|months|years)|much time|long) (?:separates?|separated|lies? between|lay between|divides?) (.+?) (?:and|from) (.+)$`)
	nextish          = regexp.MustCompile(`(?i)\b(?:next|immediately|right|just|directly|soon)\b`)
)

// yesNoAux open questions answered yes or no.
var yesNoAux = wordSet(`did does do was were is are has have had will would could can`)

// summaryQuestion asks what the timeline is about as a whole.
var summaryQuestion = regexp.MustCompile(`(?i)^(?:what (?:is|are) (?:this|the|these|you)(?: timeline| story| chronology| thing| bot)?(?: all)? about|what (?:does|do) (?:this|the) (?:timeline|story|chronology) cover|summari[sz]e(?: it| this| the timeline| the story| everything)?|(?:give me |show me )?(?:a |an )?(?:summary|overview|tl;?dr|recap)(?: of (?:the|this) (?:timeline|story))?|what can you tell me about|what do you know)$`)

var (
	// What people say before the question itself: "hey, can you tell me
	// what happened in March 2016", "do you know when ...".
	preamble = regexp.MustCompile(`(?i)^(?:(?:hey|hi|hello|ok|okay|so|and|yo|um|well|please)(?:\s+(?:bot|timelinebot|there|you|all|folks))?\b[,!.]?\s*)*(?:i'?m curious(?: about)?\b[,:]?\s*|i am curious(?: about)?\b[,:]?\s*|just wondering\b[,:]?\s*|(?:can|could|would|will) you (?:please )?(?:tell|show|give|let) (?:me|us)(?: know)?\b[,:]?\s*|(?:do|does) (?:you|anyone) know\b[,:]?\s*|i(?:'d| would) like to know\b\s*|i (?:want|wanna) to know\b\s*|i (?:wonder|was wondering)\b\s*|please\b\s*)?`)
	// "what went down on Sept. 8" is "what happened on Sept. 8".
	wentDown = regexp.MustCompile(`(?i)\b(?:went|goes|go|going|gone) down\b`)
	// "kislyak meetings when?", "sessions recusal date": the question
	// word comes last.
	whenLast = regexp.MustCompile(`(?i)\b(?:when|what date|which date|what day|date|day|(?:what|which) (?:date|day|year|month) (?:was|is) (?:that|it|this))$`)
	// "give me the date Sessions recused", "tell me the day ...".
	whenAsked = regexp.MustCompile(`(?i)^(?:give|tell|show|find) (?:me |us )?(?:the )?(?:date|day|year|month|dates)\b`)
)

// scaffolding are words that shape a question without naming what it is
// about: "what happened in 2016", "tell me about the events".
var scaffolding = wordSet(`what when who whom whose where why which how did does do done was were is are be been being
	happen happened happens happening occur occurred occurs take took place go went come came
	event events thing things entry entries item items anything something everything stuff
	tell me us about the a an there any on in at of to for from by please timeline time times date dates day days
	year years month months many much number count list show give all whole entire
	first earliest oldest opening beginning start last latest most recent final newest end next
	right just immediately directly shortly soon then after before since following prior until
	that this these those it its has have had ever so far yet up
	mention mentions mentioned mentioning involve involves involved involving include includes included including
	feature features featured concern concerns concerning regarding
	going goes gone during total overall altogether recorded listed and or between one ones
	very really exactly actually precisely like whole else kick kicked kicks off began begin started starting`)

func wordSet(s string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(s) {
		m[w] = true
	}
	return m
}

// understand reads a question. It does no lookups, so it is cheap and can
// be tested on its own: the question is put in a plain form, its dates
// are found, and the first rule of the table that reads it says what it
// asks.
func understand(q string, dates dateexpr.Reader) intent {
	q = strings.TrimRightFunc(clean(q), func(r rune) bool { return r == '?' || r == '!' || r == '.' || unicode.IsSpace(r) })
	// "what's", "whats" and "when'd" open questions as "what is" and
	// "when did" do.
	q = preamble.ReplaceAllString(q, "")
	q = contractionIs.ReplaceAllString(q, "$1 is")
	q = contractionDid.ReplaceAllString(q, "$1 did")
	q = wentDown.ReplaceAllString(q, "happened")
	in := intent{dates: dates.Find(unquoted(q)), text: q, nth: nthOf(q)}
	for _, r := range rules {
		if r.read(q, &in) {
			in.rule = r.name
			return in
		}
	}
	panic("unreachable: the last rule reads every question")
}

// cue is what the sentence answering a who/what question should hold:
// a place for where, a reason for why; nil for the others.
func (in intent) cue() *regexp.Regexp {
	switch strings.ToLower(in.question) {
	case "where":
		return placeCue
	case "why":
		return reasonCue
	}
	return nil
}

func isBefore(word string) bool {
	switch strings.ToLower(word) {
	case "before", "prior to", "until", "leading up to", "preceding", "preceded", "precedes", "came before", "ahead of":
		return true
	}
	return false
}

// orderWord is the kind a comparison asks for: "first", "earlier" ask
// for the first; "last", "later" for the last.
func orderWord(w string) Kind {
	switch strings.ToLower(w) {
	case "last", "later", "latest", "second", "more recently", "most recently":
		return Last
	}
	return First
}

// blankDates is text with its dates blanked out, byte for byte.
func blankDates(text string, dates []dateexpr.Match) string {
	b := []byte(text)
	for _, d := range dates {
		if d.Start >= 0 && d.End <= len(b) && d.Start <= d.End {
			copy(b[d.Start:d.End], blank(text[d.Start:d.End]))
		}
	}
	return string(b)
}

// blank is s as spaces, byte for byte, so offsets into the text hold.
func blank(s string) string { return strings.Repeat(" ", len(s)) }

// contentWords is the text with the question's scaffolding and its dates
// removed: the words that say what the question is about.
func contentWords(text string, dates []dateexpr.Match) string {
	var b strings.Builder
	last := 0
	for _, d := range dates {
		if d.Start < last || d.End > len(text) {
			continue // offsets of another text
		}
		b.WriteString(text[last:d.Start])
		b.WriteByte(' ')
		last = d.End
	}
	b.WriteString(text[last:])
	var kept []string
	for _, w := range strings.FieldsFunc(b.String(), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '\'' && r != '’' && r != '-' && r != '.'
	}) {
		w = strings.Trim(w, "'’-.")
		if w != "" && !scaffolding[strings.ToLower(w)] && !scaffolding[contracted(strings.ToLower(w))] {
			kept = append(kept, w)
		}
	}
	return strings.Join(kept, " ")
}

// contracted is the first word of a contraction: "what's" is "what",
// "where'd" is "where". Other words are returned as they are.
func contracted(w string) string {
	for _, suffix := range []string{"'s", "’s", "'re", "’re", "'d", "’d", "'ve", "’ve", "'ll", "’ll"} {
		if base, ok := strings.CutSuffix(w, suffix); ok {
			return base
		}
	}
	return w
}

// quoted are the spans of a question in quotation marks: "who said 'that
// may have been a small one'" quotes words, and "may" there is no month.
var quoted = regexp.MustCompile(`"[^"]*"|“[^”]*”|‘[^’]*’|(?:^|\s)'[^']*'(?:$|[\s?!.,])`)

// unquoted is q with its quotations blanked out, byte for byte, so the
// offsets of what remains still point into q.
func unquoted(q string) string {
	return quoted.ReplaceAllStringFunc(q, blank)
}
