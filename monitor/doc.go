// Package monitor is what operators watch: the process's health (GET
// /livez, GET /readyz) and its metrics in Prometheus format (GET
// /metrics): interactions by command and outcome, answer times around
// Discord's three-second deadline, gateway reconnects, the index. No
// label carries a guild, a user or a token.
package monitor
