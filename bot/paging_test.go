package bot

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/bwmarrin/discordgo"

	"github.com/timelinebot/timelinebot/answer"
	"github.com/timelinebot/timelinebot/catalog"
	"github.com/timelinebot/timelinebot/data"
)

// pageInputs are, for each command that pages, options that answer more
// than one page on the built-in timeline.
var pageInputs = map[string]map[string]string{
	"ask":      {"question": "what happened in 2016?"},
	"search":   {"query": "Sessions"},
	"date":     {"when": "2016"},
	"between":  {"from": "2016/01/01", "to": "2017/06/06"}, // dates a sentence would not read back
	"timeline": {},
}

// slash is a slash command interaction with string options.
func slash(name string, opts map[string]string) *discordgo.Interaction {
	data := discordgo.ApplicationCommandInteractionData{Name: name}
	for k, v := range opts {
		data.Options = append(data.Options, &discordgo.ApplicationCommandInteractionDataOption{Name: k, Type: discordgo.ApplicationCommandOptionString, Value: v})
	}
	return &discordgo.Interaction{ID: "1180000000000000201", Type: discordgo.InteractionApplicationCommand, Data: data}
}

// press is the interaction Discord sends when the button labelled label
// of a reply is pressed: the reply comes with it as a message, decoded
// from JSON as discordgo decodes it.
func press(t *testing.T, reply *discordgo.InteractionResponseData, label string) *discordgo.Interaction {
	t.Helper()
	raw, err := json.Marshal(map[string]any{"id": "1190000000000000009", "content": reply.Content, "embeds": reply.Embeds, "components": reply.Components})
	if err != nil {
		t.Fatal(err)
	}
	var m discordgo.Message
	if err := json.Unmarshal(raw, &m); err != nil {
		t.Fatal(err)
	}
	for _, row := range m.Components {
		for _, c := range row.(*discordgo.ActionsRow).Components {
			if b := c.(*discordgo.Button); b.Label == label {
				return &discordgo.Interaction{ID: "1180000000000000202", Type: discordgo.InteractionMessageComponent,
					Data: discordgo.MessageComponentInteractionData{CustomID: b.CustomID, ComponentType: discordgo.ButtonComponent}, Message: &m}
			}
		}
	}
	t.Fatalf("no %q button in %+v", label, reply.Components)
	return nil
}

// Next shows the second page of exactly what the command answered, for
// every command that pages: its inputs travel as data, not as a
// sentence read again.
func TestPagingEveryPagedCommand(t *testing.T) {
	r, _ := recorder(t)
	h := NewHandlers(seedEngine(t))
	for _, c := range h.table(h.Engine().Examples()) {
		if c.lookup == nil {
			continue
		}
		t.Run(c.name, func(t *testing.T) {
			opts, ok := pageInputs[c.name]
			if !ok {
				t.Fatalf("/%s pages, and pageInputs has no inputs for it", c.name)
			}
			a, err := c.lookup(context.Background(), h.Engine(), opts)
			if err != nil {
				t.Fatal(err)
			}
			events := a.Shown()
			if len(events) <= pageSize {
				t.Fatalf("/%s %v answers %d events: one page, nothing to test", c.name, opts, len(events))
			}
			first := r.Handle(context.Background(), slash(c.name, opts))
			next := r.Handle(context.Background(), press(t, first.Data, "Next"))
			if next.Type != discordgo.InteractionResponseUpdateMessage {
				t.Fatalf("Next: response type %d, %q", next.Type, next.Data.Content)
			}
			var want []string
			for _, f := range events[pageSize:min(2*pageSize, len(events))] {
				want = append(want, f.Event.DatesHuman()+" — "+f.Title)
			}
			if got := titles(next.Data.Embeds); strings.Join(got, "\n") != strings.Join(want, "\n") {
				t.Errorf("page 2:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
			}
			prev := r.Handle(context.Background(), press(t, next.Data, "Prev"))
			if strings.Join(titles(prev.Data.Embeds), "\n") != strings.Join(titles(first.Data.Embeds), "\n") {
				t.Errorf("Prev from page 2 is not page 1: %v", titles(prev.Data.Embeds))
			}
		})
	}
}

// A date lookup's button carries its dates; a forged or broken one is
// answered as an expired button, not read as text.
func TestPageDatesAreData(t *testing.T) {
	s, page, ok := parsePageID(pageID(pageState{Command: "between", Dates: "2016-01-01/2017-06-06"}, 1))
	if !ok || page != 1 || s.Dates != "2016-01-01/2017-06-06" {
		t.Fatalf("round trip: %+v %d %v", s, page, ok)
	}
	r, _ := recorder(t)
	for _, id := range []string{"pg|1|0|between||January 2016", "pg|1|0|between||2017/2016", "pg|1|0|frobnicate||2016"} {
		i := &discordgo.Interaction{ID: "1180000000000000203", Type: discordgo.InteractionMessageComponent,
			Data: discordgo.MessageComponentInteractionData{CustomID: id}, Message: &discordgo.Message{}}
		resp := r.Handle(context.Background(), i)
		if !strings.Contains(resp.Data.Content, "expired") {
			t.Errorf("%s: %q, want the expired-button reply", id, resp.Data.Content)
		}
	}
}

// The longest page id the bot makes, an ask's with a 64-character anchor
// and a 20-character timeline name, fits Discord's 100 up to page 999;
// past that the buttons are left out rather than sent too long.
func TestPageIDsFit(t *testing.T) {
	s := pageState{Command: "ask", Private: true, Anchor: strings.Repeat("a", 64), Timeline: strings.Repeat("t", 20)}
	if id := pageID(s, 999); len(id) > maxCustomID {
		t.Errorf("%q: %d characters", id, len(id))
	}
	long := answerOf(40_000) // 13,334 pages
	r := render(long, catalogEntry(t), 13_000, s)
	for _, row := range r.Components {
		for _, c := range row.(discordgo.ActionsRow).Components {
			if b, ok := c.(discordgo.Button); ok && len(b.CustomID) > maxCustomID {
				t.Errorf("a button's id has %d characters", len(b.CustomID))
			}
		}
	}
}

// answerOf is a range answer of n made-up events.
func answerOf(n int) answer.Answer {
	a := answer.Answer{Kind: answer.Range, Text: "many"}
	for i := range n {
		e := &data.Event{ID: fmt.Sprintf("e%d", i), Title: "t", Text: "x", Dates: []data.Date{{Year: 2001}}}
		a.Events = append(a.Events, answer.Found{ID: e.ID, Title: e.Title, Text: e.Text, Dates: e.Dates, Event: e})
	}
	return a
}

func catalogEntry(t *testing.T) catalog.Entry {
	return NewHandlers(seedEngine(t)).Catalog().Visible(catalog.Shared)[0]
}
