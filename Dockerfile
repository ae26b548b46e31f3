# syntax=docker/dockerfile:1
# Rapport: one static binary (CGO_ENABLED=0, SQLite included) on a small
# image, run as a non-root user.
#
#   docker build -t rapport --build-arg VERSION=$(git describe --tags --always) .
#   docker run -p 8080:8080 -v rapport-data:/data rapport
#
# With no RAPPORT_DATABASE_URL the embedded SQLite database lives in /data.
# Where the default registries are slow or blocked, override the images and
# the module proxy, e.g. --build-arg GOPROXY=https://goproxy.cn,direct.

ARG GO_IMAGE=golang:1.26-bookworm
ARG RUNTIME_IMAGE=gcr.io/distroless/static-debian12:nonroot

FROM ${GO_IMAGE} AS build
ARG GOPROXY
ENV GOPROXY=${GOPROXY}
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
ARG VERSION=""
RUN CGO_ENABLED=0 go build -trimpath \
      -ldflags "-s -w -X main.version=${VERSION}" \
      -o /out/rapport ./cmd/rapport \
 && mkdir -p /out/data

# distroless/static holds CA certificates, time zones and a nonroot user
# (65532), and no shell: the health check is `rapport healthcheck`.
FROM ${RUNTIME_IMAGE}
COPY --from=build /out/rapport /usr/local/bin/rapport
# A named volume mounted on /data inherits this ownership.
COPY --from=build --chown=65532:65532 /out/data /data
USER 65532:65532
ENV RAPPORT_DATA=/data \
    RAPPORT_ADDR=:8080
VOLUME ["/data"]
EXPOSE 8080
HEALTHCHECK --interval=15s --timeout=5s --start-period=10s --retries=3 \
  CMD ["/usr/local/bin/rapport", "healthcheck"]
ENTRYPOINT ["/usr/local/bin/rapport"]
CMD ["serve"]
