// Tollgate dashboard: a plain ES module, no dependencies. The admin token lives in sessionStorage only and goes to
// the management API as a bearer token; nothing is put in a URL.
const TOKEN = 'tollgate.adminToken';
const page = () => document.getElementById('page');

class Unauthorized extends Error {}

async function api(path) {
  const token = sessionStorage.getItem(TOKEN);
  const response = await fetch(path, { headers: { Authorization: 'Bearer ' + token }, cache: 'no-store' });
  if (response.status === 401) {
    throw new Unauthorized('The admin token was refused.');
  }
  const body = await response.json().catch(() => ({}));
  if (!response.ok) {
    throw new Error(body?.error?.message || ('HTTP ' + response.status));
  }
  return body;
}

// ---- small DOM helpers (text only: nothing from the API is parsed as HTML) ----
function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (name === 'class') node.className = value;
    else if (name === 'onclick') node.addEventListener('click', value);
    else node.setAttribute(name, value);
  }
  for (const child of children.flat()) {
    if (child !== null && child !== undefined) node.append(child instanceof Node ? child : String(child));
  }
  return node;
}
const usd = (v) => '$' + Number(v ?? 0).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 6 });
const pct = (part, whole) => whole > 0 ? (100 * part / whole).toFixed(1) + '%' : '–';
const isoDay = (d) => d.toISOString().slice(0, 10);
function card(label, value, id) {
  return el('div', { class: 'card' }, el('div', { class: 'label' }, label), el('div', { class: 'value', 'data-testid': id }, value));
}
function table(columns, rows, onRow) {
  return el('table', {},
    el('thead', {}, el('tr', {}, columns.map(c => el('th', { class: c.num ? 'num' : '' }, c.label)))),
    el('tbody', {}, rows.map(row => {
      const tr = el('tr', onRow ? { class: 'clickable', onclick: () => onRow(row) } : {},
        columns.map(c => el('td', { class: c.num ? 'num' : '' }, c.value(row))));
      return tr;
    })));
}
function barChart(points) { // points: [{label, value}]
  const width = 800, height = 200, pad = 24;
  const max = Math.max(1e-9, ...points.map(p => p.value));
  const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
  svg.setAttribute('class', 'chart');
  svg.setAttribute('viewBox', `0 0 ${width} ${height + pad}`);
  const step = width / Math.max(1, points.length);
  points.forEach((p, i) => {
    const h = Math.round((height - 10) * p.value / max);
    const rect = document.createElementNS(svg.namespaceURI, 'rect');
    rect.setAttribute('x', String(i * step + 2));
    rect.setAttribute('y', String(height - h));
    rect.setAttribute('width', String(Math.max(1, step - 4)));
    rect.setAttribute('height', String(h));
    const title = document.createElementNS(svg.namespaceURI, 'title');
    title.textContent = `${p.label}: ${usd(p.value)}`;
    rect.append(title);
    svg.append(rect);
    if (points.length <= 31) {
      const text = document.createElementNS(svg.namespaceURI, 'text');
      text.setAttribute('x', String(i * step + 2));
      text.setAttribute('y', String(height + 14));
      text.textContent = p.label.slice(8);
      svg.append(text);
    }
  });
  return svg;
}

// ---- pages ----
const pages = {
  async overview() {
    const now = new Date();
    const today = isoDay(now) + 'T00:00:00Z';
    const month = isoDay(new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1))) + 'T00:00:00Z';
    const [day, byDay, customers, teams, keys, models] = await Promise.all([
      api('/api/spend?group_by=provider&from=' + today),
      api('/api/spend?group_by=day&from=' + month),
      api('/api/spend?group_by=customer&from=' + month),
      api('/api/spend?group_by=team&from=' + month),
      api('/api/spend?group_by=virtual_key&from=' + month),
      api('/api/spend?group_by=model&from=' + month),
    ]);
    const top = (answer) => [...answer.spend].sort((a, b) => b.cost_usd - a.cost_usd).slice(0, 5);
    const spendColumns = [
      { label: 'Name', value: r => r.group || '(none)' },
      { label: 'Requests', num: true, value: r => r.requests },
      { label: 'Cost', num: true, value: r => usd(r.cost_usd) },
      { label: 'Saved', num: true, value: r => usd(r.saved_usd) },
    ];
    return [
      el('h1', {}, 'Overview'),
      el('div', { class: 'cards' },
        card('Spend today', usd(day.total_cost_usd), 'spend-today'),
        card('Spend this month', usd(byDay.total_cost_usd), 'spend-month'),
        card('Requests this month', byDay.total_requests.toLocaleString('en-US'), 'requests-month'),
        card('Error rate', pct(byDay.total_errors, byDay.total_requests), 'error-rate'),
        card('Cache hit rate', pct(byDay.total_cache_hits, byDay.total_requests), 'cache-hit-rate'),
        card('Saved by the cache', usd(byDay.total_saved_usd), 'saved-month')),
      el('h2', {}, 'Spend per day (UTC)'),
      barChart(byDay.spend.map(r => ({ label: r.group, value: Number(r.cost_usd) }))),
      el('h2', {}, 'Top customers'), table(spendColumns, top(customers)),
      el('h2', {}, 'Top teams'), table(spendColumns, top(teams)),
      el('h2', {}, 'Top virtual keys'), table(spendColumns, top(keys)),
      el('h2', {}, 'By model'), table(spendColumns, top(models)),
    ];
  },

  async budgets() {
    const answer = await api('/api/governance/budgets');
    const rows = answer.budgets ?? [];
    const level = (p) => p >= 100 ? 'level-over' : p >= 90 ? 'level-high' : p >= 80 ? 'level-warn' : '';
    const bar = (r) => {
      const limit = Number(r.limit_usd) || 0;
      const used = el('span', { class: 'used' });
      const reserved = el('span', { class: 'reserved' });
      const usedShare = limit > 0 ? Math.min(100, 100 * Number(r.usage_usd) / limit) : 100;
      const reservedShare = limit > 0 ? Math.min(100 - usedShare, 100 * Number(r.reserved_usd) / limit) : 0;
      used.style.width = usedShare + '%';
      reserved.style.left = usedShare + '%';
      reserved.style.width = reservedShare + '%';
      return el('div', { class: 'bar ' + level(r.percent_used), title: r.percent_used + '%' }, used, reserved);
    };
    return [
      el('h1', {}, 'Budgets'),
      rows.length === 0 ? el('p', { class: 'muted' }, 'No budgets are defined.') : table([
        { label: 'Level', value: r => r.level },
        { label: 'Owner', value: r => r.owner_name },
        { label: 'Used', value: bar },
        { label: 'Used $', num: true, value: r => usd(r.usage_usd) },
        { label: 'Reserved $', num: true, value: r => usd(r.reserved_usd) },
        { label: 'Limit $', num: true, value: r => usd(r.limit_usd) },
        { label: '%', num: true, value: r => r.percent_used + '%' },
        { label: 'Mode', value: r => r.mode },
        { label: 'Resets', value: r => r.resets_at ?? '–' },
      ], rows),
    ];
  },

  async logs() {
    const answer = await api('/api/logs?limit=50');
    return [
      el('h1', {}, 'Request log'),
      el('p', { class: 'muted' }, 'The 50 newest requests; click one for its detail.'),
      table([
        { label: 'Time', value: r => r.time },
        { label: 'Request id', value: r => r.request_id },
        { label: 'Route', value: r => r.route },
        { label: 'Model', value: r => r.model ?? '' },
        { label: 'Status', num: true, value: r => r.status },
        { label: 'Cache', value: r => r.cache_status },
        { label: 'Tokens in/out', num: true, value: r => `${r.input_tokens} / ${r.output_tokens}` },
        { label: 'Cost', num: true, value: r => usd(r.cost_usd) },
        { label: 'Latency ms', num: true, value: r => (r.latency_us / 1000).toFixed(1) },
      ], answer.logs ?? [], row => { location.hash = '#/logs/' + encodeURIComponent(row.request_id); }),
    ];
  },

  async log(id) {
    const answer = await api('/api/logs/' + encodeURIComponent(id));
    return [el('h1', {}, 'Request ' + id), el('pre', {}, JSON.stringify(answer.log, null, 2))];
  },

  async providers() {
    const answer = await api('/api/providers/keys');
    return [el('h1', {}, 'Providers and keys'), el('pre', {}, JSON.stringify(answer.keys ?? answer, null, 2))];
  },

  async cluster() {
    const answer = await api('/api/cluster/status');
    return [el('h1', {}, 'Cluster'), el('pre', {}, JSON.stringify(answer, null, 2))];
  },
};

// ---- shell ----
let shown = 0; // the newest navigation: a slower answer for an earlier page must not replace it

async function show() {
  const mine = ++shown;
  if (!sessionStorage.getItem(TOKEN)) {
    return login();
  }
  document.getElementById('login').hidden = true;
  document.getElementById('app').hidden = false;
  const [name, arg] = location.hash.replace(/^#\//, '').split('/');
  const key = name === 'logs' && arg ? 'log' : (pages[name] ? name : 'overview');
  document.querySelectorAll('nav a').forEach(a => a.classList.toggle('active', a.dataset.page === (key === 'log' ? 'logs' : key)));
  try {
    const content = await pages[key](arg && decodeURIComponent(arg));
    if (mine === shown) page().replaceChildren(...content);
  } catch (e) {
    if (mine !== shown) return;
    if (e instanceof Unauthorized) {
      sessionStorage.removeItem(TOKEN);
      return login(e.message);
    }
    page().replaceChildren(el('p', { class: 'error', role: 'alert' }, e.message));
  }
}

function login(message = '') {
  document.getElementById('app').hidden = true;
  document.getElementById('login').hidden = false;
  document.getElementById('login-error').textContent = message;
}

document.addEventListener('DOMContentLoaded', () => {
  document.getElementById('login-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const input = document.getElementById('token');
    sessionStorage.setItem(TOKEN, input.value.trim());
    input.value = '';
    try {
      await api('/api/cluster/status');
      await show();
    } catch (e) {
      sessionStorage.removeItem(TOKEN);
      login(e.message);
    }
  });
  document.getElementById('logout').addEventListener('click', () => {
    sessionStorage.removeItem(TOKEN);
    login();
  });
  window.addEventListener('hashchange', show);
  show();
});
