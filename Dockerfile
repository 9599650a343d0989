# syntax=docker/dockerfile:1
# Kestrel: multi-stage build. The final image has production dependencies and compiled JS only,
# runs as a non-root user, and keeps its SQLite database on a volume.

FROM node:22-slim AS build
WORKDIR /app
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts && npm rebuild better-sqlite3
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY adapters ./adapters
COPY commands ./commands
# Only what runs in production is compiled (tsconfig.build.json): no benchmarks, no tests.
RUN npx tsc -p tsconfig.build.json

FROM node:22-slim AS deps
WORKDIR /app
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts && npm rebuild better-sqlite3

FROM node:22-slim AS runtime
ENV NODE_ENV=production \
    KESTREL_DB=/data/kestrel.db \
    KESTREL_CONFIG=/app/kestrel.config.yaml
WORKDIR /app
RUN groupadd --system kestrel && useradd --system --gid kestrel --home-dir /app kestrel \
    && mkdir -p /data && chown kestrel:kestrel /data
COPY --from=deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json kestrel.config.yaml ./
COPY bin ./bin
COPY data/demo ./data/demo
# The labelled set the team model is guarded on (teach.guardSet).
COPY test/fixtures/labelled/dev.jsonl ./test/fixtures/labelled/dev.jsonl
USER kestrel
VOLUME ["/data"]
# Healthy only when `kestrel start` says so on GET /healthz (health.port, default 9464, on loopback inside
# the container): the database answers, the last poll is recent (or demo mode), the dispatcher loop runs.
# (Another health.port needs this line changed; a Prometheus outside the container needs health.host: 0.0.0.0.)
EXPOSE 9464
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
    CMD ["node", "-e", "fetch('http://127.0.0.1:9464/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
ENTRYPOINT ["node", "dist/src/main.js"]
CMD ["start"]
