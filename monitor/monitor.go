package monitor

import (
	"net/http"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/timelinebot/timelinebot/bot"
)

// Metrics are the process's metrics, in a registry of their own, so
// that tests and several processes in one binary do not share them.
type Metrics struct {
	reg          *prometheus.Registry
	interactions *prometheus.CounterVec
	deferred     *prometheus.CounterVec
	duration     prometheus.Histogram
	reconnects   prometheus.Counter
	events       prometheus.Gauge
	build        prometheus.Gauge
}

// answerBuckets surround Discord's deadline: most answers take
// milliseconds; what matters is how many come near three seconds.
var answerBuckets = []float64{.005, .01, .025, .05, .1, .25, .5, 1, 2, 2.5, 3, 5, 10}

// NewMetrics returns the metrics of a build of version, with Go's
// runtime and process collectors.
func NewMetrics(version string) *Metrics {
	m := &Metrics{
		reg: prometheus.NewRegistry(),
		interactions: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "timelinebot_interactions_total",
			Help: "Interactions answered, by command (route) and outcome.",
		}, []string{"command", "outcome"}),
		deferred: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "timelinebot_interactions_deferred_total",
			Help: "Interactions whose answer came after a deferral, by command.",
		}, []string{"command"}),
		duration: prometheus.NewHistogram(prometheus.HistogramOpts{
			Name:    "timelinebot_answer_duration_seconds",
			Help:    "Time from an interaction's arrival to its answer being ready.",
			Buckets: answerBuckets,
		}),
		reconnects: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "timelinebot_gateway_reconnects_total",
			Help: "Gateway connections made again after a drop.",
		}),
		events: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "timelinebot_index_events",
			Help: "Entries in the timeline answered from.",
		}),
		build: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "timelinebot_index_build_seconds",
			Help: "How long the last index build took.",
		}),
	}
	info := prometheus.NewGauge(prometheus.GaugeOpts{
		Name:        "timelinebot_build_info",
		Help:        "The running build; always 1.",
		ConstLabels: prometheus.Labels{"version": version},
	})
	info.Set(1)
	m.reg.MustRegister(m.interactions, m.deferred, m.duration, m.reconnects, m.events, m.build, info,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return m
}

var _ bot.Observer = (*Metrics)(nil)

// Answered counts an interaction; command is a route name the bot has.
func (m *Metrics) Answered(command string, outcome bot.Outcome, deferred bool, took time.Duration) {
	m.interactions.WithLabelValues(command, string(outcome)).Inc()
	if deferred {
		m.deferred.WithLabelValues(command).Inc()
	}
	m.duration.Observe(took.Seconds())
}

// Reconnected counts a gateway reconnect.
func (m *Metrics) Reconnected() { m.reconnects.Inc() }

// IndexBuilt records the index answered from: its entries and how long
// it took to build.
func (m *Metrics) IndexBuilt(events int, took time.Duration) {
	m.events.Set(float64(events))
	m.build.Set(took.Seconds())
}

// Handler serves the metrics in Prometheus's text format.
func (m *Metrics) Handler() http.Handler {
	return promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{})
}
