package monitor

import (
	"net/http"
)

// Routes adds GET /livez, GET /readyz and GET /metrics to mux. /livez
// answers while the process can answer HTTP at all; /readyz only while
// ready says so (the index built, the gateway session up, no shutdown
// begun), so an orchestrator sends traffic only then and stops at once
// when a shutdown begins.
func Routes(mux *http.ServeMux, m *Metrics, ready func() bool) {
	mux.HandleFunc("GET /livez", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.Write([]byte("ok\n"))
	})
	mux.HandleFunc("GET /readyz", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		if !ready() {
			w.WriteHeader(http.StatusServiceUnavailable)
			w.Write([]byte("not ready\n"))
			return
		}
		w.Write([]byte("ok\n"))
	})
	mux.Handle("GET /metrics", m.Handler())
}
