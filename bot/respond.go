package bot

import (
	"context"
	"errors"
	"log/slog"
	"runtime/debug"
	"sync"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/timelinebot/timelinebot/answer"
)

// Observer is told how every interaction went, for metrics. Labels are
// route names the bot has and fixed outcomes: never a guild, a user or a
// token.
type Observer interface {
	// Answered: command is the route ("ask", "autocomplete:search",
	// "button:pg", "unknown"), outcome one of the Outcome constants,
	// took the time from arrival to the answer being ready.
	Answered(command string, outcome Outcome, deferred bool, took time.Duration)
	// Reconnected: the gateway connection came back after a drop.
	Reconnected()
}

// Outcome is how an interaction ended.
type Outcome string

// Outcomes.
const (
	OutcomeOK          Outcome = "ok"
	OutcomeUserError   Outcome = "user_error" // a date that does not read, an expired button
	OutcomeError       Outcome = "error"      // a bug or a failure of ours
	OutcomeRateLimited Outcome = "rate_limited"
	OutcomeBusy        Outcome = "busy" // no answer slot came free in time
	OutcomeLate        Outcome = "late" // an autocomplete not ready by the deadline: no choices
)

func outcomeOf(err error) Outcome {
	var ue *answer.Error
	switch {
	case err == nil:
		return OutcomeOK
	case errors.As(err, &ue) && ue.Code != answer.CodeInternal:
		return OutcomeUserError
	}
	return OutcomeError
}

type nopObserver struct{}

func (nopObserver) Answered(string, Outcome, bool, time.Duration) {}
func (nopObserver) Reconnected()                                  {}

// Responder answers interactions for every transport, the gateway's and
// the HTTP endpoint's: it admits them (rate limits, a slot to answer in),
// runs the router, and when an answer is not ready in time for Discord's
// three seconds, sends a deferral at once and the answer later, as an
// edit of the original response over REST.
type Responder struct {
	router   *Router
	guard    *guard
	log      *slog.Logger
	rest     *discordgo.Session // for the edits that complete deferred answers
	observer Observer
	// deferAfter is the longest an answer is waited for before deferring.
	deferAfter time.Duration
	// pending counts deferred answers not yet sent.
	pending sync.WaitGroup
}

// The default wait before deferring; what is left of the three seconds
// is for the deferral to reach Discord.
const defaultDeferAfter = 2 * time.Second

// roundTrip is what a response needs to reach Discord: a deferral is sent
// this long before the deadline, however long deferAfter is.
const roundTrip = 700 * time.Millisecond

// deferredTimeout bounds a deferred answer. An interaction's token lasts
// fifteen minutes; nobody waits that long for an answer.
const deferredTimeout = 30 * time.Second

// NewResponder returns a responder for the handlers' routes; rest edits
// deferred answers (it needs no token: interaction webhooks are
// authorised by their own).
func NewResponder(cfg Config, h *Handlers, rest *discordgo.Session, log *slog.Logger) *Responder {
	cfg = cfg.withDefaults()
	r := NewRouter(log)
	h.Routes(r)
	return &Responder{router: r, guard: newGuard(cfg.Limits), log: log, rest: rest, observer: cfg.Observer, deferAfter: cfg.DeferAfter}
}

// Respond answers i, which arrived at arrived: it calls send once with the
// first response, the answer or a deferral, and returns. A deferred
// answer goes on in the background, within work, and is sent as an edit;
// Wait waits for those.
func (r *Responder) Respond(work context.Context, i *discordgo.Interaction, arrived time.Time, send func(context.Context, *discordgo.InteractionResponse) error) {
	deadline := deadlineOf(i, arrived)
	ctx, cancel := context.WithDeadline(work, deadline)
	defer cancel()
	label := r.router.label(i)
	sendNow := func(resp *discordgo.InteractionResponse, outcome Outcome) {
		r.observer.Answered(label, outcome, false, time.Since(arrived))
		if err := send(ctx, resp); err != nil {
			r.log.Error("sending an interaction response", "interaction", i.ID, "err", Redact(err))
		}
	}
	// Autocomplete comes a keystroke at a time and costs a lookup; only
	// questions and button presses count against the asker.
	if i.Type != discordgo.InteractionApplicationCommandAutocomplete {
		if ok, wait, _ := r.guard.admit(userOf(i), i.ChannelID, arrived); !ok {
			r.log.Info("rate limited", "interaction", i.ID, "retry_in", wait)
			sendNow(r.router.failure(i, slowDown(wait)), OutcomeRateLimited)
			return
		}
	}
	// Autocomplete reads no index (it filters titles) and cannot be
	// deferred: it takes no answer slot, so a flood of keystrokes does
	// not make questions wait.
	slot := i.Type != discordgo.InteractionApplicationCommandAutocomplete
	if slot {
		// Wait for a slot only as long as leaves time to say so.
		waitCtx, cancelWait := context.WithDeadline(ctx, deadline.Add(-roundTrip))
		ok := r.guard.acquire(waitCtx)
		cancelWait()
		if !ok {
			r.log.Warn("too busy to answer in time", "interaction", i.ID)
			sendNow(r.router.failure(i, userError(answer.CodeInternal, "I'm busy right now; please ask again in a moment.")), OutcomeBusy)
			return
		}
	}
	type result struct {
		resp *discordgo.InteractionResponse
		err  error
	}
	done := make(chan result, 1)
	answerCtx, cancelAnswer := context.WithTimeout(work, deferredTimeout)
	go func() {
		if slot {
			defer r.guard.release()
		}
		resp, err := r.router.handle(answerCtx, i)
		done <- result{resp, err}
	}()
	wait := min(r.deferAfter, time.Until(deadline)-roundTrip)
	timer := time.NewTimer(max(wait, 0))
	defer timer.Stop()
	select {
	case res := <-done:
		cancelAnswer()
		sendNow(res.resp, outcomeOf(res.err))
		return
	case <-timer.C:
	}
	if i.Type == discordgo.InteractionApplicationCommandAutocomplete {
		// Choices cannot be deferred: none now is better than none ever.
		cancelAnswer()
		sendNow(r.router.failure(i, nil), OutcomeLate)
		return
	}
	deferred := deferral(i)
	if err := send(ctx, deferred); err != nil {
		cancelAnswer()
		r.log.Error("sending a deferral", "interaction", i.ID, "err", Redact(err))
		return
	}
	r.log.Info("answer deferred", "interaction", i.ID, "route", label)
	r.pending.Add(1)
	go func() {
		defer r.pending.Done()
		defer cancelAnswer()
		defer func() {
			if p := recover(); p != nil {
				r.log.Error("completing a deferred answer panicked", "interaction", i.ID, "panic", p, "stack", string(debug.Stack()))
			}
		}()
		res := <-done
		r.observer.Answered(label, outcomeOf(res.err), true, time.Since(arrived))
		// The answer's own time may be up: sending it gets time of its own.
		sendCtx, cancelSend := context.WithTimeout(context.WithoutCancel(work), sendTimeout)
		defer cancelSend()
		if err := r.complete(sendCtx, i, deferred, res.resp, res.err); err != nil {
			r.log.Error("completing a deferred answer", "interaction", i.ID, "err", Redact(err))
		}
	}()
}

// sendTimeout bounds the REST calls that complete a deferred answer.
const sendTimeout = 10 * time.Second

// complete sends a deferred answer: an edit of the original response. A
// failure is told privately, as it would have been at once: after a page
// button's silent deferral the page stays as it was; after "thinking..."
// the placeholder goes, so no apology is left where everyone sees it.
func (r *Responder) complete(ctx context.Context, i *discordgo.Interaction, deferred, resp *discordgo.InteractionResponse, failed error) error {
	if failed == nil {
		_, err := r.rest.InteractionResponseEdit(i, editOf(resp), discordgo.WithContext(ctx))
		return err
	}
	if deferred.Type == discordgo.InteractionResponseDeferredChannelMessageWithSource {
		if err := r.rest.InteractionResponseDelete(i, discordgo.WithContext(ctx)); err != nil {
			return err
		}
	}
	d := resp.Data
	_, err := r.rest.FollowupMessageCreate(i, false, &discordgo.WebhookParams{
		Content: d.Content, Flags: discordgo.MessageFlagsEphemeral, AllowedMentions: noMentions(),
	}, discordgo.WithContext(ctx))
	return err
}

// Wait waits up to d for the deferred answers under way to be sent, and
// reports whether they all were.
func (r *Responder) Wait(d time.Duration) bool {
	done := make(chan struct{})
	go func() { r.pending.Wait(); close(done) }()
	select {
	case <-done:
		return true
	case <-time.After(d):
		return false
	}
}

// deferral is the response that buys time: "thinking..." for a command or
// a follow-up button, a silent acknowledgement for a page button, whose
// message the answer then redraws. Private replies stay private.
func deferral(i *discordgo.Interaction) *discordgo.InteractionResponse {
	private := false
	switch i.Type {
	case discordgo.InteractionMessageComponent:
		id := i.MessageComponentData().CustomID
		if _, _, ok := parsePageID(id); ok {
			return &discordgo.InteractionResponse{Type: discordgo.InteractionResponseDeferredMessageUpdate}
		}
		f, _ := parseFollowID(id)
		private = f.Private
	case discordgo.InteractionApplicationCommand:
		_, private = options(i)
	}
	resp := &discordgo.InteractionResponse{Type: discordgo.InteractionResponseDeferredChannelMessageWithSource, Data: &discordgo.InteractionResponseData{}}
	if private {
		resp.Data.Flags = discordgo.MessageFlagsEphemeral
	}
	return resp
}

// editOf is a response as the edit that completes a deferral: the flags
// were the deferral's to set.
func editOf(resp *discordgo.InteractionResponse) *discordgo.WebhookEdit {
	d := resp.Data
	if d == nil {
		d = &discordgo.InteractionResponseData{}
	}
	content, embeds, components := d.Content, d.Embeds, d.Components
	if embeds == nil {
		embeds = []*discordgo.MessageEmbed{}
	}
	if components == nil {
		components = []discordgo.MessageComponent{}
	}
	mentions := d.AllowedMentions
	if mentions == nil {
		mentions = noMentions()
	}
	return &discordgo.WebhookEdit{Content: &content, Embeds: &embeds, Components: &components, AllowedMentions: mentions}
}
