package bot

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/timelinebot/timelinebot/answer"
	"github.com/timelinebot/timelinebot/bot/discordtest"
	"github.com/timelinebot/timelinebot/data"
	"github.com/timelinebot/timelinebot/index"
)

func seedEngine(t testing.TB) *answer.Engine {
	t.Helper()
	tl, err := data.Seed()
	if err != nil {
		t.Fatal(err)
	}
	return engineOf(t, tl)
}

// engineOf answers from tl.
func engineOf(t testing.TB, tl *data.Timeline) *answer.Engine {
	t.Helper()
	ix, err := index.Build(context.Background(), tl)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	return answer.New(ix)
}

// loadInteraction reads an interaction as Discord sends it.
func loadInteraction(t testing.TB, name string) *discordgo.Interaction {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	var i discordgo.Interaction
	if err := json.Unmarshal(raw, &i); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return &i
}

// recorder is a router with its log kept for assertions.
func recorder(t testing.TB) (*Router, *bytes.Buffer) {
	var log bytes.Buffer
	r := NewRouter(slog.New(slog.NewJSONHandler(&log, nil)))
	NewHandlers(seedEngine(t)).Routes(r)
	return r, &log
}

func titles(es []*discordgo.MessageEmbed) []string {
	var out []string
	for _, e := range es {
		out = append(out, e.Title)
	}
	return out
}

func TestHandlers(t *testing.T) {
	r, log := recorder(t)
	tests := []struct {
		file      string
		typ       discordgo.InteractionResponseType
		ephemeral bool
		content   []string // substrings of the content
		embeds    []string // exact embed titles, in order
		buttons   bool
		logs      string
	}{
		{file: "ask.json", typ: 4, buttons: true, content: []string{"March 2, 2017"}, embeds: []string{"March 2, 2017 — Recusal from campaign-related investigations"}},
		{file: "ask_private.json", typ: 4, ephemeral: true, content: []string{"5 entries"}, buttons: true,
			embeds: []string{"Feb. 28, 2016 — Sessions endorses Trump", "March 3, 2016 — Sessions named chair of Trump’s national security advisory council", "April 27, 2016 — Sessions and Russian ambassador attend Trump speech"}},
		{file: "search.json", typ: 4, buttons: true, embeds: []string{"April 27, 2016 — Sessions and Russian ambassador attend Trump speech"}},
		{file: "date.json", typ: 4, buttons: true, content: []string{"June 2017"}, embeds: []string{"June 5, 2017 — Travel ban frustration", "June 6, 2017 — Sources say Sessions recently offered to resign"}},
		{file: "date_invalid.json", typ: 4, ephemeral: true, content: []string{"couldn't read that date", "29 days"}, logs: "interaction failed"},
		{file: "between.json", typ: 4, buttons: true, content: []string{"4 entries"}},
		{file: "timeline.json", typ: 4, buttons: true, content: []string{"9 entries"}},
		{file: "event.json", typ: 4, buttons: true, embeds: []string{"July 18, 2016, and Sept. 8, 2016 — Sessions meets with Kislyak"}},
		{file: "help.json", typ: 4, content: []string{"/ask", "/timeline"}},
		{file: "unknown.json", typ: 4, ephemeral: true, content: []string{"don't know that command"}, logs: "no handler"},
		// "What happened next?" under an answer about the recusal
		{file: "follow_next.json", typ: 4, buttons: true, content: []string{"Next after March 2, 2017"}, embeds: []string{"June 5, 2017 — Travel ban frustration"}},
		// pages count from 0: page 1 of the timeline is its entries 4 to 6
		{file: "page_next.json", typ: 7, buttons: true, embeds: []string{"July 18, 2016, and Sept. 8, 2016 — Sessions meets with Kislyak", "Nov. 18, 2016 — Trump nominates Sessions to be attorney general", "Jan. 10, 2017 — Confirmation hearing comments"}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			log.Reset()
			resp := r.Handle(context.Background(), loadInteraction(t, tt.file))
			if resp.Type != tt.typ {
				t.Fatalf("response type %d, want %d", resp.Type, tt.typ)
			}
			d := resp.Data
			if got := d.Flags&discordgo.MessageFlagsEphemeral != 0; got != tt.ephemeral {
				t.Errorf("ephemeral = %v, want %v", got, tt.ephemeral)
			}
			if d.AllowedMentions == nil || len(d.AllowedMentions.Parse) != 0 {
				t.Errorf("allowed_mentions %+v: replies must ping nobody", d.AllowedMentions)
			}
			for _, c := range tt.content {
				if !strings.Contains(d.Content, c) {
					t.Errorf("content %q does not contain %q", d.Content, c)
				}
			}
			if tt.embeds != nil && strings.Join(titles(d.Embeds), "\n") != strings.Join(tt.embeds, "\n") {
				t.Errorf("embeds:\n%s\nwant:\n%s", strings.Join(titles(d.Embeds), "\n"), strings.Join(tt.embeds, "\n"))
			}
			if got := len(d.Components) > 0; got != tt.buttons {
				t.Errorf("buttons = %v, want %v", got, tt.buttons)
			}
			if tt.logs != "" && !strings.Contains(log.String(), tt.logs) {
				t.Errorf("log %q does not record %q", log.String(), tt.logs)
			}
			if violations := discordtest.CheckResponse(resp); len(violations) > 0 {
				t.Errorf("over Discord's limits: %v", violations)
			}
		})
	}
}

// Entries far longer than Discord allows are cut to fit, at a word, in
// every kind of reply: ask, a page of the timeline, an event, autocomplete.
func TestLongEntriesFitDiscordLimits(t *testing.T) {
	word := "Kislyak-ambassador-meeting "
	long := func(n int) string { return strings.TrimSpace(strings.Repeat(word, n/len(word)+1)) }
	tl := &data.Timeline{Title: long(600), Source: data.Source{Name: long(3000)}}
	for i := range 12 {
		tl.Events = append(tl.Events, data.Event{
			ID:     fmt.Sprintf("e%d", i),
			Dates:  []data.Date{{Year: 2016, Month: time.Month(i + 1), Day: 1}, {Year: 2016, Month: time.Month(i + 1), Day: 2}},
			Title:  long(400),
			Text:   long(9000),
			Quotes: []data.Quote{{By: long(300), Text: long(3000)}},
		})
	}
	ix, err := index.Build(context.Background(), tl)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	r := NewRouter(slog.New(slog.DiscardHandler))
	NewHandlers(answer.New(ix)).Routes(r)

	for _, name := range []string{"ask.json", "search.json", "timeline.json", "page_next.json", "event.json", "autocomplete_event.json", "autocomplete_date.json", "date.json"} {
		i := loadInteraction(t, name)
		resp := r.Handle(context.Background(), i)
		if v := discordtest.CheckResponse(resp); len(v) > 0 {
			t.Errorf("%s: over Discord's limits: %v", name, v)
		}
		if resp.Data != nil && strings.Contains(resp.Data.Content+fmt.Sprint(resp.Data.Embeds), "ambassador-meet…") {
			t.Errorf("%s: a word was cut in half", name)
		}
	}
}

// Examples in the commands and in /help come from the timeline answered:
// another timeline shows none of the built-in one's.
func TestHelpAndCommandsFromTheTimeline(t *testing.T) {
	tl := &data.Timeline{Title: "The Dunmore library", Source: data.Source{Name: "Dunmore Ledger"}, Events: []data.Event{
		{ID: "approval", Dates: []data.Date{{Year: 1998, Month: 1, Day: 6}}, Title: "Board approves the Quillon wing", Text: "The board voted."},
		{ID: "opening", Dates: []data.Date{{Year: 1999, Month: 5, Day: 10}}, Title: "Reading room reopens", Text: "It opened."},
	}}
	ix, err := index.Build(context.Background(), tl)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	h := NewHandlers(answer.New(ix))
	r := NewRouter(slog.New(slog.DiscardHandler))
	h.Routes(r)
	var all strings.Builder
	for _, c := range h.Commands() {
		all.WriteString(c.Description + "\n")
		for _, o := range c.Options {
			all.WriteString(o.Description + "\n")
		}
	}
	all.WriteString(r.Handle(context.Background(), loadInteraction(t, "help.json")).Data.Content)
	for _, foreign := range []string{"Sessions", "Kislyak", "2017", "2016"} {
		if strings.Contains(all.String(), foreign) {
			t.Errorf("commands and help on another timeline mention %q:\n%s", foreign, all.String())
		}
	}
	for _, own := range []string{"Jan. 6, 1998", "January 1998", "Quillon", "The Dunmore library"} {
		if !strings.Contains(all.String(), own) {
			t.Errorf("commands and help do not show %q from the timeline:\n%s", own, all.String())
		}
	}
}

// The pages of a follow-up are answered about the event it followed up,
// which their buttons carry.
func TestFollowUpPages(t *testing.T) {
	h := NewHandlers(seedEngine(t))
	r := NewRouter(slog.New(slog.DiscardHandler))
	h.Routes(r)
	self := &discordgo.User{ID: "1170000000000000001", Username: "TimelineBot", Bot: true}
	raw, err := os.ReadFile("testdata/message_reply.json")
	if err != nil {
		t.Fatal(err)
	}
	var m discordgo.Message
	if err := json.Unmarshal(raw, &m); err != nil {
		t.Fatal(err)
	}
	m.Content = "<@" + self.ID + "> and what happened before that?"
	first, err := h.Message(context.Background(), &m, self)
	if err != nil || first == nil || !strings.Contains(first.Content, "6 entries") {
		t.Fatalf("the follow-up: %+v, %v", first, err)
	}
	var next string
	for _, c := range first.Components[0].(discordgo.ActionsRow).Components {
		if b := c.(discordgo.Button); b.Label == "Next" {
			next = b.CustomID
		}
	}
	i := &discordgo.Interaction{ID: "1", Type: discordgo.InteractionMessageComponent,
		Data:    discordgo.MessageComponentInteractionData{CustomID: next, ComponentType: discordgo.ButtonComponent},
		Message: &discordgo.Message{ID: "2", Author: self, Content: first.Content, Embeds: first.Embeds},
		Member:  &discordgo.Member{User: &discordgo.User{ID: "80351110224678912"}}}
	resp := r.Handle(context.Background(), i)
	if resp.Type != discordgo.InteractionResponseUpdateMessage || !strings.Contains(resp.Data.Content, "6 entries") {
		t.Errorf("page 2 of the follow-up (%s): %+v", next, resp.Data)
	}
}

// A custom id is the client's to send: forged, stale or foreign ones are
// told the button has expired, never answered with an internal error.
func TestForgedButtons(t *testing.T) {
	r, log := recorder(t)
	for _, id := range []string{
		"pg|x|0|ask", "pg|-1|0|timeline", "pg|1|0|frobnicate", "pg|1|0|ask|no-such-event", "pg", "pg|||",
		"nx|0|", "nx|0|no-such-event", "nx", "zz|1", strings.Repeat("\u200f", 100), "pg|999|0|timeline|" + strings.Repeat("a", 80),
	} {
		log.Reset()
		i := &discordgo.Interaction{ID: "1", Type: discordgo.InteractionMessageComponent,
			Data:    discordgo.MessageComponentInteractionData{CustomID: id, ComponentType: discordgo.ButtonComponent},
			Message: &discordgo.Message{ID: "2", Content: "x", Embeds: []*discordgo.MessageEmbed{{Author: &discordgo.MessageEmbedAuthor{Name: "what happened in 2016"}}}}}
		resp := r.Handle(context.Background(), i)
		if resp == nil || resp.Data == nil {
			t.Errorf("%q: no response", id)
			continue
		}
		if strings.Contains(resp.Data.Content, "something went wrong") {
			t.Errorf("%q: answered with an internal error: %q", id, resp.Data.Content)
		}
		if resp.Type == discordgo.InteractionResponseChannelMessageWithSource && resp.Data.Flags&discordgo.MessageFlagsEphemeral == 0 {
			t.Errorf("%q: a public reply to a forged button: %q", id, resp.Data.Content)
		}
	}
}
