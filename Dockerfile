# Multi-stage build: a static binary with the content and assets embedded, run as non-root
# on distroless. The image needs no files besides the binary.
FROM golang:1.26 AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 GOOS=linux go build -trimpath -ldflags="-s -w" -o /out/versus ./cmd/versus

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/versus /versus
USER nonroot:nonroot
EXPOSE 8080
ENTRYPOINT ["/versus"]
CMD ["serve", "-addr", ":8080"]
