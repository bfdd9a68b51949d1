// Package discordtest is a fake Discord for tests, served on loopback: the
// parts of the REST API and the gateway a bot uses, enough for a real
// discordgo session to connect, receive the events a test dispatches and
// send its replies. The fake records every REST request, and holds what
// the bot sends to Discord's documented limits: a body over one fails the
// test and gets Discord's 400, so the bot sees the error it would see.
//
// The session reaches the fake by a transport that sends every request to
// URL() instead of discord.com; the gateway address comes from the fake's
// own GET /api/v9/gateway.
//
// The gateway is sharded as Discord's is: each IDENTIFY names its shard,
// the fake keeps one live connection per shard, and an event goes to the
// shard its guild falls on (see ShardOf), so a test can run one bot
// process per shard against one fake. A bot that does not shard is shard
// 0 of 1 and gets everything.
package discordtest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"path"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"
)

// Defaults of the fake's identity. The application ID is the one the
// interactions in bot/testdata carry.
const (
	DefaultToken         = "discordtest-token"
	DefaultApplicationID = "1170000000000000001"
	BotUsername          = "TimelineBot"
)

const api = "/api/v9"

// Request is one REST request the fake received.
type Request struct {
	Method string
	Path   string // as sent, /api/v9/...
	Query  string
	Body   []byte // raw JSON
	Status int    // what the fake answered
	Time   time.Time
}

// Decode unmarshals the body into v; discordgo's message and response
// types get their components too.
func (r Request) Decode(v any) error { return decode(r.Body, v) }

// Option changes the fake's identity or patience.
type Option func(*Server)

// WithToken sets the bot token the fake accepts, without the "Bot " prefix.
func WithToken(token string) Option { return func(s *Server) { s.token = token } }

// WithApplicationID sets the application ID the fake announces in READY.
func WithApplicationID(id string) Option { return func(s *Server) { s.appID = id } }

// WithBotUserID sets the bot user's ID; by default it is the application's,
// as it is for Discord bots.
func WithBotUserID(id string) Option { return func(s *Server) { s.botID = id } }

// WithTimeout sets how long waits and dispatches wait before failing the
// test; ten seconds by default.
func WithTimeout(d time.Duration) Option { return func(s *Server) { s.timeout = d } }

// WithHeartbeatInterval sets the interval HELLO asks for (45 s, Discord's
// usual, by default): a test of heartbeats wants a short one.
func WithHeartbeatInterval(d time.Duration) Option {
	return func(s *Server) { s.heartbeat = d }
}

// WithRecommendedShards sets the shard count GET /gateway/bot recommends;
// 1 by default.
func WithRecommendedShards(n int) Option { return func(s *Server) { s.recommended = max(n, 1) } }

// WithRequiredShards makes the fake close an IDENTIFY with fewer than n
// shards with 4011 "Sharding required.", as Discord does once a bot is in
// too many guilds for the shards it asks for; 1, no requirement, by
// default.
func WithRequiredShards(n int) Option { return func(s *Server) { s.required = max(n, 1) } }

// Server is the fake Discord.
type Server struct {
	t       testing.TB
	http    *httptest.Server
	token   string
	appID   string
	botID   string
	timeout time.Duration
	ids     atomic.Int64
	// accepted counts the TCP connections the fake has accepted.
	accepted atomic.Int64

	mu       sync.Mutex
	changed  chan struct{} // closed and replaced at every change below
	requests []Request
	taken    []bool // requests already returned by a wait
	failures []failure
	commands map[string][]*discordgo.ApplicationCommand // by guild, "" for global
	acked    map[string]bool                            // interaction IDs answered
	channels map[string]string                          // interaction token → channel
	original map[string]*discordgo.Message              // interaction token → its reply
	messages map[string]*discordgo.Message              // followups by interaction token + "/" + ID
	files    map[string]attachment                      // what Attachment serves, by path

	// gateway state, also under mu
	heartbeat   time.Duration
	recommended int  // WithRecommendedShards
	required    int  // WithRequiredShards
	noAcks      bool // StopAcking: heartbeats go unanswered
	reject      int  // RejectSessions: IDENTIFY and RESUME are closed with it
	connects    int  // gateway connections opened
	conns       map[*gwConn]struct{}
	// live holds, by shard ID, the identified connection that shard's
	// dispatches go to; a shard without one has no entry.
	live map[int]*gwConn
	// shardCount is the count the live shards identified with, all the
	// same one; when none is live, the count last identified or resumed
	// with, so that a dispatch waits for the shard it will go to. 0
	// before any client identified.
	shardCount   int
	identify     *Identify               // the last IDENTIFY accepted
	identifies   []Identify              // every IDENTIFY read
	sessionID    map[string]bool         // handed out in READY, for RESUME
	sessions     map[string]*[]sentEvent // the dispatches of each session, for replay
	sessionShard map[string][2]int       // the shard each session identified as, for RESUME
	closed       bool
	wg           sync.WaitGroup // gateway connections
}

type failure struct {
	method, pattern string
	Failure
}

// Failure is how a request fails (see Fail): its status, for a 429 the
// wait Discord asks for and whether the limit is global, and a delay
// before the answer, which may be the right one (Status 0).
type Failure struct {
	Status     int
	RetryAfter time.Duration
	Global     bool
	Delay      time.Duration
}

// New starts a fake Discord and stops it when the test ends. Violations of
// Discord's limits in what the bot sends are reported to t. Sessions
// connected to the fake should be closed before then, or they will keep
// trying to reconnect to it.
func New(t testing.TB, opts ...Option) *Server {
	t.Helper()
	s := &Server{
		t:            t,
		token:        DefaultToken,
		appID:        DefaultApplicationID,
		timeout:      10 * time.Second,
		heartbeat:    heartbeatInterval * time.Millisecond,
		recommended:  1,
		required:     1,
		changed:      make(chan struct{}),
		commands:     map[string][]*discordgo.ApplicationCommand{},
		acked:        map[string]bool{},
		channels:     map[string]string{},
		original:     map[string]*discordgo.Message{},
		messages:     map[string]*discordgo.Message{},
		files:        map[string]attachment{},
		conns:        map[*gwConn]struct{}{},
		live:         map[int]*gwConn{},
		sessionID:    map[string]bool{},
		sessions:     map[string]*[]sentEvent{},
		sessionShard: map[string][2]int{},
	}
	s.ids.Store(1300000000000000000)
	for _, o := range opts {
		o(s)
	}
	if s.botID == "" {
		s.botID = s.appID
	}

	mux := http.NewServeMux()
	handle := func(pattern string, h func(*http.Request, []byte) (int, any)) {
		mux.HandleFunc(pattern, s.api(h))
	}
	handle("GET "+api+"/gateway", s.getGateway)
	handle("GET "+api+"/gateway/bot", s.getGatewayBot)
	handle("GET "+api+"/users/@me", s.getMe)
	handle("GET "+api+"/oauth2/applications/@me", s.getApplication)
	handle("GET "+api+"/applications/{app}/commands", s.getCommands)
	handle("PUT "+api+"/applications/{app}/commands", s.putCommands)
	handle("GET "+api+"/applications/{app}/guilds/{guild}/commands", s.getCommands)
	handle("PUT "+api+"/applications/{app}/guilds/{guild}/commands", s.putCommands)
	handle("POST "+api+"/interactions/{id}/{token}/callback", s.postCallback)
	handle("POST "+api+"/webhooks/{app}/{token}", s.postFollowup)
	handle("GET "+api+"/webhooks/{app}/{token}/messages/{message}", s.getMessage)
	handle("PATCH "+api+"/webhooks/{app}/{token}/messages/{message}", s.patchMessage)
	handle("DELETE "+api+"/webhooks/{app}/{token}/messages/{message}", s.deleteMessage)
	handle("POST "+api+"/channels/{channel}/messages", s.postChannelMessage)
	handle("/", s.notFound)
	// The CDN, for attachments; no token, as on Discord's.
	mux.HandleFunc("GET /attachments/{id}/{name}", s.serveAttachment)
	// discordgo adds a slash to the gateway URL before its query.
	mux.HandleFunc("GET /gateway", s.serveGateway)
	mux.HandleFunc("GET /gateway/{$}", s.serveGateway)

	s.http = httptest.NewUnstartedServer(mux)
	s.http.Config.ConnState = func(_ net.Conn, state http.ConnState) {
		if state == http.StateNew {
			s.accepted.Add(1)
		}
	}
	s.http.Start()
	t.Cleanup(s.close)
	return s
}

// URL is the fake's base URL, http://127.0.0.1:PORT, to send discord.com's
// requests to.
func (s *Server) URL() string { return s.http.URL }

// RESTConnections is how many TCP connections the fake has accepted, the
// gateway's included: a test of connection reuse reads how it grows.
func (s *Server) RESTConnections() int { return int(s.accepted.Load()) }

// Token is the bot token the fake accepts, without the "Bot " prefix.
func (s *Server) Token() string { return s.token }

// ApplicationID is the application the fake announces in READY.
func (s *Server) ApplicationID() string { return s.appID }

// BotUserID is the bot user's ID.
func (s *Server) BotUserID() string { return s.botID }

func (s *Server) close() {
	s.mu.Lock()
	s.closed = true
	clear(s.live)
	conns := make([]*gwConn, 0, len(s.conns))
	for c := range s.conns {
		conns = append(conns, c)
	}
	s.mu.Unlock()
	for _, c := range conns {
		c.closeWith(1001, "going away")
	}
	s.wg.Wait()
	s.http.Close()
}

func (s *Server) newID() string { return strconv.FormatInt(s.ids.Add(1), 10) }

// notifyLocked wakes the waiters; s.mu must be held.
func (s *Server) notifyLocked() {
	close(s.changed)
	s.changed = make(chan struct{})
}

// await blocks until cond, called with s.mu held, is true, or the timeout
// passes; it reports which.
func (s *Server) await(cond func() bool) bool {
	deadline := time.NewTimer(s.timeout)
	defer deadline.Stop()
	for {
		s.mu.Lock()
		ok := cond()
		ch := s.changed
		s.mu.Unlock()
		if ok {
			return true
		}
		select {
		case <-ch:
		case <-deadline.C:
			return false
		}
	}
}

// Requests returns every REST request received so far, in order.
func (s *Server) Requests() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]Request, len(s.requests))
	for i, r := range s.requests {
		r.Body = bytes.Clone(r.Body)
		out[i] = r
	}
	return out
}

// WaitRequest returns the first request with the method whose path matches
// pattern (path.Match syntax: * is any run of characters but /) that no
// wait has returned before, waiting for one to arrive if need be. It fails
// the test if none comes in time. An empty method matches any.
func (s *Server) WaitRequest(t testing.TB, method, pattern string) Request {
	t.Helper()
	if _, err := path.Match(pattern, ""); err != nil {
		t.Fatalf("discordtest: bad pattern %q: %v", pattern, err)
	}
	return s.waitRequest(t, method+" "+pattern, func(r Request) bool {
		ok, _ := path.Match(pattern, r.Path)
		return ok && (method == "" || r.Method == method)
	})
}

// WaitRequestFunc is WaitRequest with a test of its own.
func (s *Server) WaitRequestFunc(t testing.TB, match func(Request) bool) Request {
	t.Helper()
	return s.waitRequest(t, "a matching request", match)
}

func (s *Server) waitRequest(t testing.TB, what string, match func(Request) bool) Request {
	t.Helper()
	var got Request
	ok := s.await(func() bool {
		for i, r := range s.requests {
			if !s.taken[i] && match(r) {
				s.taken[i] = true
				got = r
				got.Body = bytes.Clone(r.Body)
				return true
			}
		}
		return false
	})
	if !ok {
		var seen []string
		for _, r := range s.Requests() {
			seen = append(seen, describe(r))
		}
		t.Fatalf("discordtest: no %s within %v; received:\n  %s", what, s.timeout, strings.Join(seen, "\n  "))
	}
	return got
}

// WaitInteractionResponse returns the next response to the interaction.
func (s *Server) WaitInteractionResponse(t testing.TB, interactionID string) *discordgo.InteractionResponse {
	t.Helper()
	r := s.WaitRequest(t, http.MethodPost, api+"/interactions/"+interactionID+"/*/callback")
	var out discordgo.InteractionResponse
	if err := r.Decode(&out); err != nil {
		t.Fatalf("discordtest: interaction response: %v", err)
	}
	return &out
}

// WaitEdit returns the next edit of the reply to the interaction with the
// token, as sent after a deferral.
func (s *Server) WaitEdit(t testing.TB, interactionToken string) *discordgo.WebhookEdit {
	t.Helper()
	r := s.WaitRequest(t, http.MethodPatch, api+"/webhooks/*/"+interactionToken+"/messages/@original")
	if r.Status < 200 || r.Status > 299 {
		t.Errorf("discordtest: the edit of @original was refused with %d: %s", r.Status, r.Body)
	}
	var out discordgo.WebhookEdit
	if err := r.Decode(&out); err != nil {
		t.Fatalf("discordtest: reply edit: %v", err)
	}
	return &out
}

// WaitMessage returns the next message the bot sends to the channel.
func (s *Server) WaitMessage(t testing.TB, channelID string) *discordgo.MessageSend {
	t.Helper()
	r := s.WaitRequest(t, http.MethodPost, api+"/channels/"+channelID+"/messages")
	var out discordgo.MessageSend
	if err := r.Decode(&out); err != nil {
		t.Fatalf("discordtest: channel message: %v", err)
	}
	return &out
}

// FailNext makes the next request with the method whose path matches
// pattern fail with status and a Discord-style error body. A 429 has no
// retry_after, so discordgo retries it at once.
func (s *Server) FailNext(method, pattern string, status int) {
	s.Fail(method, pattern, Failure{Status: status})
}

// Fail makes the next request with the method whose path matches pattern
// fail as f says: a 429 carries retry_after (seconds), global and the
// X-RateLimit-* and Retry-After headers, as Discord's do; a delay holds
// the answer back, and with status 0 the answer is then the real one.
func (s *Server) Fail(method, pattern string, f Failure) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.failures = append(s.failures, failure{method: method, pattern: pattern, Failure: f})
}

// SetCommands replaces the commands registered for the guild ("" for the
// global ones), as if registered before the bot started.
func (s *Server) SetCommands(guildID string, cmds []*discordgo.ApplicationCommand) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.commands[guildID] = s.storeCommandsLocked(guildID, cmds)
}

// Commands returns the commands registered for the guild ("" for the
// global ones).
func (s *Server) Commands(guildID string) []*discordgo.ApplicationCommand {
	s.mu.Lock()
	defer s.mu.Unlock()
	return cloneCommands(s.commands[guildID])
}

// storeCommandsLocked gives the commands the IDs Discord would: a command
// keeps its ID when one of its type and name was registered before.
func (s *Server) storeCommandsLocked(guildID string, cmds []*discordgo.ApplicationCommand) []*discordgo.ApplicationCommand {
	old := map[string]string{}
	for _, c := range s.commands[guildID] {
		old[fmt.Sprintf("%d/%s", c.Type, c.Name)] = c.ID
	}
	out := cloneCommands(cmds)
	for _, c := range out {
		if c.Type == 0 {
			c.Type = discordgo.ChatApplicationCommand
		}
		if c.ID == "" {
			c.ID = old[fmt.Sprintf("%d/%s", c.Type, c.Name)]
		}
		if c.ID == "" {
			c.ID = s.newID()
		}
		c.ApplicationID = s.appID
		c.GuildID = guildID
		c.Version = s.newID()
	}
	return out
}

func cloneCommands(cmds []*discordgo.ApplicationCommand) []*discordgo.ApplicationCommand {
	out := []*discordgo.ApplicationCommand{}
	raw, err := json.Marshal(cmds)
	if err == nil {
		err = json.Unmarshal(raw, &out)
	}
	if err != nil || out == nil {
		return []*discordgo.ApplicationCommand{}
	}
	return out
}

// apiError is Discord's error body.
type apiError struct {
	Message string `json:"message"`
	Code    int    `json:"code"`
	Errors  any    `json:"errors,omitempty"`
}

func statusError(status int) apiError {
	return apiError{Message: fmt.Sprintf("%d: %s", status, http.StatusText(status))}
}

var (
	unknownApplication = apiError{Message: "Unknown Application", Code: 10002}
	unknownMessage     = apiError{Message: "Unknown Message", Code: 10008}
	unknownWebhook     = apiError{Message: "Unknown Webhook", Code: 10015}
)

// authorized: the bot's token, or, on the routes an interaction's own
// token authorises (its callback and webhook), no Authorization at all,
// as an HTTP-only bot without a token calls them. A wrong token is
// refused everywhere, as Discord refuses it.
func (s *Server) authorized(r *http.Request) bool {
	auth := r.Header.Get("Authorization")
	if auth == "Bot "+s.token {
		return true
	}
	interactionRoute := strings.HasPrefix(r.URL.Path, api+"/webhooks/") || strings.HasPrefix(r.URL.Path, api+"/interactions/")
	return auth == "" && interactionRoute
}

// api wraps a route: it reads the body, checks the token, applies
// FailNext, and records the request with the answer.
func (s *Server) api(h func(*http.Request, []byte) (int, any)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, 8<<20))
		var status int
		var out any
		if err != nil {
			status, out = http.StatusBadRequest, statusError(http.StatusBadRequest)
		} else if !s.authorized(r) {
			status, out = http.StatusUnauthorized, statusError(http.StatusUnauthorized)
		} else if failed, ok := s.takeFailure(r.Method, r.URL.Path); ok && failed.Status != 0 {
			time.Sleep(failed.Delay)
			status, out = failed.Status, statusError(failed.Status)
			if failed.Status == http.StatusTooManyRequests {
				out = rateLimited(w, failed)
			}
		} else if ok && failed.Delay > 0 && !sleepOr(r, failed.Delay) {
			status, out = http.StatusServiceUnavailable, statusError(http.StatusServiceUnavailable)
		} else if strings.HasPrefix(r.Header.Get("Content-Type"), "multipart/") {
			s.t.Errorf("discordtest: %s %s: multipart bodies (files) are not supported", r.Method, r.URL.Path)
			status, out = http.StatusBadRequest, statusError(http.StatusBadRequest)
		} else {
			status, out = h(r, body)
		}
		s.mu.Lock()
		s.requests = append(s.requests, Request{
			Method: r.Method, Path: r.URL.Path, Query: r.URL.RawQuery,
			Body: body, Status: status, Time: time.Now(),
		})
		s.taken = append(s.taken, false)
		s.notifyLocked()
		s.mu.Unlock()
		writeJSON(w, status, out)
	}
}
