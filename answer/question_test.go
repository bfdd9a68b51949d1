package answer

import (
	"strings"
	"testing"

	"github.com/timelinebot/timelinebot/dateexpr"
	"github.com/timelinebot/timelinebot/index"
)

func TestUnderstand(t *testing.T) {
	tests := []struct {
		q          string
		kind       Kind
		words      string // content words, for kinds that search
		ref, other string
		next       bool
	}{
		{q: "When did Sessions endorse Trump?", kind: When, words: "Sessions endorse Trump"},
		{q: "what date was the confirmation hearing", kind: When, words: "confirmation hearing"},
		{q: "In which year did Sessions meet Kislyak?", kind: When, words: "Sessions meet Kislyak"},
		{q: "What happened on March 2, 2017?", kind: Range},
		{q: "anything in June 2017", kind: Range},
		{q: "What happened after the recusal?", kind: After, ref: "the recusal"},
		{q: "right after the nomination", kind: After, ref: "the nomination", next: true},
		{q: "What came just before the confirmation hearing?", kind: Before, ref: "the confirmation hearing", next: true},
		{q: "what happened prior to the endorsement", kind: Before, ref: "the endorsement"},
		{q: "What was the first event?", kind: First},
		{q: "the most recent entry", kind: Last},
		{q: "what's the latest entry in 2016", kind: Last},
		{q: "Who's Kislyak?", kind: WhoWhat, words: "Kislyak"},
		{q: "How many events happened in 2017?", kind: Count},
		{q: "how many entries mention Kislyak", kind: Count, words: "Kislyak"},
		{q: "How many days between the endorsement and the nomination?", kind: Duration, ref: "the endorsement", other: "the nomination"},
		{q: "How long after the recusal did Sessions offer to resign?", kind: Duration, ref: "the recusal", other: "Sessions offer to resign"},
		{q: "how long was it from the hearing to the recusal", kind: Duration, ref: "the hearing", other: "the recusal"},
		{q: "Who questioned Sessions at his confirmation hearing?", kind: WhoWhat, words: "questioned Sessions his confirmation hearing"},
		{q: "What did Spicer say?", kind: WhoWhat, words: "Spicer say"},
		{q: "Where did Sessions meet Kislyak in July 2016?", kind: WhoWhat, words: "Sessions meet Kislyak"},
		{q: "Which came first, the nomination or the Mayflower speech?", kind: First, ref: "the nomination", other: "the Mayflower speech"},
		{q: "which happened later: the recusal or the hearing", kind: Last, ref: "the recusal", other: "the hearing"},
		{q: "how many events came after the recusal", kind: Count, ref: "the recusal"},
		{q: "whats the oldest entry", kind: First},
		{q: "when'd Sessions recuse", kind: When, words: "Sessions recuse"},
		{q: "anything going on in June 2017", kind: Range},
		{q: "hey, can you tell me what happened in march 2016", kind: Range},
		{q: "do you know when trump nominated sessions?", kind: When, words: "trump nominated sessions"},
		{q: "kislyak meetings when?", kind: When, words: "kislyak meetings"},
		{q: "sessions recusal date", kind: When, words: "sessions recusal"},
		{q: "what went down on sept 8th 2016", kind: Range},
		{q: "what was the last thing that happened before July 2016", kind: Before, ref: "July 2016", next: true},
		{q: "the first event after the recusal", kind: After, ref: "the recusal", next: true},
		{q: "number of days from the hearing to the recusal", kind: Duration, ref: "the hearing", other: "the recusal"},
		{q: "days between the endorsement and the nomination", kind: Duration, ref: "the endorsement", other: "the nomination"},
		{q: "the very first entry", kind: First},
		{q: "how long after Lovell's crew was named did Apollo 13 lift off?", kind: Duration, ref: "Lovell's crew was named", other: "Apollo 13 lift off"},
		{q: `who said "that may have been a small one for Neil"`, kind: WhoWhat, words: "said may small Neil"},
		{q: "which event directly preceded the Mayflower Hotel address?", kind: Before, ref: "the Mayflower Hotel address", next: true},
		{q: "list everything that followed the endorsement", kind: After, ref: "the endorsement"},
		{q: "Of the travel ban tweets and the resignation offer, which happened first?", kind: First, ref: "the travel ban tweets", other: "the resignation offer"},
		{q: "how many days separate the Mayflower speech and the confirmation hearing", kind: Duration, ref: "the Mayflower speech", other: "the confirmation hearing"},
		{q: "what event closes out the timeline", kind: Last},
		{q: "give me the date Sessions announced he would recuse himself", kind: When},
		{q: "the Kislyak meeting in his office - what date was that?", kind: When},
		{q: "I'm curious what happened in early 2017", kind: Range},
		{q: "which entries fall in the third quarter of 2020", kind: Range},
		{q: "what happened in the first half of 2020", kind: Range}, // "first" is the date's
		{q: "what was the last thing in the first half of 2020", kind: Last},
		{q: "What is this timeline about?", kind: Summary},
		{q: "give me a summary", kind: Summary},
		{q: "what is the bridge about", kind: WhoWhat}, // a thing in it, not the timeline
		{q: "Kislyak", kind: Search, words: "Kislyak"},
		{q: "  travel   ban  ", kind: Search, words: "travel ban"},
	}
	for _, tt := range tests {
		t.Run(tt.q, func(t *testing.T) {
			in := understand(tt.q, dateexpr.Reader{})
			if in.kind != tt.kind {
				t.Fatalf("kind %q, want %q", in.kind, tt.kind)
			}
			if tt.words != "" && in.words != tt.words {
				t.Errorf("words %q, want %q", in.words, tt.words)
			}
			if in.ref != tt.ref || in.other != tt.other {
				t.Errorf("ref %q other %q, want %q %q", in.ref, in.other, tt.ref, tt.other)
			}
			if in.next != tt.next {
				t.Errorf("next %v, want %v", in.next, tt.next)
			}
		})
	}
}

func TestUnderstandQuoteQuestions(t *testing.T) {
	if in := understand("Who said 'This is a movement'?", dateexpr.Reader{}); !in.quoteBy {
		t.Error("a question about who said something should ask for the speaker")
	}
	if in := understand("What did Spicer say?", dateexpr.Reader{}); in.quoteBy {
		t.Error("a question about what someone said should not ask for the speaker")
	}
}

func TestUnderstandDetails(t *testing.T) {
	if in := understand(`who said "that may have been a small one"`, dateexpr.Reader{}); len(in.dates) != 0 {
		t.Errorf("a quotation's words were read as dates: %+v", in.dates)
	}
	if in := understand("how many entries came before the nomination?", dateexpr.Reader{}); in.relative != Before {
		t.Errorf("relative %q, want before", in.relative)
	}
	if in := understand("What did Spicr say when asked about confidence?", dateexpr.Reader{}); in.speaker != "Spicr" {
		t.Errorf("speaker %q, want Spicr", in.speaker)
	}
	if in := understand("which came first, A or B", dateexpr.Reader{}); !in.compare {
		t.Error("a which-first question should compare two events")
	}
}

func TestWithinOneEdit(t *testing.T) {
	for _, c := range []struct {
		a, b string
		want bool
	}{
		{"spicer", "spicer", true}, {"spicr", "spicer", true}, {"spicer", "spicr", true}, {"spycer", "spicer", true},
		{"spcr", "spicer", false}, {"sean", "jeff", false}, {"", "a", true}, {"ab", "ba", false},
	} {
		if got := index.WithinOneEdit(c.a, c.b); got != c.want {
			t.Errorf("withinOneEdit(%q, %q) = %v", c.a, c.b, got)
		}
	}
}

func FuzzUnderstand(f *testing.F) {
	for _, q := range []string{"When did Sessions endorse Trump?", "How many days between the endorsement and the nomination?",
		"what happened right after the recusal", "How long after the recusal did Sessions offer to resign?", "who said “this is a movement”"} {
		f.Add(q)
	}
	f.Fuzz(func(t *testing.T, q string) {
		in := understand(q, dateexpr.Reader{})
		if in.kind == "" {
			t.Errorf("understand(%q) has no kind", q)
		}
	})
}

// A question thousands of characters long is cut before it is read, so
// its cost is bounded by the cut, not by the question.
func TestUnderstandLongQuestion(t *testing.T) {
	q := strings.Repeat("how long after the recusal between 2016 and 2017 ", 220)
	in := understand(q, dateexpr.Reader{})
	if len(in.words)+len(in.ref)+len(in.other) > 4*MaxQuestionLength {
		t.Errorf("understand kept %d bytes of a %d-byte question, want at most %d", len(in.words)+len(in.ref)+len(in.other), len(q), 4*MaxQuestionLength)
	}
}
