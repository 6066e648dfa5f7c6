// The container files (Dockerfile, compose.yaml), checked where no container engine can build
// them (docs/integrations.md "Container" says why): the Dockerfile passes dockerfile-utils'
// linter with every rule an error, and holds what the image promises — two stages on Node 20
// slim, Debian's redis-server for the embedded mode, a non-root user, a health check on
// /readyz, and the same start command as `npm start`; compose runs Redis with AOF and noeviction.
import { existsSync, readFileSync } from 'node:fs';
import { ValidationSeverity, validate } from 'dockerfile-utils';
import { describe, expect, it } from 'vitest';

const dockerfile = readFileSync('Dockerfile', 'utf8');
const compose = readFileSync('compose.yaml', 'utf8');
const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string>; engines: { node: string } };

/** Instructions with continuation lines joined, comments dropped. */
function instructions(text: string): string[] {
  return text.replace(/\\\n/g, ' ').split('\n').map((l) => l.trim()).filter((l) => l !== '' && !l.startsWith('#'));
}

describe('Dockerfile', () => {
  it('passes the linter with every rule an error', () => {
    const E = ValidationSeverity.ERROR;
    const problems = validate(dockerfile, {
      deprecatedMaintainer: E, directiveCasing: E, emptyContinuationLine: E, instructionCasing: E, instructionCmdMultiple: E,
      instructionEntrypointMultiple: E, instructionHealthcheckMultiple: E, instructionJSONInSingleQuotes: E, instructionWorkdirRelative: E,
    });
    expect(problems.map((p) => `line ${p.range.start.line + 1}: ${p.message}`)).toEqual([]);
    // The linter does find problems: a bad port, for one.
    expect(validate('FROM node:20-bookworm-slim\nEXPOSE port\n').length).toBeGreaterThan(0);
  });

  it('builds in two stages on Node 20 slim and runs as a non-root user with Debian\'s redis-server', () => {
    const lines = instructions(dockerfile);
    const froms = lines.filter((l) => l.startsWith('FROM '));
    expect(froms).toHaveLength(2);
    for (const f of froms) expect(f).toMatch(/^FROM node:20-[a-z]+-slim\b/);
    const final = lines.slice(lines.lastIndexOf(froms[1] ?? ''));
    expect(final.some((l) => /^RUN .*apt-get install .*redis-server/.test(l))).toBe(true);
    const user = final.findIndex((l) => l.startsWith('USER '));
    expect(user).toBeGreaterThan(0);
    expect(final[user]).not.toMatch(/USER (root|0)\b/);
    expect(final.findIndex((l) => l.startsWith('CMD '))).toBeGreaterThan(user);
    expect(final.some((l) => l.startsWith('COPY --from=build'))).toBe(true);
    expect(final.some((l) => /npm (ci|install)/.test(l))).toBe(false);
  });

  it('checks health on /readyz and starts the server as `npm start` does', () => {
    const lines = instructions(dockerfile);
    expect(lines.filter((l) => l.startsWith('HEALTHCHECK ')).join('')).toMatch(/\/readyz/);
    const cmd = JSON.parse(lines.find((l) => l.startsWith('CMD '))?.slice(4) ?? '[]') as string[];
    expect(cmd.join(' ')).toBe(pkg.scripts.start);
    for (const l of lines.filter((x) => x.startsWith('COPY ') && !x.includes('--from='))) {
      for (const src of l.split(/\s+/).slice(1, -1)) expect(existsSync(src), src).toBe(true);
    }
  });
});

describe('compose.yaml', () => {
  it('runs Pantau against a Redis with AOF and noeviction', () => {
    expect(compose).toMatch(/"--appendonly", "yes"/);
    expect(compose).toMatch(/"--maxmemory-policy", "noeviction"/);
    expect(compose).toMatch(/REDIS_URL: redis:\/\/redis:6379/);
    expect(compose).toMatch(/condition: service_healthy/);
    expect(compose).toMatch(/^\s+build: \.$/m);
  });
});
