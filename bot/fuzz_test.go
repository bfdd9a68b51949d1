package bot

import (
	"bytes"
	"context"
	"encoding/json"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/bwmarrin/discordgo"
	"github.com/timelinebot/timelinebot/bot/discordtest"
)

// Custom ids come from the client: any string decodes to a state or to
// nothing, and a state written out reads back the same.
func FuzzCustomID(f *testing.F) {
	for _, s := range []string{"pg|1|0|timeline", "pg|2|1|ask|2016-02-28-sessions-endorses-trump", "nx|0|a", "nx|1|", "nx|0|a|apollo", "pg|1|0|date||2016|harbor", "pg|x|0|ask", "", "|||", "pg|99999999999999999999|0|ask"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, id string) {
		if s, page, ok := parsePageID(id); ok {
			if page < 0 {
				t.Fatalf("%q: page %d", id, page)
			}
			if again, p2, ok := parsePageID(pageID(s, page)); !ok || again != s || p2 != page {
				t.Fatalf("%q: %+v page %d does not survive a round trip", id, s, page)
			}
		}
		if f, ok := parseFollowID(id); ok {
			if f.Event == "" {
				t.Fatalf("%q: a follow-up with no event", id)
			}
			if again, ok := parseFollowID(followID(f)); !ok || again != f {
				t.Fatalf("%q: %+v does not survive a round trip", id, f)
			}
		}
	})
}

// Any interaction Discord could send, real or forged, gets a response
// from the router and no handler panics.
func FuzzInteraction(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join("testdata", "*.json"))
	for _, file := range files {
		if raw, err := os.ReadFile(file); err == nil {
			f.Add(raw)
		}
	}
	f.Add([]byte(`{"type": 3, "data": {"custom_id": "pg|1|0|ask"}}`))
	f.Add([]byte(`{"type": 2, "data": {"name": "ask", "options": [{"name": "question", "type": 3, "value": "\u0000\u202e` + strings.Repeat("😀", 100) + `"}]}}`))
	f.Add([]byte(`{"type": 4, "data": {"name": "event", "options": [{"name": "title", "type": 3, "value": "99999999999-99-99", "focused": true}]}}`))
	var log bytes.Buffer
	r := NewRouter(slog.New(slog.NewTextHandler(&log, nil)))
	NewHandlers(seedEngine(f)).Routes(r)
	f.Fuzz(func(t *testing.T, raw []byte) {
		var i discordgo.Interaction
		if json.Unmarshal(raw, &i) != nil {
			return
		}
		log.Reset()
		// What the responder reads of an interaction outside the
		// router's recovery: its route's label and its deferral.
		_ = r.label(&i)
		if i.Type == discordgo.InteractionApplicationCommand || i.Type == discordgo.InteractionMessageComponent {
			_ = deferral(&i)
		}
		resp := r.Handle(context.Background(), &i)
		if resp == nil {
			t.Fatal("no response")
		}
		if strings.Contains(log.String(), "panicked") {
			t.Fatalf("a handler panicked on %s:\n%s", raw, log.String())
		}
		if resp.Data != nil && !utf8.ValidString(resp.Data.Content) && utf8.Valid(raw) {
			t.Fatalf("invalid UTF-8 in the reply to %s", raw)
		}
	})
}

// The inputs people and clients send that break things elsewhere: every
// one gets a reply within Discord's limits, no panic, no internal detail.
func TestHostileOptions(t *testing.T) {
	r, log := recorder(t)
	for _, v := range []string{
		strings.Repeat("when did it happen ", 316), // 6,000 characters
		strings.Repeat("😀", 25000),                 // 100 KB of emoji
		"when\u200b did\u200d the\u2060 board\ufeff vote",
		"\u202ewhen did the board vote\u202c",
		"when did\x00 the board vote\x00",
		"when did \xff\xfe the board vote",
		"99999999999-99-99",
		strings.Repeat("(", 5000) + strings.Repeat(")", 5000),
		`"` + strings.Repeat(`\`, 3000),
	} {
		for _, cmd := range []string{"ask", "search", "date"} {
			name := map[string]string{"ask": "question", "search": "query", "date": "when"}[cmd]
			log.Reset()
			i := &discordgo.Interaction{ID: "1", Type: discordgo.InteractionApplicationCommand, Data: discordgo.ApplicationCommandInteractionData{Name: cmd,
				Options: []*discordgo.ApplicationCommandInteractionDataOption{{Name: name, Type: discordgo.ApplicationCommandOptionString, Value: v}}}}
			resp := r.Handle(context.Background(), i)
			if resp == nil || resp.Data == nil {
				t.Fatalf("/%s %.20q: no response", cmd, v)
			}
			if strings.Contains(log.String(), "panicked") || strings.Contains(resp.Data.Content, "something went wrong") {
				t.Errorf("/%s %.20q: %q\n%s", cmd, v, resp.Data.Content, log.String())
			}
			if violations := discordtest.CheckResponse(resp); len(violations) > 0 {
				t.Errorf("/%s %.20q: over Discord's limits: %v", cmd, v, violations)
			}
		}
	}
}
