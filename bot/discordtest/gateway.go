package discordtest

import (
	"encoding/json"
	"net/http"
	"slices"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/gorilla/websocket"
)

// Gateway opcodes.
const (
	opDispatch       = 0
	opHeartbeat      = 1
	opIdentify       = 2
	opResume         = 6
	opReconnect      = 7
	opInvalidSession = 9
	opHello          = 10
	opHeartbeatAck   = 11
)

// heartbeatInterval is Discord's usual; after the first beat, a test is over
// long before the next.
const heartbeatInterval = 45000

var upgrader = websocket.Upgrader{CheckOrigin: func(*http.Request) bool { return true }}

// gwConn is one gateway connection.
type gwConn struct {
	ws *websocket.Conn
	// wmu serialises writes, which gorilla/websocket requires, and keeps
	// sequence numbers in the order the events go out.
	wmu     sync.Mutex
	seq     int64  // last sequence number sent, under wmu
	session string // the session identified or resumed on it, under wmu
	// sent are the dispatches sent on the session, for a resume to
	// replay those the client did not see; shared by the session's
	// connections, under wmu.
	sent *[]sentEvent
	// shard is the shard ID the connection identified or resumed as,
	// under the Server's mu; it means something only while the
	// connection is live.
	shard int
}

// sentEvent is a dispatch as sent, for replay.
type sentEvent struct {
	seq   int64
	event string
	d     json.RawMessage
}

type frame struct {
	Op int             `json:"op"`
	D  json.RawMessage `json:"d"`
	S  *int64          `json:"s"`
	T  *string         `json:"t"`
}

// sendLocked writes one payload; c.wmu must be held. A dispatch gets the
// next sequence number.
func (c *gwConn) sendLocked(op int, event string, d any) error {
	raw, err := json.Marshal(d)
	if err != nil {
		return err
	}
	f := frame{Op: op, D: raw}
	if op == opDispatch {
		c.seq++
		seq := c.seq
		f.S, f.T = &seq, &event
	}
	_ = c.ws.SetWriteDeadline(time.Now().Add(5 * time.Second))
	if err := c.ws.WriteJSON(f); err != nil {
		// Not sent: the sequence number is the next event's, and a
		// resume has nothing of it to replay.
		if op == opDispatch {
			c.seq--
		}
		return err
	}
	if op == opDispatch && c.sent != nil {
		*c.sent = append(*c.sent, sentEvent{seq: *f.S, event: event, d: raw})
	}
	return nil
}

func (c *gwConn) send(op int, event string, d any) error {
	c.wmu.Lock()
	defer c.wmu.Unlock()
	return c.sendLocked(op, event, d)
}

// closeWith closes the connection with a close frame, as Discord does.
func (c *gwConn) closeWith(code int, text string) {
	_ = c.ws.WriteControl(websocket.CloseMessage, websocket.FormatCloseMessage(code, text), time.Now().Add(time.Second))
	_ = c.ws.Close()
}

func (s *Server) serveGateway(w http.ResponseWriter, r *http.Request) {
	ws, err := upgrader.Upgrade(w, r, nil)
	if err != nil {
		return // Upgrade has answered the request
	}
	c := &gwConn{ws: ws}
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		_ = ws.Close()
		return
	}
	s.conns[c] = struct{}{}
	s.connects++
	s.notifyLocked()
	interval := s.heartbeat
	s.wg.Add(1)
	s.mu.Unlock()
	defer s.wg.Done()
	defer s.drop(c)

	if c.send(opHello, "", map[string]int64{"heartbeat_interval": interval.Milliseconds()}) != nil {
		return
	}
	for {
		// A close frame from the client, or the connection closing, ends
		// the read with an error: either way the connection is over.
		_, msg, err := ws.ReadMessage()
		if err != nil {
			return
		}
		var in frame
		if err := json.Unmarshal(msg, &in); err != nil {
			c.closeWith(4002, "Error while decoding payload.")
			return
		}
		s.mu.Lock()
		noAcks, reject := s.noAcks, s.reject
		s.mu.Unlock()
		switch {
		case in.Op == opHeartbeat && !noAcks:
			err = c.send(opHeartbeatAck, "", nil)
		case (in.Op == opIdentify || in.Op == opResume) && reject != 0:
			if in.Op == opIdentify {
				_, _ = s.readIdentify(in.D) // a rejected IDENTIFY was still received
			}
			c.closeWith(reject, "Rejected by the fake.")
			return
		case in.Op == opIdentify:
			err = s.identified(c, in.D)
		case in.Op == opResume:
			err = s.resumed(c, in.D)
		}
		if err != nil {
			return
		}
	}
}

func (s *Server) drop(c *gwConn) {
	s.mu.Lock()
	delete(s.conns, c)
	s.unliveLocked(c)
	s.mu.Unlock()
	_ = c.ws.Close()
}

// unliveLocked ends c's turn as its shard's live connection, if it has
// it; s.mu must be held.
func (s *Server) unliveLocked(c *gwConn) {
	if l, ok := s.live[c.shard]; ok && l == c {
		delete(s.live, c.shard)
		s.notifyLocked()
	}
}

// errClosed ends a connection the fake has closed on purpose.
type errClosed struct{}

func (errClosed) Error() string { return "closed by the fake" }

func (s *Server) tokenOK(token string) bool {
	// discordgo sends the token as the session holds it, with "Bot ".
	return token == "Bot "+s.token || token == s.token
}

// Identify is what a client sent in IDENTIFY. discordgo's own type does not
// decode what discordgo encodes (its presence's activity time), hence this.
type Identify struct {
	Token          string                       `json:"token"`
	Intents        discordgo.Intent             `json:"intents"`
	Shard          *[2]int                      `json:"shard,omitempty"`
	Properties     discordgo.IdentifyProperties `json:"properties"`
	Compress       bool                         `json:"compress"`
	LargeThreshold int                          `json:"large_threshold"`
	Presence       json.RawMessage              `json:"presence,omitempty"`
}

// ShardOf is the shard, of count, that Discord sends a guild's events to:
// (guild_id >> 22) % count, the guild ID's timestamp modulo the shard
// count (https://discord.com/developers/docs/topics/gateway#sharding).
// Events outside a guild, guildID "", go to shard 0, as Discord sends DMs
// only there. So does everything when count is 1 or less, and a guildID
// that is not a snowflake, which has no shard by that rule; the fake's
// dispatches fail the test on one instead.
func ShardOf(guildID string, count int) int {
	shard, _ := shardOf(guildID, count)
	return shard
}

// shardOf is ShardOf that also reports whether guildID could be routed:
// past one shard, an ID that is not a snowflake cannot.
func shardOf(guildID string, count int) (int, bool) {
	if guildID == "" || count <= 1 {
		return 0, true
	}
	id, err := strconv.ParseUint(guildID, 10, 64)
	if err != nil {
		return 0, false
	}
	return int((id >> 22) % uint64(count)), true
}

// guildOf reads the top-level guild_id of a dispatch's JSON; "" when it
// has none, as a DM's events do, or is not an object.
func guildOf(raw []byte) string {
	var top map[string]json.RawMessage
	if json.Unmarshal(raw, &top) != nil {
		return ""
	}
	g, ok := top["guild_id"]
	if !ok || string(g) == "null" {
		return ""
	}
	var id string
	if json.Unmarshal(g, &id) != nil {
		// Discord sends snowflakes as strings; a number still routes by
		// its digits, and anything else fails as not a snowflake.
		id = string(g)
	}
	return id
}

// clashLocked reports whether a connection identified as shard would be
// live beside shards identified with another count; s.mu must be held.
// The fake refuses that, though Discord may not, because with two counts
// a guild would be on two shards and a dispatch would have no one
// connection to go to. A bot that reshards must close every old shard
// first; a shard counts as live until the fake has read its close.
func (s *Server) clashLocked(shard [2]int) bool {
	if shard[1] == s.shardCount {
		return false
	}
	for id := range s.live {
		if id != shard[0] {
			return true
		}
	}
	return false
}

// readIdentify decodes an IDENTIFY and records it, whatever its answer
// will be.
func (s *Server) readIdentify(d json.RawMessage) (Identify, error) {
	var id Identify
	if err := json.Unmarshal(d, &id); err != nil {
		return id, err
	}
	s.mu.Lock()
	s.identifies = append(s.identifies, id)
	s.notifyLocked()
	s.mu.Unlock()
	return id, nil
}

// identified answers IDENTIFY with READY. The connection becomes its
// shard's live one while READY is still held back by c.wmu, so that a
// dispatch cannot overtake it.
func (s *Server) identified(c *gwConn, d json.RawMessage) error {
	id, err := s.readIdentify(d)
	if err != nil {
		c.closeWith(4002, "Error while decoding payload.")
		return errClosed{}
	}
	if !s.tokenOK(id.Token) {
		c.closeWith(4004, "Authentication failed.")
		return errClosed{}
	}
	// Discord takes an IDENTIFY without a shard as shard 0 of 1.
	shard := [2]int{0, 1}
	if id.Shard != nil {
		shard = *id.Shard
	}
	if shard[1] < 1 || shard[0] < 0 || shard[0] >= shard[1] {
		c.closeWith(4010, "Invalid shard.")
		return errClosed{}
	}
	if shard[1] < s.required { // fixed by New, so read without s.mu
		c.closeWith(4011, "Sharding required.")
		return errClosed{}
	}
	session := "session-" + s.newID()
	ready := map[string]any{
		"v":                  9,
		"user":               s.botUser(),
		"application":        map[string]any{"id": s.appID, "flags": 0},
		"session_id":         session,
		"resume_gateway_url": s.wsURL(),
		"guilds":             []any{},
		"private_channels":   []any{},
	}
	if id.Shard != nil {
		ready["shard"] = id.Shard
	}
	c.wmu.Lock()
	defer c.wmu.Unlock()
	s.mu.Lock()
	// Checked as the connection goes live, so that two shards identifying
	// at once with different counts cannot both pass.
	if s.clashLocked(shard) {
		s.mu.Unlock()
		c.closeWith(4010, "Invalid shard.")
		return errClosed{}
	}
	c.session, c.seq, c.sent = session, 0, &[]sentEvent{}
	s.identify = &id
	s.sessionID[session] = true
	s.sessions[session] = c.sent
	s.sessionShard[session] = shard
	s.goLiveLocked(c, shard)
	s.mu.Unlock()
	return c.sendLocked(opDispatch, "READY", ready)
}

// goLiveLocked makes c the live connection of its shard, in place of any
// other; s.mu must be held.
func (s *Server) goLiveLocked(c *gwConn, shard [2]int) {
	c.shard = shard[0]
	s.live[shard[0]] = c
	s.shardCount = shard[1]
	s.notifyLocked()
}

// resumed answers RESUME with the dispatches the client missed and
// RESUMED, carrying on the client's sequence, or with an invalid session,
// after which discordgo identifies afresh. The connection is the shard the
// session identified as. Dispatches made while no client is connected
// wait for one.
func (s *Server) resumed(c *gwConn, d json.RawMessage) error {
	var rs struct {
		Token     string `json:"token"`
		SessionID string `json:"session_id"`
		Seq       int64  `json:"seq"`
	}
	if err := json.Unmarshal(d, &rs); err != nil {
		c.closeWith(4002, "Error while decoding payload.")
		return errClosed{}
	}
	if !s.tokenOK(rs.Token) {
		c.closeWith(4004, "Authentication failed.")
		return errClosed{}
	}
	s.mu.Lock()
	known := s.sessionID[rs.SessionID]
	sent := s.sessions[rs.SessionID]
	shard := s.sessionShard[rs.SessionID]
	clash := s.clashLocked(shard)
	s.mu.Unlock()
	if !known {
		return c.send(opInvalidSession, "", false)
	}
	if clash {
		c.closeWith(4010, "Invalid shard.")
		return errClosed{}
	}
	c.wmu.Lock()
	defer c.wmu.Unlock()
	c.session, c.seq, c.sent = rs.SessionID, rs.Seq, sent
	// The dispatches the client had not seen when it went away come
	// again, in order, with their numbers, then RESUMED.
	var missed []sentEvent
	for _, e := range *sent {
		if e.seq > rs.Seq {
			missed = append(missed, e)
		}
	}
	*sent = slices.DeleteFunc(*sent, func(e sentEvent) bool { return e.seq > rs.Seq })
	for i, e := range missed {
		if err := c.sendLocked(opDispatch, e.event, e.d); err != nil {
			// What was not sent stays for the next resume to replay.
			*sent = append(*sent, missed[i:]...)
			return err
		}
	}
	s.mu.Lock()
	s.goLiveLocked(c, shard)
	s.mu.Unlock()
	return c.sendLocked(opDispatch, "RESUMED", map[string]any{})
}

// Connected reports whether a client has identified, or resumed, on a
// connection that is still open, as shard 0: the one an unsharded bot is.
// ConnectedShards tells of the others.
func (s *Server) Connected() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.live[0] != nil
}

// ConnectedShards returns the IDs of the shards with a live connection,
// in order.
func (s *Server) ConnectedShards() []int {
	s.mu.Lock()
	defer s.mu.Unlock()
	ids := make([]int, 0, len(s.live))
	for id := range s.live {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	return ids
}

// WaitIdentify waits for a client to identify and returns what it sent
// last, token included: with several shards, the IDENTIFY accepted last,
// whichever shard it was.
func (s *Server) WaitIdentify(t testing.TB) Identify {
	t.Helper()
	var id Identify
	if !s.await(func() bool {
		if s.identify != nil {
			id = *s.identify
		}
		return s.identify != nil
	}) {
		t.Fatalf("discordtest: no IDENTIFY within %v", s.timeout)
	}
	return id
}

// Identifies returns every IDENTIFY received so far, in order, those the
// fake refused included.
func (s *Server) Identifies() []Identify {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.identifies)
}

// Disconnect closes the live gateway connection, shard 0's, as Discord
// does when it wants a client to reconnect and resume; discordgo does so
// by itself.
func (s *Server) Disconnect() { s.DisconnectShard(0) }

// DisconnectShard is Disconnect for the shard's live connection.
func (s *Server) DisconnectShard(shard int) { s.CloseShard(shard, 4000, "Unknown error.") }

// takeLive ends the shard's live connection's turn as the one dispatches
// go to, and returns it, or nil.
func (s *Server) takeLive(shard int) *gwConn {
	s.mu.Lock()
	defer s.mu.Unlock()
	c := s.live[shard]
	delete(s.live, shard)
	s.notifyLocked()
	return c
}

// CloseLive closes the live gateway connection, shard 0's, with a close
// code of the test's choosing ("4004 Authentication failed.", "4014
// Disallowed intent(s)."), as Discord does when it will not have the
// client back.
func (s *Server) CloseLive(code int, text string) { s.CloseShard(0, code, text) }

// CloseShard is CloseLive for the shard's live connection.
func (s *Server) CloseShard(shard, code int, text string) {
	if c := s.takeLive(shard); c != nil {
		c.closeWith(code, text)
	}
}

// SendReconnect sends op 7 on the live connection, shard 0's: Discord
// asking the client to reconnect and resume.
func (s *Server) SendReconnect() {
	// The connection stops being the live one at once: the client closes
	// it, and a dispatch must wait for the next.
	if c := s.takeLive(0); c != nil {
		_ = c.send(opReconnect, "", nil)
	}
}

// InvalidateSession sends op 9 on the live connection, shard 0's; with
// resumable false the client must identify afresh.
func (s *Server) InvalidateSession(resumable bool) {
	if !resumable {
		// c.wmu before s.mu, as everywhere else.
		s.mu.Lock()
		c := s.live[0]
		s.mu.Unlock()
		if c != nil {
			c.wmu.Lock()
			session := c.session
			c.wmu.Unlock()
			s.mu.Lock()
			delete(s.sessionID, session)
			s.mu.Unlock()
		}
	}
	s.sendLive(opInvalidSession, resumable)
}

// DropTCP cuts the live connection's TCP stream, shard 0's, without a
// close frame, as a network failure does.
func (s *Server) DropTCP() {
	if c := s.takeLive(0); c != nil {
		_ = c.ws.UnderlyingConn().Close()
	}
}

func (s *Server) sendLive(op int, d any) {
	s.mu.Lock()
	c := s.live[0]
	s.mu.Unlock()
	if c != nil {
		_ = c.send(op, "", d)
	}
}

// DispatchAway sends an event on the live connection of the shard its
// guild is on (see Dispatch) and then cuts the connection before the
// client can have read it, as happens when a connection fails under load:
// the client must get it again when it resumes.
func (s *Server) DispatchAway(t testing.TB, event string, d any) {
	t.Helper()
	raw, err := json.Marshal(d)
	if err != nil {
		t.Fatalf("discordtest: dispatch %s: %v", event, err)
	}
	c := s.awaitShard(t, event, guildOf(raw))
	c.wmu.Lock()
	// Recorded for replay, but not written: to the client it is lost.
	c.seq++
	*c.sent = append(*c.sent, sentEvent{seq: c.seq, event: event, d: raw})
	c.wmu.Unlock()
	s.mu.Lock()
	s.unliveLocked(c)
	s.mu.Unlock()
	_ = c.ws.UnderlyingConn().Close()
}

// StopAcking makes the fake answer no more heartbeats, on every shard's
// connections: they stay open and silent, zombies.
func (s *Server) StopAcking() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.noAcks = true
}

// RejectSessions makes the fake close every IDENTIFY and RESUME from now
// on with code, as Discord does once a token is revoked (4004) or an
// intent is no longer allowed (4014).
func (s *Server) RejectSessions(code int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.reject = code
}

// Connects is how many gateway connections have been opened.
func (s *Server) Connects() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.connects
}

// awaitShard returns the live connection of the shard the guild's events
// go to (ShardOf, by the count the shards identified with), waiting for
// one if need be. It fails the test if none comes in time.
func (s *Server) awaitShard(t testing.TB, event, guild string) *gwConn {
	t.Helper()
	var (
		c            *gwConn
		shard, count int
		routed       = true
	)
	ok := s.await(func() bool {
		// Until a client identifies, the count, and so the shard, is
		// unknown.
		if count = s.shardCount; count == 0 {
			return false
		}
		if shard, routed = shardOf(guild, count); !routed {
			return true
		}
		c = s.live[shard]
		return c != nil
	})
	switch {
	case !routed:
		t.Fatalf("discordtest: dispatch %s: guild_id %q is not a snowflake, so it has no shard of %d", event, guild, count)
	case !ok && count > 1:
		t.Fatalf("discordtest: no client connected within %v to dispatch %s to (shard %d of %d)", s.timeout, event, shard, count)
	case !ok:
		t.Fatalf("discordtest: no client connected within %v to dispatch %s to", s.timeout, event)
	}
	return c
}

// Dispatch sends an event to the live connection of the shard Discord
// would send it to: by the top-level guild_id of d's JSON (see ShardOf),
// shard 0 without one. It waits for that shard to identify if it has
// not, and fails the test if it does not in time. Call it from the test's
// goroutine.
func (s *Server) Dispatch(t testing.TB, event string, d any) {
	t.Helper()
	raw, err := json.Marshal(d)
	if err != nil {
		t.Fatalf("discordtest: dispatch %s: %v", event, err)
	}
	s.dispatch(t, event, raw, guildOf(raw))
}

func (s *Server) dispatch(t testing.TB, event string, raw json.RawMessage, guild string) {
	t.Helper()
	deadline := time.Now().Add(s.timeout)
	for {
		c := s.awaitShard(t, event, guild)
		err := c.send(opDispatch, event, raw)
		if err == nil {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("discordtest: dispatch %s: %v", event, err)
		}
		t.Logf("discordtest: dispatch %s: %v; sending it on the next connection", event, err)
		// The connection closed as the event went out (the client
		// closes it to reconnect, and its read loop has not ended yet):
		// the event goes to the next connection, as Discord queues it.
		s.mu.Lock()
		s.unliveLocked(c)
		s.mu.Unlock()
	}
}

// DispatchInteraction sends INTERACTION_CREATE with the interaction, to
// the shard of its guild: a *discordgo.Interaction, or its JSON as
// Discord sends it ([]byte, json.RawMessage or string). A
// *discordgo.Interaction gets the fake's application ID, an ID, a token
// and version 1 where it has none. It returns the interaction as the
// client decodes it.
func (s *Server) DispatchInteraction(t testing.TB, i any) *discordgo.Interaction {
	t.Helper()
	raw, got := s.interaction(t, i)
	s.dispatch(t, "INTERACTION_CREATE", raw, got.GuildID)
	return got
}

// interaction is an interaction as Discord sends it, its defaults filled
// in, and its channel noted for the messages its token will post.
func (s *Server) interaction(t testing.TB, i any) (json.RawMessage, *discordgo.Interaction) {
	t.Helper()
	var raw []byte
	switch v := i.(type) {
	case *discordgo.Interaction:
		cp := *v
		if cp.AppID == "" {
			cp.AppID = s.appID
		}
		if cp.ID == "" {
			cp.ID = s.newID()
		}
		if cp.Token == "" {
			cp.Token = "interaction-token-" + cp.ID
		}
		if cp.Version == 0 {
			cp.Version = 1
		}
		var err error
		if raw, err = json.Marshal(&cp); err != nil {
			t.Fatalf("discordtest: interaction: %v", err)
		}
	case []byte:
		raw = v
	case json.RawMessage:
		raw = v
	case string:
		raw = []byte(v)
	default:
		t.Fatalf("discordtest: DispatchInteraction takes an interaction or its JSON, not %T", i)
	}
	var got discordgo.Interaction
	if err := json.Unmarshal(raw, &got); err != nil {
		t.Fatalf("discordtest: interaction: %v", err)
	}
	s.mu.Lock()
	s.channels[got.Token] = got.ChannelID
	s.mu.Unlock()
	return raw, &got
}

// DispatchMessage sends MESSAGE_CREATE with the message, to the shard of
// its guild, given an ID and a timestamp where it has none.
func (s *Server) DispatchMessage(t testing.TB, m *discordgo.Message) {
	t.Helper()
	cp := *m
	if cp.ID == "" {
		cp.ID = s.newID()
	}
	if cp.Timestamp.IsZero() {
		cp.Timestamp = time.Now().UTC()
	}
	raw, err := json.Marshal(&cp)
	if err != nil {
		t.Fatalf("discordtest: dispatch MESSAGE_CREATE: %v", err)
	}
	s.dispatch(t, "MESSAGE_CREATE", raw, cp.GuildID)
}
