// End-to-end tests of the dashboard on one node in headless Chromium: a real node started with ./tollgate start,
// traffic from the mock provider, and the pages checked against the management API. Screenshots of every page go to
// node/target/e2e-screenshots (ignored by git).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import * as h from './harness.mjs';

const ADMIN = h.ADMIN;
let base, work, node, browser, page, keyValue, keyName, uiKeyValue;

const api = (path, options) => h.api(base, path, options);
const chat = (key, content, user, tags) => h.chat(base, key, content, user, tags);
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
  tags: { names: { feature: { max_values: 10 } } }
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
    for (let i = 0; i < 3; i++) {
      last = await chat(keyValue, 'hello dashboard ' + i, i < 2 ? 'end-user-' + i : undefined,
        i === 0 ? {} : { feature: i === 1 ? 'search' : 'summarize' });
    }
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

  it('charts spend per day by provider, model, team, customer, end user and tag, equal to /api/spend', async () => {
    const now = new Date();
    const month = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1)).toISOString().slice(0, 10);
    const names = new Map([...(await api('/api/governance/customers')).customers,
      ...(await api('/api/governance/teams')).teams].map(o => [o.id, o.name]));
    const tags = (await api('/api/tags')).tags.map(t => 'tag:' + t.name);
    assert.deepEqual(tags, ['tag:feature']);
    for (const by of ['provider', 'model', 'team', 'customer', 'end_user', ...tags]) {
      await page.selectOption('#chart-by', by);
      const answer = await api(`/api/spend?group_by=${encodeURIComponent(by)}&interval=day&from=${month}T00:00:00Z`);
      if (by === 'end_user') assert.ok(answer.spend.some(r => r.group === 'end-user-0'), JSON.stringify(answer));
      if (by === 'tag:feature') assert.ok(answer.spend.some(r => r.group === 'search'), JSON.stringify(answer));
      const expected = [...new Set(answer.spend.map(r => names.get(r.group) ?? (r.group || '(none)')))];
      await page.waitForFunction((want) => {
        const chart = document.querySelector('[data-testid=spend-chart]');
        return chart && chart.dataset.series === want && chart.querySelector('canvas');
      }, JSON.stringify(expected.sort((a, b) => {
        const cost = (n) => answer.spend.filter(r => (names.get(r.group) ?? (r.group || '(none)')) === n)
          .reduce((sum, r) => sum + Number(r.cost_usd), 0);
        return cost(b) - cost(a);
      })));
      const total = Number(await page.getAttribute('[data-testid=spend-chart]', 'data-total'));
      assert.ok(Math.abs(total - Number(answer.total_cost_usd)) < 1e-9, `${by}: chart ${total} vs ${answer.total_cost_usd}`);
      assert.ok(answer.spend.every(r => r.day === now.toISOString().slice(0, 10)), 'all of this run is today');
      const legend = await page.textContent('[data-testid=spend-chart] .u-legend');
      for (const name of expected) assert.ok(legend.includes(name), `${by}: legend has ${name}: ${legend}`);
      await shot('overview-chart-' + by.replace(':', '-'));
    }
    await page.selectOption('#chart-by', 'provider');
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

  it('creates a virtual key that works at once, its request seen in the logs view, and shows API validation messages', async () => {
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
    uiKeyValue = (await (await page.waitForSelector('[data-testid=new-key-value]')).textContent()).trim();
    assert.match(uiKeyValue, /^tg-/);
    await shot('governance');

    // the logs view, filtered to the new key, shows its first request without a reload
    const key = (await api('/api/governance/virtual-keys')).virtual_keys.find(k => k.name === 'ui-key');
    await page.goto(base + '/ui/#/logs');
    await page.waitForSelector('#log-filters');
    await page.fill('#log-filters input[name=status]', '');
    await page.fill('#log-filters input[name=virtual_key_id]', key.id);
    await page.click('#log-filters button[type=submit]');
    await page.waitForFunction(() => document.querySelector('main table tbody')?.children.length === 0);
    const id = await chat(uiKeyValue, 'made in the dashboard');
    await page.waitForSelector(`text=${id}`, { timeout: 20000 });
    assert.equal(await page.locator('main table tbody tr').count(), 1, 'only the new key\'s request');
    await shot('logs-new-key');
  });

  it('edits a key\'s budgets and rate limits in the form, renames and deletes owners', async () => {
    await page.goto(base + '/ui/#/governance');
    await page.waitForSelector('#owner-form');
    await page.selectOption('#owner-form select[name=owner]', { label: 'key ui-key' });
    await page.waitForSelector('#owner-budgets .budget-row input[name=max_limit][value="5"]');
    // a second budget, below one request's worst case, and a token rate limit
    await page.click('#add-budget');
    const second = page.locator('#owner-budgets .budget-row').nth(1);
    await second.locator('input[name=max_limit]').fill('0.000001');
    await second.locator('select[name=reset_duration]').selectOption('1w');
    await page.fill('#owner-form input[name=token_max_limit]', '100000');
    await page.selectOption('#owner-form select[name=token_reset_duration]', '1h');
    // the API's validation message for a bad rate limit, then the good one saved
    await page.fill('#owner-form input[name=request_max_limit]', '-3');
    await page.click('#owner-form button[type=submit]');
    await page.waitForFunction(() => document.querySelector('#owner-form .error').textContent.length > 0);
    assert.match(await page.textContent('#owner-form .error'), /request_max_limit/);
    await page.fill('#owner-form input[name=request_max_limit]', '');
    await page.click('#owner-form button[type=submit]');
    await page.waitForFunction(() => document.querySelector('[data-testid=owner-saved]').textContent.includes('ui-key')
      || document.querySelector('#owner-form .error').textContent.length > 0);
    assert.equal(await page.textContent('#owner-form .error'), '', 'saved without an error');
    await page.waitForSelector('[data-testid=owner-saved]:has-text("ui-key")');
    await shot('governance-edit');
    const key = (await api('/api/governance/virtual-keys')).virtual_keys.find(k => k.name === 'ui-key');
    const saved = (await api('/api/governance/virtual-keys/' + key.id)).virtual_key;
    assert.deepEqual(saved.budgets.map(b => [Number(b.max_limit), b.reset_duration]), [[5, '1M'], [0.000001, '1w']]);
    assert.equal(saved.rate_limit.token_max_limit, 100000);
    assert.equal(saved.rate_limit.token_reset_duration, '1h');
    assert.equal(saved.rate_limit.request_max_limit, 0);
    const capped = await fetch(base + '/v1/chat/completions', {
      method: 'POST',
      headers: { authorization: 'Bearer ' + uiKeyValue, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'mock/echo', messages: [{ role: 'user', content: 'over budget?' }] }),
    });
    const cappedBody = await capped.text();
    assert.ok(capped.status === 402 || capped.status === 429, 'refused over its new budget: ' + capped.status + ' ' + cappedBody);

    // rename a customer, then delete it (after the browser's confirmation)
    await page.fill('#customer-form input[name=name]', 'short-lived');
    await page.click('#customer-form button[type=submit]');
    await page.waitForSelector('td:has-text("short-lived")');
    await page.selectOption('#owner-form select[name=owner]', { label: 'customer short-lived' });
    await page.waitForFunction(() => document.querySelector('#owner-form input[name=name]').value === 'short-lived');
    await page.fill('#owner-form input[name=name]', 'renamed-customer');
    await page.click('#owner-form button[type=submit]');
    await page.waitForSelector('[data-testid=owner-saved]:has-text("short-lived")');
    assert.ok((await api('/api/governance/customers')).customers.some(c => c.name === 'renamed-customer'));
    await page.reload();
    await page.waitForSelector('#owner-form');
    page.once('dialog', dialog => dialog.accept());
    await page.selectOption('#owner-form select[name=owner]', { label: 'customer renamed-customer' });
    await page.waitForFunction(() => !document.querySelector('#owner-form fieldset').disabled);
    await page.click('#delete-owner');
    await page.waitForFunction(() => !document.body.textContent.includes('renamed-customer'));
    assert.ok(!(await api('/api/governance/customers')).customers.some(c => c.name === 'renamed-customer'));

    // disabled from the key table: refused at once
    await page.locator('tr', { hasText: 'ui-key' }).locator('button', { hasText: 'Disable' }).click();
    await page.locator('tr', { hasText: 'ui-key' }).locator('td', { hasText: /^no$/ }).waitFor();
    const refused = await fetch(base + '/v1/chat/completions', {
      method: 'POST',
      headers: { authorization: 'Bearer ' + uiKeyValue, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'mock/echo', messages: [{ role: 'user', content: 'disabled?' }] }),
    });
    await refused.text();
    assert.ok(refused.status === 401 || refused.status === 403, 'a disabled key is refused: ' + refused.status);
  });

  it('shows each customer\'s revenue, cost and margin equal to /api/margin', async () => {
    const customer = (await api('/api/governance/customers')).customers.find(c => c.name === 'e2e-customer');
    await api('/api/governance/customers/' + customer.id, { method: 'PUT',
      body: JSON.stringify({ plan: { monthly_fee: 20, per_request: 0.001 } }) });
    const month = new Date().toISOString().slice(0, 7);
    await api('/api/revenue', { method: 'POST', body: JSON.stringify({ customer_id: customer.id, amount_usd: '5.50',
      period: month, idempotency_key: 'e2e-invoice-1' }) });
    await page.goto(base + '/ui/#/margin');
    await page.waitForSelector('[data-testid=margin-revenue]');
    const margin = await api('/api/margin?period=' + month + '&group_by=customer');
    assert.equal(number(await page.textContent('[data-testid=margin-revenue]')), Number(margin.totals.revenue_usd));
    assert.equal(number(await page.textContent('[data-testid=margin-cost]')), Number(margin.totals.cost_usd));
    const row = margin.margins.find(r => r.name === 'e2e-customer');
    assert.ok(Number(row.revenue_usd) >= 25.5, JSON.stringify(row));
    const cells = await page.locator('tr', { hasText: 'e2e-customer' }).locator('td').allTextContents();
    assert.equal(number(cells[1]), Number(row.revenue_usd));
    assert.equal(number(cells[4]), Number(row.cost_usd));
    assert.equal(cells[6], row.margin_percent + '%');
    await shot('margin');
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
