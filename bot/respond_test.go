package bot

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/timelinebot/timelinebot/answer"
	"github.com/timelinebot/timelinebot/bot/discordtest"
	"github.com/timelinebot/timelinebot/index"
)

// slowFinder is an index that takes delay over every search: a lookup
// slower than Discord waits for.
type slowFinder struct {
	answer.Finder
	delay time.Duration
}

func (f slowFinder) Search(ctx context.Context, q index.Query) ([]index.Hit, error) {
	select {
	case <-time.After(f.delay):
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	return f.Finder.Search(ctx, q)
}

// slowHandlers answer from the built-in timeline, each search taking delay.
func slowHandlers(t *testing.T, delay time.Duration) *Handlers {
	t.Helper()
	seed := seedEngine(t)
	ix, err := index.Build(context.Background(), seed.Timeline())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	return NewHandlers(answer.New(slowFinder{Finder: ix, delay: delay}))
}

// An answer slower than the wait for it is deferred ("thinking..."), then
// completed by editing the original response over REST, through the
// gateway bot.
func TestSlowAnswerIsDeferredThenEdited(t *testing.T) {
	fake := discordtest.New(t)
	r := startWith(t, fake, slowHandlers(t, 400*time.Millisecond), func(c *Config) { c.DeferAfter = 50 * time.Millisecond })
	r.ready(t)
	i := fake.DispatchInteraction(t, loadInteraction(t, "ask_private.json"))
	first := fake.WaitInteractionResponse(t, i.ID)
	if first.Type != discordgo.InteractionResponseDeferredChannelMessageWithSource {
		t.Fatalf("first response type %d, want a deferral (5)", first.Type)
	}
	if first.Data == nil || first.Data.Flags&discordgo.MessageFlagsEphemeral == 0 {
		t.Errorf("a private question's deferral is not private: %+v", first.Data)
	}
	edit := fake.WaitEdit(t, i.Token)
	if edit.Content == nil || !strings.Contains(*edit.Content, "5 entries") || edit.Embeds == nil || len(*edit.Embeds) == 0 {
		t.Errorf("the edit does not carry the answer: %+v", edit)
	}
}

// A fast answer is not deferred.
func TestFastAnswerIsNotDeferred(t *testing.T) {
	fake := discordtest.New(t)
	r := start(t, fake)
	r.ready(t)
	i := fake.DispatchInteraction(t, loadInteraction(t, "ask.json"))
	if resp := fake.WaitInteractionResponse(t, i.ID); resp.Type != discordgo.InteractionResponseChannelMessageWithSource {
		t.Errorf("response type %d, want the answer inline (4)", resp.Type)
	}
}

// The deferral says what the answer will be: a new message, private if
// asked so, or an update of the page a button is on.
func TestDeferralKinds(t *testing.T) {
	for _, c := range []struct {
		file    string
		typ     discordgo.InteractionResponseType
		private bool
	}{
		{"ask.json", discordgo.InteractionResponseDeferredChannelMessageWithSource, false},
		{"ask_private.json", discordgo.InteractionResponseDeferredChannelMessageWithSource, true},
		{"page_next.json", discordgo.InteractionResponseDeferredMessageUpdate, false},
		{"follow_next.json", discordgo.InteractionResponseDeferredChannelMessageWithSource, false},
	} {
		d := deferral(loadInteraction(t, c.file))
		if d.Type != c.typ {
			t.Errorf("%s: deferral type %d, want %d", c.file, d.Type, c.typ)
		}
		if got := d.Data != nil && d.Data.Flags&discordgo.MessageFlagsEphemeral != 0; got != c.private {
			t.Errorf("%s: private %v, want %v", c.file, got, c.private)
		}
	}
}
