# Pantau in one image (docs/integrations.md "Container"). Two stages: the build stage installs
# every npm package and builds the client and the server; the runtime stage holds the built
# files, the production packages, the city profiles and Debian's redis-server for the embedded
# mode (REDIS_URL unset), and runs as the unprivileged `node` user.
#   docker build -t pantau . && docker run -p 8080:8080 -e PANTAU_DEMO=on pantau

FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund --loglevel=error
COPY . .
RUN npm run build && npm prune --omit=dev --no-audit --no-fund

FROM node:20-bookworm-slim
# Embedded mode starts its own redis-server; with REDIS_URL (compose.yaml) it stays unused.
RUN apt-get update \
 && apt-get install -y --no-install-recommends redis-server \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=8080 \
    PANTAU_DATA_DIR=/data
COPY --from=build /app/package.json ./package.json
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/cities ./cities
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 8080
# Ready means Redis answers (GET /readyz); Node 20 has fetch, so no curl in the image.
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 8080) + '/readyz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "dist/server/server/main.js"]
