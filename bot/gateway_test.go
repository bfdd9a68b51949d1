package bot

import (
	"encoding/binary"
	"strings"
	"testing"
	"time"
)

// The sniffer finds the close code and the HELLO however the bytes are
// cut into reads: after the HTTP upgrade, past frames of any length.
func TestSnifferReadsFramesAcrossReads(t *testing.T) {
	frame := func(op byte, payload []byte) []byte {
		b := []byte{0x80 | op}
		switch n := len(payload); {
		case n < 126:
			b = append(b, byte(n))
		case n < 1<<16:
			b = append(b, 126, byte(n>>8), byte(n))
		default:
			b = append(b, 127)
			b = binary.BigEndian.AppendUint64(b, uint64(n))
		}
		return append(b, payload...)
	}
	stream := []byte("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n\r\n")
	stream = append(stream, frame(1, []byte(`{"op":10,"d":{"heartbeat_interval":41250}}`))...)
	stream = append(stream, frame(1, []byte(strings.Repeat("x", 300)))...)
	stream = append(stream, frame(2, make([]byte, 70000))...)
	stream = append(stream, frame(8, []byte{0x0f, 0xa4, 'b', 'y', 'e'})...)
	for _, size := range []int{1, 3, 7, 4096, len(stream)} {
		w := newGatewayWatcher()
		s := &sniffer{onClose: w.closed, onFirstText: w.hello}
		for i := 0; i < len(stream); i += size {
			s.feed(stream[i:min(i+size, len(stream))])
		}
		select {
		case f := <-w.fatal:
			if f.Code != 4004 {
				t.Errorf("reads of %d: close %d, want 4004", size, f.Code)
			}
		default:
			t.Errorf("reads of %d: the 4004 was missed", size)
		}
		if got := time.Duration(w.interval.Load()); got != 41250*time.Millisecond {
			t.Errorf("reads of %d: interval %v", size, got)
		}
	}
}
