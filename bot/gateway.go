package bot

import (
	"context"
	"crypto/tls"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"net/http"
	"sync"
	"sync/atomic"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/gorilla/websocket"
)

// discordgo reconnects after any close and never says why Discord closed
// the connection; it gives up on a silent one only after five heartbeat
// intervals. The gateway watcher sits under its websocket: it reads the
// close code of every close frame Discord sends, so that a code that means
// "do not come back" ends the bot with a clear reason, and it can cut a
// connection whose heartbeats go unanswered, which discordgo then resumes.

// FatalError is a refusal that retrying cannot cure: the token, the
// intents or the sharding must change first. Code is the gateway's close
// code, or the HTTP status of a refused REST call.
type FatalError struct {
	Code int
	Msg  string // what to change, for the person running the bot
}

func (e *FatalError) Error() string {
	if e.Code < 1000 {
		return fmt.Sprintf("Discord refused the bot (HTTP %d): %s", e.Code, e.Msg)
	}
	return fmt.Sprintf("Discord closed the connection with code %d: %s", e.Code, e.Msg)
}

// refused is the FatalError for a REST call Discord refused for the
// token, if err is one.
func refused(err error) (*FatalError, bool) {
	var re *discordgo.RESTError
	if errors.As(err, &re) && re.Response != nil && re.Response.StatusCode == http.StatusUnauthorized {
		return &FatalError{Code: http.StatusUnauthorized, Msg: fatalCloses[4004]}, true
	}
	return nil, false
}

// fatalCloses are the close codes after which Discord will not take the
// bot back as it is.
var fatalCloses = map[int]string{
	4004: "authentication failed: set DISCORD_TOKEN to the bot's token (developer portal, Bot > Reset Token)",
	4010: "invalid shard: the shard number must be below the shard count",
	4011: "sharding required: the bot is in too many guilds for one connection; run it in shards",
	4012: "invalid API version: this build speaks a gateway version Discord no longer serves; upgrade timelinebot",
	4013: "invalid intents: the intents the bot asks for are not a valid value",
	4014: "disallowed intents: the bot asks for GUILD_MESSAGES and DIRECT_MESSAGES; allow them for the application in the developer portal (Bot > Privileged Gateway Intents), or drop them",
}

// gatewayWatcher dials the gateway for discordgo and watches what comes
// back.
type gatewayWatcher struct {
	fatal chan *FatalError // the first fatal close, once
	// onFatal runs when a fatal close is read, on the goroutine that reads
	// it: discordgo's own, before it decides to reconnect.
	onFatal func()
	// interval is the heartbeat interval the last HELLO asked for.
	interval atomic.Int64

	mu      sync.Mutex
	conn    net.Conn // the connection in use
	stopped bool     // after a fatal close: discordgo's reconnect loop dials in vain
	once    sync.Once
}

// errStopped is what the dialer says once the bot has stopped for good:
// discordgo's reconnect loop, which no setting ends once begun (and which
// reads ShouldReconnectOnError without a lock), then dials nothing; the
// loop itself lives on, retrying with backoff, until the process ends.
var errStopped = errors.New("the bot has stopped: not reconnecting")

func newGatewayWatcher() *gatewayWatcher {
	return &gatewayWatcher{fatal: make(chan *FatalError, 1)}
}

// dialer is the websocket dialer discordgo is to use: the standard one,
// with connections that pass through the watcher. It dials directly, not
// through a proxy from the environment: a proxy's tunnel would hide the
// frames.
func (w *gatewayWatcher) dialer() *websocket.Dialer {
	var d net.Dialer
	// dial opens a connection, TLS on top for wss, and hands it to the
	// watcher; none once the bot has stopped for good.
	dial := func(ctx context.Context, network, addr string, secure bool) (net.Conn, error) {
		if w.isStopped() {
			return nil, errStopped
		}
		c, err := d.DialContext(ctx, network, addr)
		if err != nil {
			return nil, err
		}
		if secure {
			host, _, err := net.SplitHostPort(addr)
			if err != nil {
				host = addr
			}
			tc := tls.Client(c, &tls.Config{ServerName: host, MinVersion: tls.VersionTLS12})
			if err := tc.HandshakeContext(ctx); err != nil {
				c.Close()
				return nil, err
			}
			c = tc
		}
		return w.watch(c), nil
	}
	return &websocket.Dialer{
		HandshakeTimeout: 45 * time.Second,
		NetDialContext: func(ctx context.Context, network, addr string) (net.Conn, error) {
			return dial(ctx, network, addr, false)
		},
		NetDialTLSContext: func(ctx context.Context, network, addr string) (net.Conn, error) {
			return dial(ctx, network, addr, true)
		},
	}
}

func (w *gatewayWatcher) watch(c net.Conn) net.Conn {
	s := &sniffer{Conn: c, onClose: w.closed, onFirstText: w.hello}
	w.mu.Lock()
	w.conn = s
	w.mu.Unlock()
	return s
}

// closed hears a close code from Discord.
func (w *gatewayWatcher) closed(code int) {
	msg, fatal := fatalCloses[code]
	if !fatal {
		return
	}
	w.mu.Lock()
	w.stopped = true
	w.mu.Unlock()
	w.once.Do(func() {
		if w.onFatal != nil {
			w.onFatal()
		}
		w.fatal <- &FatalError{Code: code, Msg: msg}
	})
}

func (w *gatewayWatcher) isStopped() bool {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.stopped
}

// hello reads the heartbeat interval from the first payload of a
// connection, HELLO, which comes before any compression.
func (w *gatewayWatcher) hello(payload []byte) {
	var h struct {
		Op int `json:"op"`
		D  struct {
			Interval int64 `json:"heartbeat_interval"`
		} `json:"d"`
	}
	if json.Unmarshal(payload, &h) == nil && h.Op == 10 && h.D.Interval > 0 {
		w.interval.Store(int64(time.Duration(h.D.Interval) * time.Millisecond))
	}
}

// cut closes the connection in use under discordgo, which sees a read
// error and reconnects, resuming the session.
func (w *gatewayWatcher) cut() {
	w.mu.Lock()
	c := w.conn
	w.mu.Unlock()
	if c != nil {
		c.Close()
	}
}

// sniffer reads the frames a websocket server sends, as they pass, for
// their close codes. Server frames are not masked; the HTTP response to
// the upgrade comes before them.
type sniffer struct {
	net.Conn
	onClose     func(code int)
	onFirstText func(payload []byte) // the connection's first text frame

	text     []byte // the first text frame's payload, while it comes
	seenText bool

	upgraded bool   // past the HTTP response
	tail     []byte // the last bytes of the HTTP response, to find its end
	header   []byte // the frame header read so far
	left     uint64 // payload bytes of the frame still to come
	closing  bool   // the frame is a close frame
	code     []byte // its first payload bytes: the close code
}

func (s *sniffer) Read(p []byte) (int, error) {
	n, err := s.Conn.Read(p)
	s.feed(p[:n])
	return n, err
}

func (s *sniffer) feed(b []byte) {
	for len(b) > 0 {
		switch {
		case !s.upgraded:
			s.tail = append(s.tail, b[0])
			b = b[1:]
			if len(s.tail) > 4 {
				s.tail = s.tail[1:]
			}
			s.upgraded = string(s.tail) == "\r\n\r\n"
		case s.left > 0:
			take := min(s.left, uint64(len(b)))
			if s.text != nil {
				s.text = append(s.text, b[:take]...)
				if s.left == take {
					s.onFirstText(s.text)
					s.text = nil
				}
			}
			if s.closing && len(s.code) < 2 {
				s.code = append(s.code, b[:min(int(take), 2-len(s.code))]...)
				if len(s.code) == 2 {
					s.onClose(int(binary.BigEndian.Uint16(s.code)))
				}
			}
			s.left -= take
			b = b[take:]
		default:
			s.header = append(s.header, b[0])
			b = b[1:]
			s.frameStart()
		}
	}
}

// frameStart reads the header once all of it is in.
func (s *sniffer) frameStart() {
	if len(s.header) < 2 {
		return
	}
	size := 2
	switch s.header[1] & 0x7f {
	case 126:
		size += 2
	case 127:
		size += 8
	}
	if s.header[1]&0x80 != 0 {
		size += 4 // a mask key, which a server should not send
	}
	if len(s.header) < size {
		return
	}
	length := uint64(s.header[1] & 0x7f)
	switch length {
	case 126:
		length = uint64(binary.BigEndian.Uint16(s.header[2:4]))
	case 127:
		length = binary.BigEndian.Uint64(s.header[2:10])
	}
	s.closing, s.code, s.left = s.header[0]&0x0f == websocket.CloseMessage, nil, length
	if s.header[0]&0x0f == websocket.TextMessage && !s.seenText && length > 0 && length <= 4096 {
		s.seenText, s.text = true, make([]byte, 0, length)
	}
	s.header = s.header[:0]
	if s.closing && length == 0 {
		s.onClose(websocket.CloseNoStatusReceived)
	}
}

// watchHeartbeats cuts the connection when no heartbeat ACK has come for
// two heartbeat intervals: a heartbeat went unanswered until the next was
// due, Discord's sign of a zombie connection. discordgo then reconnects
// and resumes, where by itself it waits five intervals.
func watchHeartbeats(ctx context.Context, s *discordgo.Session, w *gatewayWatcher, log func(msg string, args ...any)) {
	tick := time.NewTicker(25 * time.Millisecond)
	defer tick.Stop()
	var cutAt time.Time
	for {
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
		interval := time.Duration(w.interval.Load())
		if interval <= 0 {
			continue
		}
		s.RLock()
		acked := s.LastHeartbeatAck
		s.RUnlock()
		// Once cut, the new connection's first ACK is awaited.
		if quiet := time.Since(acked); quiet > 2*interval && acked.After(cutAt) {
			log("no heartbeat ACK for two heartbeat intervals; reconnecting", "last_ack", acked, "interval", interval)
			cutAt = time.Now()
			w.cut()
		}
	}
}
