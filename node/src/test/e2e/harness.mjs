// What the dashboard's browser tests share: nodes started with ./tollgate start, their management API, requests
// through them, PostgreSQL schemas for clusters, and the browser (Debian's Chromium driven by playwright-core).
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));
export const repo = resolve(here, '../../../..');
export const shots = join(repo, 'node/target/e2e-screenshots');
export const ADMIN = 'e2e-dashboard-admin-token-0001';
const BROWSER = process.env.TOLLGATE_CHROMIUM || '/usr/bin/chromium';
const sleep = (ms) => new Promise(r => setTimeout(r, ms));

// A free port below the kernel's ephemeral range (32768-60999): a port the OS hands out for listening may otherwise
// be taken, before the node binds it, by the local end of another node's outgoing cluster connection.
const handedOut = new Set();
export async function freePort() {
  for (let attempt = 0; attempt < 200; attempt++) {
    const port = 20000 + Math.floor(Math.random() * 12000);
    if (handedOut.has(port)) continue;
    handedOut.add(port);
    const free = await new Promise((ok) => {
      const server = createServer();
      server.on('error', () => ok(false));
      server.listen(port, '127.0.0.1', () => server.close(() => ok(true)));
    });
    if (free) return port;
  }
  throw new Error('no free port between 20000 and 32000 after 200 tries');
}

/** A temporary directory, deleted by cleanup(). */
export function workDir() {
  mkdirSync(shots, { recursive: true });
  return mkdtempSync(join(tmpdir(), 'tollgate-e2e-'));
}

/** Starts a node from YAML with ./tollgate start in its own process group; resolves once /ready answers. */
export async function startNode(work, name, port, yaml) {
  const config = join(work, name + '.yaml');
  writeFileSync(config, yaml);
  const logFile = join(work, name + '.log');
  const proc = spawn(join(repo, 'tollgate'), ['start', '--config', config],
    { stdio: ['ignore', openSync(logFile, 'w'), openSync(logFile, 'a')], detached: true });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    try { if ((await fetch(base + '/ready')).ok) break; } catch { /* not up yet */ }
    if (proc.exitCode !== null || i > 360) {
      if (proc.exitCode === null) process.kill(-proc.pid, 'SIGKILL'); // no orphan left running
      throw new Error(`node ${name} did not start:\n` + readFileSync(logFile, 'utf8'));
    }
    await sleep(500);
  }
  return { name, base, proc };
}

export async function stopNode(node) {
  if (node && node.proc.exitCode === null) {
    process.kill(-node.proc.pid, 'SIGTERM');
    await new Promise(r => node.proc.once('exit', r));
  }
}

/** The management API of the node at {@code base}, as the admin. */
export async function api(base, path, options = {}) {
  const response = await fetch(base + path, {
    ...options,
    headers: { authorization: 'Bearer ' + ADMIN, 'content-type': 'application/json', ...(options.headers || {}) },
  });
  const text = await response.text();
  assert.ok(response.ok, `${path}: ${response.status} ${text}`);
  return JSON.parse(text);
}

/**
 * One chat request through the node with a virtual key, optionally from an end user and with tags
 * ({ feature: 'search' } becomes the x-tollgate-tag-feature header); returns its request id.
 */
export async function chat(base, key, content, user, tags = {}) {
  const headers = { authorization: 'Bearer ' + key, 'content-type': 'application/json' };
  for (const [name, value] of Object.entries(tags)) headers['x-tollgate-tag-' + name] = value;
  const response = await fetch(base + '/v1/chat/completions', {
    method: 'POST',
    headers,
    body: JSON.stringify({ model: 'mock/echo', messages: [{ role: 'user', content }], ...(user ? { user } : {}) }),
  });
  const text = await response.text();
  assert.equal(response.status, 200, text);
  return response.headers.get('x-request-id');
}

/** Waits until the request log (written in batches) holds the request. */
export async function waitForLog(base, id) {
  for (let i = 0; i < 100; i++) {
    const logs = await api(base, '/api/logs?limit=50');
    if (logs.logs.some(row => row.request_id === id)) return;
    await sleep(200);
  }
  assert.fail('request ' + id + ' never reached the log');
}

/** A fresh PostgreSQL schema on the local server (trust auth, database test), for a cluster's shared store. */
export function postgresSchema() {
  const name = 'e2e_' + Math.random().toString(16).slice(2, 14);
  for (const user of ['postgres', 'root']) {
    try {
      execFileSync('psql', ['-h', '127.0.0.1', '-U', user, '-d', 'test', '-qc', `CREATE SCHEMA ${name}`],
        { stdio: 'pipe' });
      return { name, user, url: `jdbc:postgresql://127.0.0.1:5432/test?currentSchema=${name}`,
        drop: () => execFileSync('psql', ['-h', '127.0.0.1', '-U', user, '-d', 'test', '-qc',
          `DROP SCHEMA IF EXISTS ${name} CASCADE`], { stdio: 'pipe' }) };
    } catch { /* the next user */ }
  }
  throw new Error('these tests need PostgreSQL at 127.0.0.1:5432 (trust auth, database test)');
}

export async function launchBrowser() {
  return chromium.launch({
    executablePath: BROWSER,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
}

export async function newPage(browser) {
  return (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
}

export async function signIn(page, base) {
  await page.goto(base + '/ui/');
  await page.fill('#token', ADMIN);
  await page.click('#login-form button');
  await page.waitForSelector('[data-testid=spend-month]');
}

export const number = (text) => Number(text.replace(/[$,]/g, ''));

export function cleanup(work) {
  if (work) rmSync(work, { recursive: true, force: true });
}
