// The dashboard on a three-node cluster (one shared PostgreSQL store, the grid over loopback): a key created in one
// node's dashboard works through another node at once, and every node's dashboard shows the same spend, the same
// budgets and all three members. Screenshots go to node/target/e2e-screenshots/cluster-*.png.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import * as h from './harness.mjs';

let work, schema, browser;
const nodes = [];

before(async () => {
  work = h.workDir();
  schema = h.postgresSchema();
  const http = [await h.freePort(), await h.freePort(), await h.freePort()];
  const grid = [await h.freePort(), await h.freePort(), await h.freePort()];
  const name = 'tg-e2e-' + Math.random().toString(16).slice(2, 10);
  const members = grid.map(p => `"127.0.0.1:${p}"`).join(', ');
  const yaml = (i) => `
server: { host: 127.0.0.1, port: ${http[i]} }
admin: { token: "${h.ADMIN}" }
providers:
  mock: { type: mock }
pricing:
  mock/echo: { input: 1000, output: 1000 }
cluster: { name: ${name}, port: ${grid[i]}, members: [ ${members} ], quorum: 2 }
governance:
  enforce: true
  customers: [ { name: e2e-customer, budgets: [ { max_limit: 100, reset_duration: 1M } ] } ]
  teams: [ { name: e2e-team, customer: e2e-customer } ]
logging: { enabled: true }
store: { url: "${schema.url}", user: ${schema.user} }
`;
  // together: with a quorum of 2 a node is ready only once another has joined (./tollgate test has just built the
  // node's jar, so no start builds it)
  nodes.push(...await Promise.all([0, 1, 2].map(i => h.startNode(work, 'node' + (i + 1), http[i], yaml(i)))));
  for (let i = 0; i < 120; i++) { // the three have found each other
    const status = await h.api(nodes[0].base, '/api/cluster/status');
    if (status.cluster.size === 3 && status.cluster.partitions_safe) break;
    await new Promise(r => setTimeout(r, 500));
  }
  browser = await h.launchBrowser();
});

after(async () => {
  await browser?.close();
  await Promise.all(nodes.map(h.stopNode));
  try { schema?.drop(); } catch { /* the server went away: nothing to drop */ }
  h.cleanup(work);
});

describe('dashboard on a three-node cluster', () => {
  it('creates a key in one node\'s dashboard that another node serves, and shows the same spend everywhere', async () => {
    const first = await h.newPage(browser);
    await h.signIn(first, nodes[0].base);
    await first.goto(nodes[0].base + '/ui/#/governance');
    await first.fill('#key-form input[name=name]', 'cluster-key');
    await first.fill('#key-form input[name=budget]', '5');
    await first.selectOption('#key-form select[name=team]', { label: 'e2e-team' });
    await first.click('#key-form button[type=submit]');
    const value = (await (await first.waitForSelector('[data-testid=new-key-value]')).textContent()).trim();

    let last;
    for (let i = 0; i < 4; i++) last = await h.chat(nodes[1].base, value, 'through node 2, ' + i);
    await h.waitForLog(nodes[2].base, last);

    const month = new Date().toISOString().slice(0, 8) + '01T00:00:00Z';
    const spend = await h.api(nodes[0].base, '/api/spend?group_by=day&from=' + month);
    assert.equal(spend.total_requests, 4);
    for (const node of nodes) {
      const page = await h.newPage(browser);
      await h.signIn(page, node.base);
      assert.equal(h.number(await page.textContent('[data-testid=requests-month]')), spend.total_requests,
        node.name + ' requests');
      assert.equal(h.number(await page.textContent('[data-testid=spend-month]')), Number(spend.total_cost_usd),
        node.name + ' spend');
      // the node that served the requests charges them to the grid within a lease flush (50 ms): poll briefly
      let used;
      for (let i = 0; i < 20; i++) {
        await page.goto(node.base + '/ui/#/budgets');
        await page.reload();
        const row = page.locator('tr', { hasText: 'cluster-key' }).first();
        await row.waitFor();
        used = h.number(await row.locator('td').nth(3).textContent());
        if (used === Number(spend.total_cost_usd)) break;
        await new Promise(r => setTimeout(r, 250));
      }
      assert.equal(used, Number(spend.total_cost_usd), node.name + ' budget used');
      await page.goto(node.base + '/ui/#/cluster');
      await page.waitForSelector('[data-testid=cluster-size]');
      assert.equal(await page.textContent('[data-testid=cluster-size]'), '3', node.name);
      assert.equal(await page.textContent('[data-testid=partitions-safe]'), 'yes', node.name);
      await page.screenshot({ path: join(h.shots, `cluster-${node.name}.png`), fullPage: true });
      await page.close();
    }
  });
});
