// End-to-end tests of the dashboard on one node in headless Chromium: a real node started with ./tollgate start,
// traffic from the mock provider, and the pages checked against the management API. Screenshots of every page go to
// node/target/e2e-screenshots (ignored by git).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import * as h from './harness.mjs';

const ADMIN = h.ADMIN;
let base, work, node, browser, page, keyValue, keyName;

const api = (path, options) => h.api(base, path, options);
const chat = (key, content) => h.chat(base, key, content);
const waitForLog = (id) => h.waitForLog(base, id);
const shot = (name) => page.screenshot({ path: join(h.shots, name + '.png'), fullPage: true });
const number = h.number;

before(async () => {
  work = h.workDir();
  const port = await h.freePort();
  node = await h.startNode(work, 'node', port, `
server: { host: 127.0.0.1, port: ${port} }
admin: { token: "${ADMIN}" }
providers:
  mock: { type: mock }
pricing:
  mock/echo: { input: 1000, output: 1000 }
governance:
  enforce: true
  customers: [ { name: e2e-customer, budgets: [ { max_limit: 100, reset_duration: 1M } ] } ]
  teams: [ { name: e2e-team, customer: e2e-customer, budgets: [ { max_limit: 50, reset_duration: 1w } ] } ]
logging: { enabled: true }
store: { data_dir: "${join(work, 'data')}" }
`);
  base = node.base;
  browser = await h.launchBrowser();
  page = await h.newPage(browser);
});

after(async () => {
  await browser?.close();
  await h.stopNode(node);
  h.cleanup(work);
});

describe('dashboard', () => {
  it('refuses a wrong token and keeps the pages hidden', async () => {
    await page.goto(base + '/ui/');
    await page.fill('#token', 'not-the-admin-token');
    await page.click('#login-form button');
    await page.waitForFunction(() => document.getElementById('login-error').textContent.length > 0);
    assert.match(await page.textContent('#login-error'), /refused/);
    assert.equal(await page.isHidden('#app'), true);
    assert.equal(page.url().includes(ADMIN) || page.url().includes('not-the-admin-token'), false);
    await shot('login-refused');
  });

  it('logs in and shows the overview equal to /api/spend', async () => {
    const team = (await api('/api/governance/teams')).teams.find(t => t.name === 'e2e-team');
    keyName = 'e2e-key';
    const created = await api('/api/governance/virtual-keys', {
      method: 'POST',
      body: JSON.stringify({ name: keyName, team_id: team.id, budgets: [{ max_limit: 10, reset_duration: '1d' }] }),
    });
    keyValue = created.virtual_key.value;
    let last;
    for (let i = 0; i < 3; i++) last = await chat(keyValue, 'hello dashboard ' + i);
    await waitForLog(last);

    await page.fill('#token', ADMIN);
    await page.click('#login-form button');
    await page.waitForSelector('[data-testid=spend-month]');
    assert.equal(page.url().includes(ADMIN), false, 'no token in the URL');
    const now = new Date();
    const month = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1)).toISOString().slice(0, 10);
    const spend = await api('/api/spend?group_by=day&from=' + month + 'T00:00:00Z');
    assert.equal(number(await page.textContent('[data-testid=requests-month]')), spend.total_requests);
    assert.equal(number(await page.textContent('[data-testid=spend-month]')), Number(spend.total_cost_usd));
    assert.ok(spend.total_requests >= 3);
    await page.waitForSelector('td:has-text("e2e-customer")'); // top lists show names, not ids
    await shot('overview');
  });

  it('shows a new request appear in the live logs view, filters, and the request\'s detail', async () => {
    await page.goto(base + '/ui/#/logs');
    await page.waitForSelector('#log-filters');
    const id = await chat(keyValue, 'find me in the log');
    await page.waitForSelector(`text=${id}`, { timeout: 20000 }); // no reload: the page polls
    await shot('logs');
    await page.fill('#log-filters input[name=status]', '500');
    await page.click('#log-filters button[type=submit]');
    await page.waitForFunction((id) => !document.body.textContent.includes(id), id);
    await page.fill('#log-filters input[name=status]', '200');
    await page.click('#log-filters button[type=submit]');
    await page.click(`text=${id}`);
    await page.waitForSelector(`h1:has-text("${id}")`);
    const detail = await page.textContent('main');
    assert.match(detail, /Upstream attempts/);
    assert.match(detail, /mock/);
    assert.match(detail, /Gateway overhead/);
    await shot('log-detail');
  });

  it('moves the virtual key\'s budget bar when it spends', async () => {
    const used = async () => {
      await page.goto(base + '/ui/#/budgets');
      await page.reload();
      const row = page.locator('tr', { hasText: keyName });
      await row.first().waitFor();
      const width = await row.first().locator('.bar .used').evaluate(el => parseFloat(el.style.width));
      return { width, text: await row.first().locator('td').nth(3).textContent() };
    };
    const before = await used();
    for (let i = 0; i < 5; i++) await chat(keyValue, 'spend some more ' + i);
    const afterSpend = await used();
    assert.ok(number(afterSpend.text) > number(before.text), `${before.text} -> ${afterSpend.text}`);
    assert.ok(afterSpend.width > before.width, `${before.width}% -> ${afterSpend.width}%`);
    await shot('budgets');
    // the team filter keeps the team's budget and its keys', not the customer's
    await page.selectOption('#budget-team', { label: 'e2e-team' });
    await page.waitForFunction(() => [...document.querySelectorAll('tbody tr')].every(tr => !tr.textContent.startsWith('customer')));
    const levels = await page.$$eval('tbody tr td:first-child', cells => cells.map(c => c.textContent));
    assert.ok(levels.includes('team') && levels.includes('virtual_key') && !levels.includes('customer'), levels.join());
  });

  it('creates a virtual key that works at once, shows API validation messages, and disables the key', async () => {
    await page.goto(base + '/ui/#/governance');
    await page.waitForSelector('#key-form');
    // the API's validation message, next to the form
    await page.fill('#key-form input[name=name]', 'bad-budget');
    await page.fill('#key-form input[name=budget]', '-1');
    await page.click('#key-form button[type=submit]');
    await page.waitForFunction(() => document.querySelector('#key-form .error').textContent.length > 0);
    assert.match(await page.textContent('#key-form .error'), /budget|max_limit/i);

    await page.fill('#key-form input[name=name]', 'ui-key');
    await page.fill('#key-form input[name=budget]', '5');
    await page.selectOption('#key-form select[name=team]', { label: 'e2e-team' });
    await page.click('#key-form button[type=submit]');
    const value = (await (await page.waitForSelector('[data-testid=new-key-value]')).textContent()).trim();
    assert.match(value, /^tg-/);
    await shot('governance');
    const id = await chat(value, 'made in the dashboard');
    await waitForLog(id);

    // its limits edited in the form take effect at once: a budget below one request's worst case refuses it
    await page.selectOption('#limits-form select[name=owner]', { label: 'key ui-key' });
    await page.fill('#limits-form input[name=budget]', '0.000001');
    await page.click('#limits-form button[type=submit]');
    await page.waitForSelector('[data-testid=limits-saved]:has-text("ui-key")');
    const capped = await fetch(base + '/v1/chat/completions', {
      method: 'POST',
      headers: { authorization: 'Bearer ' + value, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'mock/echo', messages: [{ role: 'user', content: 'over budget?' }] }),
    });
    const cappedBody = await capped.text();
    assert.ok(capped.status === 402 || capped.status === 429, 'refused over its new budget: ' + capped.status + ' ' + cappedBody);

    await page.locator('tr', { hasText: 'ui-key' }).locator('button', { hasText: 'Disable' }).click();
    await page.locator('tr', { hasText: 'ui-key' }).locator('td', { hasText: /^no$/ }).waitFor();
    const refused = await fetch(base + '/v1/chat/completions', {
      method: 'POST',
      headers: { authorization: 'Bearer ' + value, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'mock/echo', messages: [{ role: 'user', content: 'disabled?' }] }),
    });
    await refused.text();
    assert.ok(refused.status === 401 || refused.status === 403, 'a disabled key is refused: ' + refused.status);
  });

  it('shows the providers and the cluster', async () => {
    await page.goto(base + '/ui/#/providers');
    await page.waitForSelector('h1:has-text("Providers and keys")');
    await page.waitForSelector('td:has-text("mock")');
    await shot('providers');
    await page.goto(base + '/ui/#/cluster');
    await page.waitForSelector('h1:has-text("Cluster")');
    assert.equal(await page.textContent('[data-testid=cluster-size]'), '1');
    assert.equal(await page.textContent('[data-testid=partitions-safe]'), 'yes');
    await shot('cluster');
  });

  it('forgets the token on sign-out', async () => {
    await page.click('#logout');
    assert.equal(await page.isVisible('#login'), true);
    assert.equal(await page.evaluate(() => sessionStorage.length), 0);
  });
});
