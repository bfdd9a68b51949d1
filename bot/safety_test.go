package bot

import (
	"errors"
	"net/http"
	"runtime"
	"runtime/metrics"
	"strings"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/timelinebot/timelinebot/bot/discordtest"
)

const callbacks = "/api/v9/interactions/*/*/callback"

// askFrom is /ask from a user in a channel.
func askFrom(t *testing.T, user, channel string) *discordgo.Interaction {
	i := loadInteraction(t, "ask.json")
	i.ID, i.Token = "", ""
	i.ChannelID = channel
	i.Member = &discordgo.Member{User: &discordgo.User{ID: user, Username: "u" + user}}
	return i
}

// slowRefill are the default limits with buckets that do not refill
// while a test runs, however slow the machine.
func slowRefill(c *Config) {
	c.Limits = DefaultLimits()
	c.Limits.UserEvery, c.Limits.ChannelEvery = time.Minute, time.Minute
}

// A user over the limit is told to slow down; another is not affected.
func TestQuestionsAreLimitedPerUser(t *testing.T) {
	fake := discordtest.New(t)
	r := start(t, fake, slowRefill)
	r.ready(t)
	var slowed int
	for n := range 8 {
		i := fake.DispatchInteraction(t, askFrom(t, "501", "3100"))
		resp := fake.WaitInteractionResponse(t, i.ID)
		limited := strings.Contains(resp.Data.Content, "faster than I answer")
		if limited {
			slowed++
			if resp.Data.Flags&discordgo.MessageFlagsEphemeral == 0 {
				t.Errorf("question %d: the slow-down is not private", n+1)
			}
		}
		if n < 5 && limited {
			t.Errorf("question %d of 5 allowed was refused", n+1)
		}
	}
	if slowed != 3 {
		t.Errorf("%d of 8 questions refused, want 3 (5 allowed)", slowed)
	}
	i := fake.DispatchInteraction(t, askFrom(t, "502", "3100"))
	if resp := fake.WaitInteractionResponse(t, i.ID); strings.Contains(resp.Data.Content, "faster") {
		t.Errorf("another user was refused: %s", resp.Data.Content)
	}
}

// Messages over the limit get one slow-down, then silence.
func TestMessagesOverTheLimitAreToldOnce(t *testing.T) {
	fake := discordtest.New(t)
	r := start(t, fake, slowRefill)
	r.ready(t)
	person := &discordgo.User{ID: "601", Username: "nelly"}
	for range 9 {
		fake.DispatchMessage(t, &discordgo.Message{ID: "7001", ChannelID: "3200", Author: person, Content: "what happened in June 2017"})
	}
	var slow, answered int
	for range 6 {
		m := fake.WaitMessage(t, "3200")
		if strings.Contains(m.Content, "faster than I answer") {
			slow++
		} else {
			answered++
		}
	}
	time.Sleep(300 * time.Millisecond) // the silence that follows
	if answered != 5 || slow != 1 {
		t.Errorf("answered %d, slowed %d; want 5 answers and one slow-down", answered, slow)
	}
	if n := countRequests(fake, http.MethodPost, "/api/v9/channels/3200/messages"); n != 6 {
		t.Errorf("%d replies to 9 messages, want 6: five answers, one slow-down, then silence", n)
	}
}

func countRequests(fake *discordtest.Server, method, path string) int {
	n := 0
	for _, req := range fake.Requests() {
		if req.Method == method && req.Path == path {
			n++
		}
	}
	return n
}

func callbacksFor(fake *discordtest.Server, id string) []discordtest.Request {
	var out []discordtest.Request
	for _, req := range fake.Requests() {
		if req.Method == http.MethodPost && strings.HasPrefix(req.Path, "/api/v9/interactions/"+id+"/") {
			out = append(out, req)
		}
	}
	return out
}

// A 429 whose wait ends past the interaction's three seconds is not
// waited out: the token would be dead by then.
func TestCallbackRateLimitPastTheDeadlineIsNotRetried(t *testing.T) {
	fake := discordtest.New(t)
	r := start(t, fake)
	r.ready(t)
	fake.Fail(http.MethodPost, callbacks, discordtest.Failure{Status: http.StatusTooManyRequests, RetryAfter: 10 * time.Second})
	i := fake.DispatchInteraction(t, askFrom(t, "701", "3300"))
	deadline := time.Now().Add(4 * time.Second)
	for time.Now().Before(deadline) && !strings.Contains(r.log.String(), "sending an interaction response") {
		time.Sleep(20 * time.Millisecond)
	}
	if got := callbacksFor(fake, i.ID); len(got) != 1 || got[0].Status != http.StatusTooManyRequests {
		t.Errorf("callbacks %+v, want the one 429 and no retry", got)
	}
	if !strings.Contains(r.log.String(), "sending an interaction response") {
		t.Errorf("the failure was not logged:\n%s", r.log.String())
	}
}

// A short 429 and a 500 are retried inside the deadline.
func TestCallbackRetriedInsideTheDeadline(t *testing.T) {
	for _, f := range []discordtest.Failure{
		{Status: http.StatusTooManyRequests, RetryAfter: 200 * time.Millisecond},
		{Status: http.StatusInternalServerError},
		{Status: http.StatusServiceUnavailable},
	} {
		fake := discordtest.New(t)
		r := start(t, fake)
		r.ready(t)
		fake.Fail(http.MethodPost, callbacks, f)
		i := fake.DispatchInteraction(t, askFrom(t, "801", "3400"))
		// The first request seen is the failure; the retry follows it.
		var got []discordtest.Request
		for end := time.Now().Add(3 * time.Second); time.Now().Before(end); time.Sleep(20 * time.Millisecond) {
			if got = callbacksFor(fake, i.ID); len(got) >= 2 {
				break
			}
		}
		if len(got) != 2 || got[0].Status != f.Status || got[1].Status != http.StatusNoContent && got[1].Status != http.StatusOK {
			t.Errorf("after a %d: callbacks %+v, want the failure and one retry that lands", f.Status, got)
		}
		r.stop()
	}
}

// A stop lets the answers under way reach Discord before the gateway
// closes.
func TestStopWaitsForAnswersUnderWay(t *testing.T) {
	fake := discordtest.New(t)
	r := start(t, fake)
	r.ready(t)
	fake.Fail(http.MethodPost, callbacks, discordtest.Failure{Delay: 2 * time.Second})
	i := fake.DispatchInteraction(t, askFrom(t, "901", "3500"))
	time.Sleep(300 * time.Millisecond) // the answer is on its way
	r.stop()
	if got := callbacksFor(fake, i.ID); len(got) != 1 || got[0].Status != http.StatusNoContent && got[0].Status != http.StatusOK {
		t.Errorf("when the bot stopped, callbacks were %+v: the answer under way was dropped", got)
	}
}

// A close that reconnecting cannot cure ends the bot with what to fix,
// whether it comes in the middle of a session or when it resumes.
func TestFatalCloseCodesEndTheBot(t *testing.T) {
	for _, c := range []struct {
		code   int
		says   string
		resume bool
	}{
		{4004, "DISCORD_TOKEN", false},
		{4004, "DISCORD_TOKEN", true}, // the token revoked while away
		{4014, "Privileged Gateway Intents", false},
		{4011, "shards", false},
		{4013, "intents", false},
	} {
		fake := discordtest.New(t)
		r := start(t, fake)
		r.ready(t)
		if c.resume {
			fake.RejectSessions(c.code)
			fake.Disconnect() // discordgo resumes, and is refused
		} else {
			fake.CloseLive(c.code, "closed by the test")
		}
		select {
		case <-r.exited:
		case <-time.After(3 * time.Second):
			t.Fatalf("close %d: the bot did not stop; %d gateway connections", c.code, fake.Connects())
		}
		var fe *FatalError
		if !errors.As(r.err, &fe) || fe.Code != c.code || !strings.Contains(r.err.Error(), c.says) {
			t.Errorf("close %d: Run returned %v, want a fatal error saying %q", c.code, r.err, c.says)
		}
		connects := fake.Connects()
		time.Sleep(1500 * time.Millisecond)
		if n := fake.Connects(); n != connects {
			t.Errorf("close %d: %d more connections after the bot stopped", c.code, n-connects)
		}
	}
}

// A close Discord means as "come back" (4000) is reconnected after, and
// the bot keeps answering.
func TestOtherClosesReconnect(t *testing.T) {
	fake := discordtest.New(t)
	r := start(t, fake)
	r.ready(t)
	fake.CloseLive(4000, "Unknown error.")
	i := fake.DispatchInteraction(t, askFrom(t, "1001", "3600"))
	if resp := fake.WaitInteractionResponse(t, i.ID); !strings.Contains(resp.Data.Content, "March 2, 2017") {
		t.Errorf("after a 4000: %q", resp.Data.Content)
	}
	select {
	case <-r.exited:
		t.Errorf("the bot stopped after a 4000: %v", r.err)
	default:
	}
}

// A connection whose heartbeats go unanswered is cut within about two
// heartbeat intervals, not discordgo's five, and resumed (discordgo's
// close pauses a second first).
func TestZombieConnectionIsResumed(t *testing.T) {
	const interval = 600 * time.Millisecond
	fake := discordtest.New(t, discordtest.WithHeartbeatInterval(interval))
	r := start(t, fake)
	r.ready(t)
	connects := fake.Connects()
	fake.StopAcking()
	stopped := time.Now()
	for fake.Connects() == connects && time.Since(stopped) < 10*interval {
		time.Sleep(10 * time.Millisecond)
	}
	took := time.Since(stopped)
	// discordgo alone: five intervals and the second, 4 s.
	if fake.Connects() == connects || took > 2*interval+time.Second+800*time.Millisecond {
		t.Errorf("reconnected after %v (%d connections), want within about 2 intervals of %v and a second", took, fake.Connects()-connects, interval)
	}
	if !strings.Contains(r.log.String(), "no heartbeat ACK for two heartbeat intervals") {
		t.Errorf("the zombie was not logged:\n%s", r.log.String())
	}

}

// A flood from one user is answered at the configured rate, with memory
// that stays flat, and another user's question in the middle of it is
// answered in time.
func TestFloodFromOneUser(t *testing.T) {
	if testing.Short() {
		t.Skip("a thousand interactions")
	}
	fake := discordtest.New(t)
	r := start(t, fake, slowRefill)
	r.ready(t)
	heap := func() uint64 {
		runtime.GC()
		s := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
		metrics.Read(s)
		return s[0].Value.Uint64()
	}
	before := heap()
	const flood = 1000
	ids := make([]string, 0, flood)
	var other *discordgo.Interaction
	var otherSent time.Time
	for n := range flood {
		if n == flood/2 {
			other, otherSent = fake.DispatchInteraction(t, askFrom(t, "1202", "3701")), time.Now()
		}
		ids = append(ids, fake.DispatchInteraction(t, askFrom(t, "1201", "3700")).ID)
	}
	resp := fake.WaitInteractionResponse(t, other.ID)
	if took := time.Since(otherSent); strings.Contains(resp.Data.Content, "faster") || took > interactionTTL {
		t.Errorf("the other user's question, in the flood: %q after %v", resp.Data.Content, took)
	}
	answered := 0
	for _, id := range ids {
		if !strings.Contains(fake.WaitInteractionResponse(t, id).Data.Content, "faster than I answer") {
			answered++
		}
	}
	if answered != 5 {
		t.Errorf("%d of %d answered, want the 5 the limit allows", answered, flood)
	}
	if after := heap(); after > before+32<<20 {
		t.Errorf("the heap grew from %d to %d bytes in the flood", before, after)
	}
}

// Whatever the gateway does to the connection, the bot comes back and
// answers; an interaction sent as the connection failed is replayed on
// resume and answered once.
func TestGatewayMisbehaviour(t *testing.T) {
	for _, c := range []struct {
		name       string
		do         func(*discordtest.Server)
		reconnects bool // op 9 is answered with IDENTIFY on the same connection
	}{
		{"op 7 reconnect", (*discordtest.Server).SendReconnect, true},
		{"op 9 not resumable", func(f *discordtest.Server) { f.InvalidateSession(false) }, false},
		{"a dropped TCP connection", (*discordtest.Server).DropTCP, true},
		{"a 4000 close", (*discordtest.Server).Disconnect, true},
	} {
		t.Run(c.name, func(t *testing.T) {
			fake := discordtest.New(t)
			r := start(t, fake)
			r.ready(t)
			connects := fake.Connects()
			c.do(fake)
			i := fake.DispatchInteraction(t, askFrom(t, "1301", "3800"))
			if resp := fake.WaitInteractionResponse(t, i.ID); !strings.Contains(resp.Data.Content, "March 2, 2017") {
				t.Errorf("after %s: %q", c.name, resp.Data.Content)
			}
			if c.reconnects && fake.Connects() == connects {
				t.Errorf("after %s the bot never reconnected", c.name)
			}
		})
	}
	t.Run("an interaction lost with the connection", func(t *testing.T) {
		fake := discordtest.New(t)
		r := start(t, fake)
		r.ready(t)
		i := askFrom(t, "1302", "3801")
		i.ID, i.Token, i.AppID, i.Version = "1300000000000099999", "interaction-token-lost", fake.ApplicationID(), 1
		fake.DispatchAway(t, "INTERACTION_CREATE", i)
		if resp := fake.WaitInteractionResponse(t, i.ID); !strings.Contains(resp.Data.Content, "March 2, 2017") {
			t.Errorf("the replayed interaction: %q", resp.Data.Content)
		}
		time.Sleep(300 * time.Millisecond)
		if got := callbacksFor(fake, i.ID); len(got) != 1 {
			t.Errorf("%d answers to the replayed interaction, want 1", len(got))
		}
	})
}
