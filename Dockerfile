# faqbot as a container: `docker build -t faqbot .`, then see README, section Deploying.
# The base images can be replaced (a mirror, a pinned digest) with --build-arg RUST_IMAGE=... RUNTIME_IMAGE=...
ARG RUST_IMAGE=rust:1-slim-bookworm
ARG RUNTIME_IMAGE=debian:bookworm-slim

# Build stage: the release binary, with the exact dependency versions of Cargo.lock.
FROM ${RUST_IMAGE} AS build
WORKDIR /src
COPY Cargo.toml Cargo.lock ./
COPY config.toml ./
COPY src src
COPY benches benches
RUN cargo build --release --locked --bin faqbot

# Runtime stage: the binary, the shipped configuration and FAQ, and a user without privileges.
FROM ${RUNTIME_IMAGE}
RUN useradd --system --uid 10001 --user-group --home-dir /var/lib/faqbot --shell /usr/sbin/nologin faqbot \
 && mkdir -p /var/lib/faqbot /etc/faqbot \
 && chown faqbot:faqbot /var/lib/faqbot \
 && chmod 0700 /var/lib/faqbot
COPY --from=build /src/target/release/faqbot /usr/local/bin/faqbot
COPY config.toml /etc/faqbot/config.toml
COPY faq /etc/faqbot/faq
# The database (and its key file) live on a volume; the FAQ may be replaced by mounting a folder over
# /etc/faqbot/faq, and the configuration by mounting a file over /etc/faqbot/config.toml.
ENV FAQBOT_DATABASE__PATH=/var/lib/faqbot/faqbot.db \
    FAQBOT_SERVICE__ADDRESS=0.0.0.0:9464 \
    FAQBOT_TELEGRAM__WEBHOOK_LISTEN=0.0.0.0:8080
VOLUME ["/var/lib/faqbot", "/etc/faqbot/faq"]
USER faqbot:faqbot
WORKDIR /var/lib/faqbot
# 8080: the webhook (webhook mode only); 9464: /healthz and /metrics.
EXPOSE 8080 9464
# bash's /dev/tcp: the runtime image needs no HTTP client for its own health check.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/9464 && printf 'GET /healthz HTTP/1.0\\r\\n\\r\\n' >&3 && head -n 1 <&3 | grep -q ' 200 '"]
ENTRYPOINT ["faqbot", "--config", "/etc/faqbot/config.toml"]
CMD ["serve"]
