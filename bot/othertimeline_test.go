package bot

import (
	"context"
	"log/slog"
	"strings"
	"testing"

	"github.com/bwmarrin/discordgo"

	"github.com/timelinebot/timelinebot/answer"
	"github.com/timelinebot/timelinebot/data"
)

// A made-up timeline, with its author's own example questions.
const quarryTimeline = `{
  "title": "The Hollins quarry dispute",
  "source": {"name": "Valley Courier", "published": "1988-11-02"},
  "examples": ["when did the council vote on the quarry?", "how many hearings were there?"],
  "events": [
    {"id": "permit", "dates": ["1986-04-14"], "title": "Quarry permit filed", "text": "Marrow Stone files for a permit."},
    {"id": "hearing", "dates": ["1986-09-02"], "title": "First public hearing", "text": "Residents pack the hall."},
    {"id": "vote", "dates": ["1987-01-20"], "title": "Council votes against the quarry", "text": "The vote is five to two."},
    {"id": "appeal", "dates": ["1988-10-30"], "title": "Marrow Stone appeals", "text": "The company takes the council to court."}
  ]
}`

func engineFor(t *testing.T, raw string) *answer.Engine {
	t.Helper()
	tl, err := data.Parse(strings.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	return engineOf(t, tl)
}

// Nothing the bot says about another timeline, in command descriptions,
// /help, hints or errors, comes from the built-in one: every example is
// drawn from the loaded timeline, the author's own first.
func TestNothingOfTheBuiltInTimelineElsewhere(t *testing.T) {
	seed := seedEngine(t)
	sx := seed.Examples()
	seedTL := seed.Timeline()
	// What the built-in timeline would put in help: its examples, its
	// years, its title and source.
	forbidden := []string{sx.Question, sx.Count, sx.Keyword, sx.Day, sx.Month, sx.Year, seedTL.Title, seedTL.Source.Name}
	for _, e := range seedTL.Events {
		forbidden = append(forbidden, e.Dates[len(e.Dates)-1].String()[:4])
	}

	h := NewHandlers(engineFor(t, quarryTimeline))
	r := NewRouter(slog.New(slog.DiscardHandler))
	h.Routes(r)
	var said []string
	for _, c := range h.Commands() {
		said = append(said, c.Description)
		for _, o := range c.Options {
			said = append(said, o.Description)
		}
	}
	help := r.Handle(context.Background(), slash("help", nil)).Data.Content
	said = append(said, help)
	for _, q := range []string{"", "when did the hearing end in May?"} {
		said = append(said, r.Handle(context.Background(), slash("ask", map[string]string{"question": q})).Data.Content)
	}
	said = append(said, r.Handle(context.Background(), slash("date", map[string]string{"when": "June 5"})).Data.Content)
	mention, err := h.Message(context.Background(), &discordgo.Message{ID: "1", ChannelID: "2", Content: "<@99>", Author: &discordgo.User{ID: "3"},
		Mentions: []*discordgo.User{{ID: "99"}}}, &discordgo.User{ID: "99"})
	if err != nil || mention == nil {
		t.Fatalf("a bare mention: %v, %+v", err, mention)
	}
	said = append(said, mention.Content)
	all := strings.Join(said, "\n")
	for _, f := range forbidden {
		if f != "" && strings.Contains(all, f) {
			t.Errorf("the quarry timeline's texts mention %q, from the built-in timeline:\n%s", f, all)
		}
	}
	for _, want := range []string{"when did the council vote on the quarry?", "how many hearings were there?", "The Hollins quarry dispute"} {
		if !strings.Contains(help, want) {
			t.Errorf("/help does not show %q:\n%s", want, help)
		}
	}
}
