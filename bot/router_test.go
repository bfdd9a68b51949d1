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
	r.Command("ask", h)
	r.Autocomplete("ask", h) // another kind of route: allowed
	defer func() {
		if recover() == nil {
			t.Error("registering /ask twice did not panic")
		}
	}()
	r.Command("ask", h)
}

func TestRouterFailures(t *testing.T) {
	var log bytes.Buffer
	r := NewRouter(slog.New(slog.NewJSONHandler(&log, nil)))
	r.Command("ask", func(context.Context, *discordgo.Interaction) (*discordgo.InteractionResponse, error) {
		panic("index on fire")
	})
	r.Command("search", func(context.Context, *discordgo.Interaction) (*discordgo.InteractionResponse, error) {
		return nil, errors.New("bleve: segment 7 unreadable")
	})
	r.Command("timeline", func(context.Context, *discordgo.Interaction) (*discordgo.InteractionResponse, error) {
		return nil, nil
	})
	r.Autocomplete("ask", func(context.Context, *discordgo.Interaction) (*discordgo.InteractionResponse, error) {
		return nil, errors.New("autocomplete broke")
	})
	tests := []struct {
		name    string
		i       *discordgo.Interaction
		typ     discordgo.InteractionResponseType
		logs    []string
		private string // what the user is told, privately
	}{
		{name: "a panic is answered and logged with the interaction id", i: command("9001", "ask"),
			typ: discordgo.InteractionResponseChannelMessageWithSource, logs: []string{"handler panicked", "9001", "index on fire"}, private: "something went wrong"},
		{name: "an internal error's cause stays in the log", i: command("9002", "search"),
			typ: discordgo.InteractionResponseChannelMessageWithSource, logs: []string{"9002", "segment 7 unreadable"}, private: "something went wrong"},
		{name: "a handler with nothing to say is a bug, answered", i: command("9006", "timeline"),
			typ: discordgo.InteractionResponseChannelMessageWithSource, logs: []string{"9006", "no response"}, private: "something went wrong"},
		{name: "an unknown command", i: command("9003", "frobnicate"),
			typ: discordgo.InteractionResponseChannelMessageWithSource, logs: []string{"no handler", "frobnicate"}, private: "don't know that command"},
		{name: "a failed autocomplete offers no choices", i: &discordgo.Interaction{ID: "9004", Type: discordgo.InteractionApplicationCommandAutocomplete,
			Data: discordgo.ApplicationCommandInteractionData{Name: "ask"}},
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

func command(id, name string) *discordgo.Interaction {
	return &discordgo.Interaction{ID: id, Type: discordgo.InteractionApplicationCommand, Data: discordgo.ApplicationCommandInteractionData{Name: name}}
}
