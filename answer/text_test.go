package answer

import (
	"strings"
	"testing"

	"github.com/timelinebot/timelinebot/index"
)

func TestSentenceSpans(t *testing.T) {
	tests := []struct {
		text string
		want []string
	}{
		{"One. Two! Three?", []string{"One.", "Two!", "Three?"}},
		{"Sessions was questioned by Sen. Al Franken (D-Minnesota) about it. Then more.",
			[]string{"Sessions was questioned by Sen. Al Franken (D-Minnesota) about it.", "Then more."}},
		{"He met in Washington, D.C., with staff. The Justice Dept. should act.",
			[]string{"He met in Washington, D.C., with staff.", "The Justice Dept. should act."}},
		{"“Sen. Franken, I’m not aware of any of those activities,” Sessions said. “I have been called a surrogate.”",
			[]string{"“Sen. Franken, I’m not aware of any of those activities,” Sessions said.", "“I have been called a surrogate.”"}},
		{"First paragraph without a stop\n\nSecond — Donald J. Trump (@realDonaldTrump) June 5, 2017",
			[]string{"First paragraph without a stop", "Second — Donald J. Trump (@realDonaldTrump) June 5, 2017"}},
		{"submitted to S.C.\n\n— Donald", []string{"submitted to S.C.", "— Donald"}},
		{"", nil},
	}
	for _, tt := range tests {
		var got []string
		for _, s := range sentenceSpans(tt.text) {
			got = append(got, tt.text[s[0]:s[1]])
		}
		if strings.Join(got, "|") != strings.Join(tt.want, "|") {
			t.Errorf("sentences of %q:\n got %q\nwant %q", tt.text, got, tt.want)
		}
	}
}

func TestBestSentence(t *testing.T) {
	text := "Alpha beta. Gamma delta gamma gamma. Epsilon."
	at := func(word string, n int) index.Match {
		i := -1
		for ; n > 0; n-- {
			i += 1 + strings.Index(text[i+1:], word)
		}
		return index.Match{Field: index.FieldText, Start: i, End: i + len(word)}
	}
	if got := bestSentence(text, []index.Match{at("gamma", 1), at("gamma", 2), at("gamma", 3), at("Alpha", 1), at("beta", 1)}); got != "Alpha beta." {
		// two of the question's words say more than one of them thrice
		t.Errorf("bestSentence = %q", got)
	}
	if got := bestSentence(text, nil); got != "Alpha beta." {
		t.Errorf("with no matches, bestSentence = %q, want the first", got)
	}
	// Matches in other fields do not count for the text.
	title := index.Match{Field: index.FieldTitle, Start: 30, End: 37}
	if got := bestSentence(text, []index.Match{title, at("beta", 1)}); got != "Alpha beta." {
		t.Errorf("bestSentence = %q", got)
	}
}

func TestMark(t *testing.T) {
	if got := Mark("travel ban order", [][2]int{{0, 6}, {7, 10}}, "**", "**"); got != "**travel** **ban** order" {
		t.Errorf("Mark = %q", got)
	}
	if got := Mark("abc", [][2]int{{1, 9}, {0, 1}}, "[", "]"); got != "abc" && got != "[a]bc" {
		t.Errorf("Mark with bad ranges = %q", got)
	}
}

func TestDescribeDays(t *testing.T) {
	tests := []struct {
		days int
		unit string
		want string
	}{
		{1, "", "1 day"},
		{51, "", "51 days (7 weeks and 2 days)"},
		{96, "", "96 days (about 3 months)"},
		{264, "", "264 days (about 9 months)"},
		{264, "weeks", "37 weeks and 5 days (264 days)"},
		{800, "", "800 days (about 2.2 years)"},
		{4, "weeks", "4 days"}, // not "0 weeks and 4 days"
		{10, "months", "10 days"},
	}
	for _, tt := range tests {
		if got := describeDays(tt.days, tt.unit); got != tt.want {
			t.Errorf("describeDays(%d, %q) = %q, want %q", tt.days, tt.unit, got, tt.want)
		}
	}
}

func TestAnsweringSentence(t *testing.T) {
	text := "Sessions met Kislyak twice. The first came at the Heritage Foundation event. Later, Sessions met staff in Sessions’ office."
	at := func(word string) index.Match {
		i := strings.Index(text, word)
		return index.Match{Field: index.FieldText, Start: i, End: i + len(word)}
	}
	matches := []index.Match{at("Sessions"), at("met"), at("Kislyak")}
	if got := answeringSentence(text, matches, nil); got != "Sessions met Kislyak twice." {
		t.Errorf("no cue: %q", got)
	}
	// The best sentence names no place; the next one does.
	if got := answeringSentence(text, matches, placeCue); got != "Sessions met Kislyak twice. The first came at the Heritage Foundation event." {
		t.Errorf("where: %q", got)
	}
	for s, want := range map[string]bool{
		"at the Mayflower Hotel": true, "in Washington, D.C.": true, "in Alabama.": true,
		"in Sessions’ recusal": false, "in the presidential election": false, "to Russian interference": false,
	} {
		if placeCue.MatchString(s) != want {
			t.Errorf("placeCue(%q) = %v", s, !want)
		}
	}
	for s, want := range map[string]bool{
		"As pressure built over his meetings, he stepped aside.": true, "He resigned because of it.": true, "He met them twice.": false,
	} {
		if reasonCue.MatchString(s) != want {
			t.Errorf("reasonCue(%q) = %v", s, !want)
		}
	}
}
