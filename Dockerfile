# syntax=docker/dockerfile:1
# Build: docker build --build-arg VERSION="$(git describe --tags --always --dirty)" -t timelinebot .
# Run:   docker run --env-file .env timelinebot              (the gateway bot)
#        docker run --env-file .env -p 8080:8080 timelinebot serve   (HTTP interactions)

# The build stage has Go, git and binutils (readelf, for the static check).
FROM golang:1.26-bookworm AS build
WORKDIR /src
# The modules first, in their own layer: it is rebuilt only when go.mod or
# go.sum change, not on every source edit.
COPY go.mod go.sum ./
RUN go mod download
COPY . .
# Declared after the downloads, so a new version does not download again.
# The build context may have no .git, so the version comes from here, not
# from git describe.
ARG VERSION=dev
# The same script CI and a release use: CGO_ENABLED=0, stamped with VERSION,
# and checked static, since the final image has no libc to load. Then the
# binary runs once here, so an image that cannot answer is never built.
RUN --mount=type=cache,target=/root/.cache/go-build \
	OUT=/out/timelinebot VERSION="$VERSION" bash scripts/build-static.sh && \
	bash scripts/check-static.sh /out/timelinebot "$VERSION"

# The final stage: distroless static has no shell and no libc, only CA
# certificates (to reach Discord over TLS), tzdata and a nonroot user. The
# timeline is embedded in the binary, so it needs nothing else.
FROM gcr.io/distroless/static-debian12:nonroot
ARG VERSION=dev
LABEL org.opencontainers.image.title="timelinebot" \
	org.opencontainers.image.version="$VERSION"
COPY --from=build /out/timelinebot /timelinebot
# uid 65532: the bot needs no privilege, and writes no file.
USER nonroot:nonroot
# `serve` listens on INTERACTIONS_ADDR, :8080 by default. The gateway bot
# listens only when METRICS_ADDR is set (say :9090): publish that as well.
EXPOSE 8080
# No HEALTHCHECK: with no shell or curl in the image there is nothing to run
# it with. Orchestrators probe GET /livez and GET /readyz over HTTP instead
# (see deploy/).
ENTRYPOINT ["/timelinebot"]
