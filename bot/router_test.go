package bot

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"strings"
	"testing"

	"github.com/bwmarrin/discordgo"
)

func TestRouterRegisteringTwicePanics(t *testing.T) {
	r := NewRouter(slog.New(slog.DiscardHandler))
	h := func(context.Context, *discordgo.Interaction) (*discordgo.InteractionResponse, error) { return nil, nil }
	ask := &discordgo.ApplicationCommand{Name: "ask", Options: []*discordgo.ApplicationCommandOption{{Name: "question", Autocomplete: true}}}
	r.Command(ask, h)
	r.Autocomplete("ask", "question", h) // another kind of route: allowed
	defer func() {
		if recover() == nil {
			t.Error("registering /ask twice did not panic")
		}
	}()
	r.Command(ask, h)
}

// Autocomplete is attached to a command's option; one for a command or
// an option the router does not have is a programming error, found at
// start.
func TestRouterAutocompleteForUnknownPanics(t *testing.T) {
	h := func(context.Context, *discordgo.Interaction) (*discordgo.InteractionResponse, error) { return nil, nil }
	for _, c := range []struct{ name, command, option string }{
		{"unknown command", "frobnicate", "query"},
		{"unknown option", "search", "words"},
		{"option without autocomplete", "search", "private"},
	} {
		t.Run(c.name, func(t *testing.T) {
			r := NewRouter(slog.New(slog.DiscardHandler))
			r.Command(&discordgo.ApplicationCommand{Name: "search", Options: []*discordgo.ApplicationCommandOption{
				{Name: "query", Autocomplete: true}, {Name: "private"},
			}}, h)
			defer func() {
				if recover() == nil {
					t.Errorf("autocomplete for /%s %s did not panic", c.command, c.option)
				}
			}()
			r.Autocomplete(c.command, c.option, h)
		})
	}
}

func TestRouterFailures(t *testing.T) {
	var log bytes.Buffer
	r := NewRouter(slog.New(slog.NewJSONHandler(&log, nil)))
	r.Command(&discordgo.ApplicationCommand{Name: "ask", Options: []*discordgo.ApplicationCommandOption{{Name: "question", Autocomplete: true}}}, func(context.Context, *discordgo.Interaction) (*discordgo.InteractionResponse, error) {
		panic("index on fire")
	})
	r.Command(&discordgo.ApplicationCommand{Name: "search"}, func(context.Context, *discordgo.Interaction) (*discordgo.InteractionResponse, error) {
		return nil, errors.New("bleve: segment 7 unreadable")
	})
	r.Command(&discordgo.ApplicationCommand{Name: "timeline"}, func(context.Context, *discordgo.Interaction) (*discordgo.InteractionResponse, error) {
		return nil, nil
	})
	r.Autocomplete("ask", "question", func(context.Context, *discordgo.Interaction) (*discordgo.InteractionResponse, error) {
		return nil, errors.New("autocomplete broke")
	})
	tests := []struct {
		name    string
		i       *discordgo.Interaction
		typ     discordgo.InteractionResponseType
		logs    []string
		private string // what the user is told, privately
	}{
		{name: "a panic is answered and logged with the interaction id", i: commandNamed("9001", "ask"),
			typ: discordgo.InteractionResponseChannelMessageWithSource, logs: []string{"handler panicked", "9001", "index on fire"}, private: "something went wrong"},
		{name: "an internal error's cause stays in the log", i: commandNamed("9002", "search"),
			typ: discordgo.InteractionResponseChannelMessageWithSource, logs: []string{"9002", "segment 7 unreadable"}, private: "something went wrong"},
		{name: "a handler with nothing to say is a bug, answered", i: commandNamed("9006", "timeline"),
			typ: discordgo.InteractionResponseChannelMessageWithSource, logs: []string{"9006", "no response"}, private: "something went wrong"},
		{name: "an unknown command", i: commandNamed("9003", "frobnicate"),
			typ: discordgo.InteractionResponseChannelMessageWithSource, logs: []string{"no handler", "frobnicate"}, private: "don't know that command"},
		{name: "a failed autocomplete offers no choices", i: &discordgo.Interaction{ID: "9004", Type: discordgo.InteractionApplicationCommandAutocomplete,
			Data: discordgo.ApplicationCommandInteractionData{Name: "ask", Options: []*discordgo.ApplicationCommandInteractionDataOption{{Name: "question", Focused: true}}}},
			typ: discordgo.InteractionApplicationCommandAutocompleteResult, logs: []string{"autocomplete broke"}},
		{name: "a button with no route is not read as a command", i: &discordgo.Interaction{ID: "9005", Type: discordgo.InteractionMessageComponent,
			Data: discordgo.MessageComponentInteractionData{CustomID: "zz|1"}},
			typ: discordgo.InteractionResponseChannelMessageWithSource, logs: []string{"no handler", "zz|1"}, private: "This button has expired"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			log.Reset()
			resp := r.Handle(context.Background(), tt.i)
			if resp == nil || resp.Type != tt.typ {
				t.Fatalf("response %+v, want type %d", resp, tt.typ)
			}
			for _, s := range tt.logs {
				if !strings.Contains(log.String(), s) {
					t.Errorf("log does not record %q: %s", s, log.String())
				}
			}
			if tt.private != "" {
				if resp.Data.Flags&discordgo.MessageFlagsEphemeral == 0 || !strings.Contains(resp.Data.Content, tt.private) {
					t.Errorf("user told %q (flags %d), want a private message saying %q", resp.Data.Content, resp.Data.Flags, tt.private)
				}
				if strings.Contains(resp.Data.Content, "fire") || strings.Contains(resp.Data.Content, "segment") {
					t.Errorf("the user was shown the internal cause: %q", resp.Data.Content)
				}
			}
		})
	}
}

func commandNamed(id, name string) *discordgo.Interaction {
	return &discordgo.Interaction{ID: id, Type: discordgo.InteractionApplicationCommand, Data: discordgo.ApplicationCommandInteractionData{Name: name}}
}
