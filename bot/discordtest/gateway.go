package discordtest

import (
	"encoding/json"
	"net/http"
	"slices"
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
		if c.sent != nil {
			*c.sent = append(*c.sent, sentEvent{seq: seq, event: event, d: raw})
		}
	}
	_ = c.ws.SetWriteDeadline(time.Now().Add(5 * time.Second))
	return c.ws.WriteJSON(f)
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
	if s.live == c {
		s.live = nil
		s.notifyLocked()
	}
	s.mu.Unlock()
	_ = c.ws.Close()
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

// identified answers IDENTIFY with READY. The connection becomes the live
// one while READY is still held back by c.wmu, so that a dispatch cannot
// overtake it.
func (s *Server) identified(c *gwConn, d json.RawMessage) error {
	var id Identify
	if err := json.Unmarshal(d, &id); err != nil {
		c.closeWith(4002, "Error while decoding payload.")
		return errClosed{}
	}
	if !s.tokenOK(id.Token) {
		c.closeWith(4004, "Authentication failed.")
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
	c.session, c.seq, c.sent = session, 0, &[]sentEvent{}
	s.mu.Lock()
	s.identify = &id
	s.sessionID[session] = true
	s.sessions[session] = c.sent
	s.live = c
	s.notifyLocked()
	s.mu.Unlock()
	return c.sendLocked(opDispatch, "READY", ready)
}

// resumed answers RESUME with the dispatches the client missed and
// RESUMED, carrying on the client's sequence, or with an invalid session,
// after which discordgo identifies afresh. Dispatches made while no client
// is connected wait for one.
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
	s.mu.Unlock()
	if !known {
		return c.send(opInvalidSession, "", false)
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
	for _, e := range missed {
		if err := c.sendLocked(opDispatch, e.event, e.d); err != nil {
			return err
		}
	}
	s.mu.Lock()
	s.live = c
	s.notifyLocked()
	s.mu.Unlock()
	return c.sendLocked(opDispatch, "RESUMED", map[string]any{})
}

// Connected reports whether a client has identified, or resumed, on a
// connection that is still open.
func (s *Server) Connected() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.live != nil
}

// WaitIdentify waits for a client to identify and returns what it sent
// last, token included.
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

// Disconnect closes the live gateway connection as Discord does when it
// wants a client to reconnect and resume; discordgo does so by itself.
func (s *Server) Disconnect() { s.CloseLive(4000, "Unknown error.") }

// takeLive ends the live connection's turn as the one dispatches go to,
// and returns it, or nil.
func (s *Server) takeLive() *gwConn {
	s.mu.Lock()
	defer s.mu.Unlock()
	c := s.live
	s.live = nil
	s.notifyLocked()
	return c
}

// CloseLive closes the live gateway connection with a close code of the
// test's choosing ("4004 Authentication failed.", "4014 Disallowed
// intent(s)."), as Discord does when it will not have the client back.
func (s *Server) CloseLive(code int, text string) {
	if c := s.takeLive(); c != nil {
		c.closeWith(code, text)
	}
}

// SendReconnect sends op 7 on the live connection: Discord asking the
// client to reconnect and resume.
func (s *Server) SendReconnect() {
	// The connection stops being the live one at once: the client closes
	// it, and a dispatch must wait for the next.
	if c := s.takeLive(); c != nil {
		_ = c.send(opReconnect, "", nil)
	}
}

// InvalidateSession sends op 9 on the live connection; with resumable
// false the client must identify afresh.
func (s *Server) InvalidateSession(resumable bool) {
	if !resumable {
		// c.wmu before s.mu, as everywhere else.
		s.mu.Lock()
		c := s.live
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

// DropTCP cuts the live connection's TCP stream without a close frame, as
// a network failure does.
func (s *Server) DropTCP() {
	if c := s.takeLive(); c != nil {
		_ = c.ws.UnderlyingConn().Close()
	}
}

func (s *Server) sendLive(op int, d any) {
	s.mu.Lock()
	c := s.live
	s.mu.Unlock()
	if c != nil {
		_ = c.send(op, "", d)
	}
}

// DispatchAway sends an event on the live connection and then cuts the
// connection before the client can have read it, as happens when a
// connection fails under load: the client must get it again when it
// resumes.
func (s *Server) DispatchAway(t testing.TB, event string, d any) {
	t.Helper()
	var c *gwConn
	if !s.await(func() bool { c = s.live; return c != nil }) {
		t.Fatalf("discordtest: no client connected within %v to dispatch %s to", s.timeout, event)
	}
	c.wmu.Lock()
	// Recorded for replay, but not written: to the client it is lost.
	raw, err := json.Marshal(d)
	if err != nil {
		c.wmu.Unlock()
		t.Fatalf("discordtest: dispatch %s: %v", event, err)
	}
	c.seq++
	*c.sent = append(*c.sent, sentEvent{seq: c.seq, event: event, d: raw})
	c.wmu.Unlock()
	s.DropTCP()
}

// StopAcking makes the fake answer no more heartbeats: the connection
// stays open and silent, a zombie.
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

// Dispatch sends an event to the live connection, waiting for a client to
// identify if none has. It fails the test if none does in time. Call it
// from the test's goroutine.
func (s *Server) Dispatch(t testing.TB, event string, d any) {
	t.Helper()
	var c *gwConn
	if !s.await(func() bool { c = s.live; return c != nil }) {
		t.Fatalf("discordtest: no client connected within %v to dispatch %s to", s.timeout, event)
	}
	if err := c.send(opDispatch, event, d); err != nil {
		t.Fatalf("discordtest: dispatch %s: %v", event, err)
	}
}

// DispatchInteraction sends INTERACTION_CREATE with the interaction: a
// *discordgo.Interaction, or its JSON as Discord sends it ([]byte,
// json.RawMessage or string). A *discordgo.Interaction gets the fake's
// application ID, an ID, a token and version 1 where it has none. It
// returns the interaction as the client decodes it.
func (s *Server) DispatchInteraction(t testing.TB, i any) *discordgo.Interaction {
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
	s.Dispatch(t, "INTERACTION_CREATE", json.RawMessage(raw))
	return &got
}

// DispatchMessage sends MESSAGE_CREATE with the message, given an ID and a
// timestamp where it has none.
func (s *Server) DispatchMessage(t testing.TB, m *discordgo.Message) {
	t.Helper()
	cp := *m
	if cp.ID == "" {
		cp.ID = s.newID()
	}
	if cp.Timestamp.IsZero() {
		cp.Timestamp = time.Now().UTC()
	}
	s.Dispatch(t, "MESSAGE_CREATE", &cp)
}
