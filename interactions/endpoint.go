package interactions

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"encoding/hex"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"runtime/debug"
	"strconv"
	"strings"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/timelinebot/timelinebot/bot"
)

// MaxBody is the largest interaction read. Discord's are a few KiB; the
// cap keeps a stranger from making the server read without end.
const MaxBody = 64 << 10

// MaxSkew is how far a request's signed timestamp may be from now: an
// older request is a replay.
const MaxSkew = 5 * time.Minute

// Endpoint is the http.Handler of POST /interactions.
type Endpoint struct {
	key       ed25519.PublicKey
	responder *bot.Responder
	log       *slog.Logger
	now       func() time.Time
	// work is the context deferred answers run in: not the request's,
	// which ends with the reply.
	work context.Context
}

// New returns the endpoint for an application's public key. Deferred
// answers run within work.
func New(work context.Context, key ed25519.PublicKey, r *bot.Responder, log *slog.Logger) *Endpoint {
	return &Endpoint{key: key, responder: r, log: log, now: time.Now, work: context.WithoutCancel(work)}
}

// ServeHTTP checks the request, in this order, before any handler runs:
// the method, the size, the signature and its time, then that the body is
// an interaction. A PING is answered with a PONG; anything else by the
// responder, inline.
func (e *Endpoint) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	arrived := e.now()
	defer func() {
		// The responder recovers the handlers' panics; this guards the
		// checks and the writing, so the server keeps serving.
		if p := recover(); p != nil {
			e.log.Error("interactions endpoint panicked", "panic", p, "stack", string(debug.Stack()))
			http.Error(w, "internal error", http.StatusInternalServerError)
		}
	}()
	if r.Method != http.MethodPost {
		w.Header().Set("Allow", http.MethodPost)
		http.Error(w, "POST only", http.StatusMethodNotAllowed)
		return
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, MaxBody))
	if err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			http.Error(w, "request too large", http.StatusRequestEntityTooLarge)
			return
		}
		http.Error(w, "could not read the request", http.StatusBadRequest)
		return
	}
	if !e.signed(r, body, arrived) {
		e.log.Info("interaction refused: bad signature", "remote", r.RemoteAddr)
		http.Error(w, "invalid request signature", http.StatusUnauthorized)
		return
	}
	var i discordgo.Interaction
	if err := json.Unmarshal(body, &i); err != nil {
		e.log.Warn("signed interaction does not decode", "err", err)
		http.Error(w, "not an interaction", http.StatusBadRequest)
		return
	}
	if i.Type == discordgo.InteractionPing {
		writeJSON(w, &discordgo.InteractionResponse{Type: discordgo.InteractionResponsePong})
		return
	}
	sent := false
	e.responder.Respond(e.work, &i, arrived, func(_ context.Context, resp *discordgo.InteractionResponse) error {
		if sent {
			return errors.New("interactions: a second response to one request")
		}
		sent = true
		return writeJSON(w, resp)
	})
}

// signed reports whether the request carries Discord's signature of its
// timestamp and body, made within MaxSkew of now.
func (e *Endpoint) signed(r *http.Request, body []byte, now time.Time) bool {
	ts, err := strconv.ParseInt(r.Header.Get("X-Signature-Timestamp"), 10, 64)
	if err != nil {
		return false
	}
	if d := now.Sub(time.Unix(ts, 0)); d > MaxSkew || d < -MaxSkew {
		return false
	}
	// discordgo's check reads the body from the request; it gets the one
	// already read, size capped.
	check := r.Clone(r.Context())
	check.Body = io.NopCloser(bytes.NewReader(body))
	return discordgo.VerifyInteraction(check, e.key)
}

func writeJSON(w http.ResponseWriter, v any) error {
	raw, err := json.Marshal(v)
	if err != nil {
		http.Error(w, "internal error", http.StatusInternalServerError)
		return err
	}
	w.Header().Set("Content-Type", "application/json")
	// With its length known and flushed, the reply is whole at Discord
	// before the handler returns: a deferred answer's edit, which may
	// follow at once, must not overtake the deferral.
	w.Header().Set("Content-Length", strconv.Itoa(len(raw)))
	if _, err := w.Write(raw); err != nil {
		return err
	}
	if f, ok := w.(http.Flusher); ok {
		f.Flush()
	}
	return nil
}

// ParseKey reads an application's public key as the developer portal
// shows it: 64 hex digits.
func ParseKey(hexKey string) (ed25519.PublicKey, error) {
	raw, err := hex.DecodeString(strings.TrimSpace(hexKey))
	if err != nil || len(raw) != ed25519.PublicKeySize {
		return nil, errors.New("DISCORD_PUBLIC_KEY: want the application's public key, 64 hex digits, from the developer portal")
	}
	return ed25519.PublicKey(raw), nil
}
