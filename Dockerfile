# syntax=docker/dockerfile:1
FROM golang:1.26-bookworm AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o /out/timelinebot ./cmd/timelinebot

# The timeline is embedded in the binary, so the image needs nothing else
# but CA certificates to reach Discord.
FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/timelinebot /timelinebot
USER nonroot:nonroot
ENTRYPOINT ["/timelinebot"]
