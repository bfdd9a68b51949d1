package answer

import (
	"regexp"
	"strings"
)

// rule reads one shape of question into an intent and reports whether
// the question had that shape.
type rule struct {
	name string
	read func(q string, in *intent) bool
}

// rules are tried in order; the first that reads a question decides what
// it asks. More particular shapes come first: "how many days between X
// and Y" is a duration before it is a count, a count before it is a
// keyword search. The last rule reads anything.
var rules = []rule{
	{"follow-up", readFollowUp},
	{"later", readLater},
	{"summary", readSummary},
	{"which first", readWhichFirst},
	{"duration between", readDurationBetween},
	{"duration after", readDurationAfter},
	{"duration since", readDurationSince},
	{"window", readWindowRule},
	{"between", readBetweenRule},
	{"count", readCount},
	{"when", readWhen},
	{"before or after", readRelative},
	{"about", readAbout},
}

// readFollowUp reads "what happened next?", "and before that?": the event
// followed up, or the one right after it.
func readFollowUp(q string, in *intent) bool {
	m := followNext.FindStringSubmatch(q)
	if m == nil {
		return false
	}
	// "next" and "then" ask for the one event after; "after that" and
	// "before that" for all of them.
	word := strings.ToLower(m[1])
	in.kind, in.ref, in.next = After, "that", word == "next" || word == "then"
	switch word {
	case "before", "earlier", "previously", "before that":
		in.kind = Before
	}
	return true
}

// readLater reads "how many days later did he resign?", from the event
// followed up.
func readLater(q string, in *intent) bool {
	m := durationLater.FindStringSubmatch(q)
	if m == nil {
		return false
	}
	in.kind, in.ref, in.other, in.direction = Duration, "that", m[3], After
	if w := strings.ToLower(m[2]); w == "earlier" || w == "before" {
		in.direction = Before
	}
	in.unit = unitOf(m[1])
	return true
}

// readSummary reads "what is this timeline about?", "summarize".
func readSummary(q string, in *intent) bool {
	if !summaryQuestion.MatchString(q) {
		return false
	}
	in.kind = Summary
	return true
}

// readWhichFirst reads "which came first, X or Y?" and "of X and Y, which
// happened later?".
func readWhichFirst(q string, in *intent) bool {
	if m := whichFirst.FindStringSubmatch(q); m != nil {
		in.kind, in.compare, in.ref, in.other = orderWord(m[1]), true, m[2], m[3]
		return true
	}
	if m := ofWhichFirst.FindStringSubmatch(q); m != nil {
		in.kind, in.compare, in.ref, in.other = orderWord(m[3]), true, m[1], m[2]
		return true
	}
	return false
}

// readDurationBetween reads how long passed between two events or dates:
// "how many days separate X and Y", "how many days between X and Y", "how
// long was it from X to Y", "how far apart were X and Y".
func readDurationBetween(q string, in *intent) bool {
	if m := durationSeparate.FindStringSubmatch(q); m != nil {
		in.kind, in.unit, in.ref, in.other = Duration, strings.ToLower(m[1]), m[2], m[3]
		return true
	}
	if m := durationBetween.FindStringSubmatch(q); m != nil {
		in.kind, in.unit, in.ref, in.other = Duration, strings.ToLower(m[1]), m[2], m[3]
		return true
	}
	for _, re := range []*regexp.Regexp{durationLong, durationApart} {
		if m := re.FindStringSubmatch(q); m != nil {
			in.kind, in.ref, in.other = Duration, m[1], m[2]
			return true
		}
	}
	return false
}

// readDurationAfter reads "how long after X did Y?", which presumes Y came
// after X.
func readDurationAfter(q string, in *intent) bool {
	m := durationAfterDid.FindStringSubmatch(q)
	if m == nil {
		m = durationAfter.FindStringSubmatch(q)
	}
	if m == nil {
		return false
	}
	in.kind, in.ref, in.other, in.direction = Duration, m[3], m[4], After
	if strings.EqualFold(m[2], "before") {
		in.direction = Before
	}
	in.unit = unitOf(m[1])
	return true
}

// readDurationSince reads "how many days since X?" and "how long ago was
// X?": from then to today.
func readDurationSince(q string, in *intent) bool {
	if m := durationSince.FindStringSubmatch(q); m != nil {
		in.kind, in.ref, in.unit = Duration, m[2], unitOf(m[1])
		return true
	}
	if m := durationAgo.FindStringSubmatch(q); m != nil {
		in.kind, in.ref = Duration, m[1]
		return true
	}
	return false
}

// unitOf is the unit of "how many weeks": "weeks"; "" for "how long".
func unitOf(howMuch string) string {
	if f := strings.Fields(strings.ToLower(howMuch)); len(f) == 2 && f[0] == "many" {
		return f[1]
	}
	return ""
}

// readWindowRule reads a placement around an anchor: "the day after X",
// "less than a week after X", "how many events in the month before X".
func readWindowRule(q string, in *intent) bool {
	w := readWindow(q)
	if w == nil {
		return false
	}
	in.kind, in.window = Range, w
	if countQuestion.MatchString(q) {
		in.kind = Count
	}
	return true
}

// readBetweenRule reads the events between two others: "between X and
// Y", "after X but before Y".
func readBetweenRule(q string, in *intent) bool {
	from, to, ok := readBetween(q, in.dates)
	if !ok {
		return false
	}
	in.kind, in.relative, in.ref, in.other = Range, Range, from, to
	if countQuestion.MatchString(q) {
		in.kind = Count
	}
	return true
}

// readCount reads "how many ...": before or after a reference, or about
// words, in the dates given.
func readCount(q string, in *intent) bool {
	if !countQuestion.MatchString(q) {
		return false
	}
	in.kind = Count
	if m := relative.FindStringSubmatch(q); m != nil && contentWords(m[1], nil) == "" {
		in.relative, in.ref, in.since = After, m[4], strings.EqualFold(m[3], "since")
		if isBefore(m[3]) {
			in.relative = Before
		}
		return true
	}
	in.words = contentWords(q, in.dates)
	return true
}

// readWhen reads when something happened: "when did ...", "what year
// ...", "give me the date ...", "kislyak meetings when?".
func readWhen(q string, in *intent) bool {
	if !whenQuestion.MatchString(q) && !whenAsked.MatchString(q) && !(whenLast.MatchString(q) && !whoWhat.MatchString(q)) {
		return false
	}
	in.kind = When
	in.words = contentWords(q, in.dates)
	if m := didSay.FindStringSubmatch(q); m != nil {
		in.speaker = m[1] // "when did X say ...": what X said
	}
	return true
}

// readRelative reads what happened before or after a reference: "what
// happened after X", "right before X", "the first event after X".
func readRelative(q string, in *intent) bool {
	m := relative.FindStringSubmatch(q)
	if m == nil || contentWords(m[1], nil) != "" {
		return false
	}
	in.kind = After
	if isBefore(m[3]) {
		in.kind = Before
	}
	in.ref = m[4]
	in.since = strings.EqualFold(m[3], "since")
	in.next = m[2] != "" || nextish.MatchString(m[1])
	// "the last thing before July 2016" is the one right before it, and
	// so is "the first event after the recusal" right after.
	switch {
	case in.kind == Before && lastish.MatchString(m[1]):
		in.next, in.ordinal = true, Last
	case in.kind == After && firstish.MatchString(m[1]):
		in.next, in.ordinal = true, First
	}
	return true
}

// readAbout reads the rest: the first or last event, what happened in the
// dates given, a who/what/where/why or yes/no question, or keywords.
func readAbout(q string, in *intent) bool {
	in.words = contentWords(q, in.dates)
	// "what event closes out the timeline": the words that ask for the
	// first or last are not what it is about. Inside a date ("the first
	// half of 2022") they are the date's.
	undated := blankDates(q, in.dates)
	firstWords := contentWords(firstish.ReplaceAllStringFunc(undated, blank), nil)
	lastWords := contentWords(lastish.ReplaceAllStringFunc(undated, blank), nil)
	switch {
	case asksNothing(firstWords) && firstish.MatchString(undated) && !lastish.MatchString(undated):
		in.kind = First
	case asksNothing(lastWords) && lastish.MatchString(undated):
		in.kind = Last
	case asksNothing(in.words) && len(in.dates) > 0:
		in.kind = Range // on_date or range, once the dates are resolved
	case whoWhat.MatchString(q):
		in.kind = WhoWhat
		in.question = strings.Fields(q)[0]
		in.yesNo = yesNoAux[strings.ToLower(in.question)]
		if m := whoIs.FindStringSubmatch(q); m != nil {
			in.who = m[1]
		}
		in.quoteBy = whoSaid.MatchString(q)
		if m := whatDidSay.FindStringSubmatch(q); m != nil {
			in.speaker = m[1]
		}
		if firstish.MatchString(q) {
			in.ordinal = First
		} else if lastish.MatchString(q) {
			in.ordinal = Last
		}
	default:
		in.kind = Search
		in.words = q
	}
	return true
}
