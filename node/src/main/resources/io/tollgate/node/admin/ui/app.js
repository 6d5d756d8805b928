// Tollgate dashboard: a plain ES module, no dependencies. The admin token lives in sessionStorage only and goes to
// the management API as a bearer token; nothing is put in a URL.
const TOKEN = 'tollgate.adminToken';
const page = () => document.getElementById('page');

class Unauthorized extends Error {}

// an API error's message, led by the field it is about unless it says so itself
const withParam = (e) => e.param && !e.message.startsWith(e.param) ? `${e.param}: ${e.message}` : e.message;

class ApiError extends Error {
  constructor(message, param) { super(message); this.param = param; }
}

async function api(path, method = 'GET', body = undefined) {
  const token = sessionStorage.getItem(TOKEN);
  const headers = { Authorization: 'Bearer ' + token };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(path, { method, headers, cache: 'no-store',
    body: body === undefined ? undefined : JSON.stringify(body) });
  if (response.status === 401) {
    throw new Unauthorized('The admin token was refused.');
  }
  const answer = await response.json().catch(() => ({}));
  if (!response.ok) {
    throw new ApiError(answer?.error?.message || ('HTTP ' + response.status), answer?.error?.param);
  }
  return answer;
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
const usd = (v) => { // display only: the API's amounts are exact decimals
  const n = Number(v ?? 0);
  return (n < 0 ? '-$' : '$') + Math.abs(n).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 6 });
};
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
// Spend per day, one stacked bar per group (the largest groups, the rest as "other"), drawn by uPlot. Each series
// holds the running sum of the groups below it so the bars stack; the legend shows each group's own amount.
const PALETTE = ['#2563eb', '#16a34a', '#d97706', '#dc2626', '#7c3aed', '#0891b2', '#db2777', '#64748b'];
function spendChart(answer, firstDay, lastDay, nameOf) {
  const days = [];
  for (let d = new Date(firstDay); d <= lastDay; d = new Date(d.getTime() + 86400000)) days.push(isoDay(d));
  const totals = new Map();
  for (const r of answer.spend) totals.set(r.group, (totals.get(r.group) ?? 0) + Number(r.cost_usd));
  const ranked = [...totals.keys()].sort((a, b) => totals.get(b) - totals.get(a));
  const shown = ranked.slice(0, PALETTE.length - 1);
  const groups = ranked.length > shown.length ? [...shown, '\u0000other'] : shown;
  const slot = new Map(groups.map((g, i) => [g, i]));
  const own = groups.map(() => days.map(() => 0));
  for (const r of answer.spend) {
    const i = slot.get(r.group) ?? slot.get('\u0000other');
    const d = days.indexOf(r.day);
    if (d >= 0) own[i][d] += Number(r.cost_usd);
  }
  const stacked = own.map((_, i) => days.map((__, d) => own.slice(0, i + 1).reduce((sum, s) => sum + s[d], 0) || null));
  const label = (g) => g === '\u0000other' ? 'other' : (nameOf(g) ?? (g || '(none)'));
  const order = groups.map((_, i) => i).reverse(); // the tallest stack first, so each smaller one is drawn over it
  const x = days.map(d => Date.parse(d + 'T00:00:00Z') / 1000);
  const total = own.flat().reduce((a, b) => a + b, 0);
  const box = el('div', { class: 'spend-chart', 'data-testid': 'spend-chart', 'data-total': total.toFixed(9),
    'data-series': JSON.stringify(groups.map(label)) });
  if (typeof uPlot !== 'function') {
    box.append(el('p', { class: 'error' }, 'The charting library did not load.'));
    return box;
  }
  if (groups.length === 0) {
    box.append(el('p', { class: 'muted' }, 'No spend in this period.'));
    return box;
  }
  const bars = uPlot.paths.bars({ size: [0.7, 48] });
  const options = {
    width: Math.max(320, (document.getElementById('page')?.clientWidth ?? 900) - 56), height: 240,
    scales: { x: { time: true, range: () => [x[0] - 43200, x[x.length - 1] + 43200] } },
    axes: [{}, { values: (u, ticks) => ticks.map(t => usd(t)), size: 80 }],
    legend: { live: false },
    series: [{ value: (u, v) => v === null ? '' : new Date(v * 1000).toISOString().slice(0, 10) },
      ...order.map(i => ({ label: label(groups[i]), stroke: PALETTE[i], fill: PALETTE[i], paths: bars, points: { show: false },
        value: (u, v, si, idx) => idx === null ? usd(totals.get(groups[i]) ?? own[i].reduce((a, b) => a + b, 0)) : usd(own[i][idx]) }))],
  };
  // uPlot measures its container, so it is drawn once the box is in the page
  requestAnimationFrame(() => new uPlot(options, [x, ...order.map(i => stacked[i])], box));
  return box;
}

// ---- pages ----
const logState = { filters: {}, live: true, onFirstPage: true };
const budgetFilter = { customer: '', team: '' };
const chartState = { by: 'provider' };
const marginState = { period: '', by: 'customer' };
const pages = {
  async overview() {
    const now = new Date();
    const today = isoDay(now) + 'T00:00:00Z';
    const month = isoDay(new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1))) + 'T00:00:00Z';
    const [day, byDay, customers, teams, keys, models, endUsers] = await Promise.all([
      api('/api/spend?group_by=provider&from=' + today),
      api('/api/spend?group_by=day&from=' + month),
      api('/api/spend?group_by=customer&from=' + month),
      api('/api/spend?group_by=team&from=' + month),
      api('/api/spend?group_by=virtual_key&from=' + month),
      api('/api/spend?group_by=model&from=' + month),
      api('/api/spend?group_by=end_user&from=' + month),
    ]);
    const [customerList, teamList, keyList] = await Promise.all([api('/api/governance/customers'),
      api('/api/governance/teams'), api('/api/governance/virtual-keys')]);
    const names = new Map([...customerList.customers, ...teamList.teams, ...keyList.virtual_keys]
      .map(o => [o.id, o.name]));
    const top = (answer) => [...answer.spend].sort((a, b) => b.cost_usd - a.cost_usd).slice(0, 5);
    const spendColumns = [
      { label: 'Name', value: r => names.get(r.group) ?? (r.group || '(none)') },
      { label: 'Requests', num: true, value: r => r.requests },
      { label: 'Cost', num: true, value: r => usd(r.cost_usd) },
      { label: 'Saved', num: true, value: r => usd(r.saved_usd) },
    ];
    const chartBox = el('div');
    const tagNames = (await api('/api/tags')).tags.map(t => 'tag:' + t.name);
    const by = el('select', { id: 'chart-by' }, ['provider', 'model', 'team', 'customer', 'end_user', ...tagNames]
      .map(v => el('option', { value: v, ...(chartState.by === v ? { selected: '' } : {}) }, v)));
    const drawChart = async () => {
      const answer = await api(`/api/spend?group_by=${encodeURIComponent(chartState.by)}&interval=day&from=${month}`);
      chartBox.replaceChildren(spendChart(answer, new Date(month), new Date(today), (id) => names.get(id)));
    };
    by.addEventListener('change', () => { chartState.by = by.value; drawChart().catch(e => chartBox.replaceChildren(
      el('p', { class: 'error', role: 'alert' }, e.message))); });
    await drawChart();
    return [
      el('h1', {}, 'Overview'),
      el('div', { class: 'cards' },
        card('Spend today', usd(day.total_cost_usd), 'spend-today'),
        card('Spend this month', usd(byDay.total_cost_usd), 'spend-month'),
        card('Requests this month', byDay.total_requests.toLocaleString('en-US'), 'requests-month'),
        card('Error rate', pct(byDay.total_errors, byDay.total_requests), 'error-rate'),
        card('Cache hit rate', pct(byDay.total_cache_hits, byDay.total_requests), 'cache-hit-rate'),
        card('Saved by the cache', usd(byDay.total_saved_usd), 'saved-month')),
      el('h2', {}, 'Spend per day (UTC) by ', by),
      chartBox,
      el('h2', {}, 'Top customers'), table(spendColumns, top(customers)),
      el('h2', {}, 'Top teams'), table(spendColumns, top(teams)),
      el('h2', {}, 'Top virtual keys'), table(spendColumns, top(keys)),
      el('h2', {}, 'By model'), table(spendColumns, top(models)),
      el('h2', {}, 'Top end users'), table(spendColumns, top(endUsers)),
    ];
  },

  async margin() {
    const month = marginState.period || new Date().toISOString().slice(0, 7);
    const answer = await api(`/api/margin?period=${encodeURIComponent(month)}&group_by=${marginState.by}`);
    const form = el('form', { id: 'margin-filters', class: 'filters' },
      el('label', {}, 'Month', el('input', { name: 'period', type: 'month', value: answer.period })),
      el('label', {}, 'By', el('select', { name: 'by' }, ['customer', 'team'].map(v =>
        el('option', { value: v, ...(answer.group_by === v ? { selected: '' } : {}) }, v)))),
      el('button', { type: 'submit' }, 'Show'));
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      marginState.period = form.elements.namedItem('period').value;
      marginState.by = form.elements.namedItem('by').value;
      show();
    });
    const percent = (r) => r.margin_percent === null || r.margin_percent === undefined ? '–' : r.margin_percent + '%';
    const t = answer.totals ?? {};
    return [
      el('h1', {}, 'Margin'), form,
      el('div', { class: 'cards' },
        card('Revenue', usd(t.revenue_usd), 'margin-revenue'),
        card('LLM cost', usd(t.cost_usd), 'margin-cost'),
        card('Margin', usd(t.margin_usd), 'margin-total'),
        card('Margin %', percent(t), 'margin-percent')),
      answer.negative?.length ? el('p', { class: 'error', 'data-testid': 'margin-negative' },
        'Losing money: ' + answer.negative.map(r => `${r.name} (${usd(r.margin_usd)})`).join(', ')) : '',
      table([
        { label: 'Name', value: r => r.name },
        { label: 'Revenue', num: true, value: r => usd(r.revenue_usd) },
        { label: 'of which plan', num: true, value: r => usd(r.plan_revenue_usd) },
        { label: 'of which events', num: true, value: r => usd(r.event_revenue_usd) },
        { label: 'LLM cost', num: true, value: r => usd(r.cost_usd) },
        { label: 'Margin', num: true, value: r => usd(r.margin_usd) },
        { label: 'Margin %', num: true, value: percent },
        { label: 'Requests', num: true, value: r => r.requests },
      ], answer.margins ?? []),
    ];
  },

  async budgets() {
    const [answer, customers, teams, keys] = await Promise.all([api('/api/governance/budgets'),
      api('/api/governance/customers'), api('/api/governance/teams'), api('/api/governance/virtual-keys')]);
    // each budget's team and customer, for the filters
    const teamOf = new Map(teams.teams.map(t => [t.id, t]));
    const keyOf = new Map(keys.virtual_keys.map(k => [k.id, k]));
    const placed = (r) => {
      if (r.level === 'customer') return { customer: r.owner_id, team: '' };
      if (r.level === 'team') return { customer: teamOf.get(r.owner_id)?.customer_id ?? '', team: r.owner_id };
      const key = keyOf.get(r.owner_id);
      const team = key?.team_id ?? '';
      return { customer: key?.customer_id ?? teamOf.get(team)?.customer_id ?? '', team };
    };
    const wanted = budgetFilter;
    const rows = (answer.budgets ?? []).filter(r => {
      const at = placed(r);
      return (!wanted.customer || at.customer === wanted.customer) && (!wanted.team || at.team === wanted.team);
    });
    const select = (name, items) => {
      const node = el('select', { name, id: 'budget-' + name }, el('option', { value: '' }, 'all'),
        items.map(i => el('option', { value: i.id, ...(wanted[name] === i.id ? { selected: '' } : {}) }, i.name)));
      node.addEventListener('change', () => { budgetFilter[name] = node.value; show(); });
      return node;
    };
    const filters = el('div', { class: 'filters' },
      el('label', {}, 'Customer', select('customer', customers.customers)),
      el('label', {}, 'Team', select('team', teams.teams)));
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
      el('h1', {}, 'Budgets'), filters,
      rows.length === 0 ? el('p', { class: 'muted' }, 'No budgets match.') : table([
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

  async governance() {
    const [customers, teams, keys] = await Promise.all([
      api('/api/governance/customers'), api('/api/governance/teams'), api('/api/governance/virtual-keys')]);
    const customerName = new Map(customers.customers.map(c => [c.id, c.name]));
    const teamName = new Map(teams.teams.map(t => [t.id, t.name]));
    const teamCustomer = new Map(teams.teams.map(t => [t.id, t.customer_id]));
    const reload = () => show();
    const budgetOf = (form) => {
      const limit = form.elements.namedItem('budget').value.trim();
      return limit === '' ? undefined : [{ max_limit: Number(limit), reset_duration: form.elements.namedItem('reset_duration').value }];
    };
    const resets = () => el('select', { name: 'reset_duration' }, ['1M', '1w', '1d'].map(v => el('option', { value: v }, v)));
    const options = (items, empty) => [el('option', { value: '' }, empty),
      ...items.map(i => el('option', { value: i.id }, i.name))];
    const submitting = (form, action) => form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const message = form.querySelector('.error');
      message.textContent = '';
      try {
        await action(form);
      } catch (e) {
        if (e instanceof Unauthorized) {
          sessionStorage.removeItem(TOKEN);
          return login(e.message);
        }
        message.textContent = withParam(e);
      }
    });
    const actionError = el('p', { class: 'error', role: 'alert' });
    const guarded = (action) => async () => {
      actionError.textContent = '';
      try {
        await action();
      } catch (e) {
        if (e instanceof Unauthorized) {
          sessionStorage.removeItem(TOKEN);
          return login(e.message);
        }
        actionError.textContent = e.message;
      }
    };

    const newKey = el('div', { id: 'new-key', hidden: '' });
    const keyForm = el('form', { id: 'key-form', class: 'filters' },
      el('label', {}, 'Name', el('input', { name: 'name', required: '' })),
      el('label', {}, 'Team', el('select', { name: 'team' }, options(teams.teams, '(none)'))),
      el('label', {}, 'Customer', el('select', { name: 'customer' }, options(customers.customers, '(none)'))),
      el('label', {}, 'Budget USD', el('input', { name: 'budget', inputmode: 'decimal' })),
      el('label', {}, 'Resets', resets()),
      el('label', {}, 'Requests / min', el('input', { name: 'rpm', inputmode: 'numeric' })),
      el('button', { type: 'submit' }, 'Create key'), el('p', { class: 'error', role: 'alert' }));
    submitting(keyForm, async (form) => {
      const body = { name: form.elements.namedItem('name').value.trim() };
      if (form.elements.namedItem('team').value) body.team_id = form.elements.namedItem('team').value;
      if (form.elements.namedItem('customer').value) body.customer_id = form.elements.namedItem('customer').value;
      const budgets = budgetOf(form);
      if (budgets) body.budgets = budgets;
      const rpm = form.elements.namedItem('rpm').value.trim();
      if (rpm !== '') body.rate_limit = { request_max_limit: Number(rpm), request_reset_duration: '1m' };
      const created = await api('/api/governance/virtual-keys', 'POST', body);
      const value = created.virtual_key.value;
      const copy = el('button', { type: 'button', onclick: () => navigator.clipboard?.writeText(value) }, 'Copy');
      newKey.replaceChildren(el('p', {}, `Key "${created.virtual_key.name}" created. Its value is shown this once:`),
        el('code', { 'data-testid': 'new-key-value' }, value), ' ', copy);
      newKey.hidden = false;
      form.reset();
      await refreshKeys();
    });

    const keyTable = el('div');
    let ownersFrom = () => {};
    const refreshKeys = async () => {
      const latest = await api('/api/governance/virtual-keys');
      ownersFrom(latest.virtual_keys);
      keyTable.replaceChildren(table([
        { label: 'Name', value: k => k.name },
        { label: 'Key', value: k => k.value_hint },
        { label: 'Team', value: k => teamName.get(k.team_id) ?? '' },
        { label: 'Customer', value: k => customerName.get(k.customer_id ?? teamCustomer.get(k.team_id)) ?? '' },
        { label: 'Active', value: k => k.is_active ? 'yes' : 'no' },
        { label: '', value: k => [
          el('button', { type: 'button', onclick: guarded(async () => {
            await api('/api/governance/virtual-keys/' + k.id, 'PUT', { is_active: !k.is_active });
            await refreshKeys();
          }) }, k.is_active ? 'Disable' : 'Enable'), ' ',
          el('button', { type: 'button', onclick: guarded(async () => {
            const rotated = await api('/api/governance/virtual-keys/' + k.id + '/rotate', 'POST', {});
            newKey.replaceChildren(el('p', {}, `Key "${k.name}" rotated. Its new value is shown this once:`),
              el('code', { 'data-testid': 'new-key-value' }, rotated.virtual_key.value));
            newKey.hidden = false;
            await refreshKeys();
          }) }, 'Rotate')] },
      ], latest.virtual_keys));
    };
    await refreshKeys();

    const teamForm = el('form', { id: 'team-form', class: 'filters' },
      el('label', {}, 'Name', el('input', { name: 'name', required: '' })),
      el('label', {}, 'Customer', el('select', { name: 'customer' }, options(customers.customers, '(none)'))),
      el('label', {}, 'Budget USD', el('input', { name: 'budget', inputmode: 'decimal' })),
      el('label', {}, 'Resets', resets()),
      el('button', { type: 'submit' }, 'Create team'), el('p', { class: 'error', role: 'alert' }));
    submitting(teamForm, async (form) => {
      const body = { name: form.elements.namedItem('name').value.trim() };
      if (form.elements.namedItem('customer').value) body.customer_id = form.elements.namedItem('customer').value;
      const budgets = budgetOf(form);
      if (budgets) body.budgets = budgets;
      await api('/api/governance/teams', 'POST', body);
      reload();
    });
    const customerForm = el('form', { id: 'customer-form', class: 'filters' },
      el('label', {}, 'Name', el('input', { name: 'name', required: '' })),
      el('label', {}, 'Budget USD', el('input', { name: 'budget', inputmode: 'decimal' })),
      el('label', {}, 'Resets', resets()),
      el('button', { type: 'submit' }, 'Create customer'), el('p', { class: 'error', role: 'alert' }));
    submitting(customerForm, async (form) => {
      const body = { name: form.elements.namedItem('name').value.trim() };
      const budgets = budgetOf(form);
      if (budgets) body.budgets = budgets;
      await api('/api/governance/customers', 'POST', body);
      reload();
    });

    // edit an existing owner: its name, its budgets (any number, each with its period), its request and token rate
    // limits, a key's active flag; or delete it. The form is filled from the API and saved with one PUT.
    const owners = [];
    const ownerSelect = el('select', { name: 'owner' });
    ownersFrom = (latestKeys) => {
      const chosen = ownerSelect.value;
      owners.splice(0, owners.length,
        ...customers.customers.map(c => ({ path: 'customers/' + c.id, label: 'customer ' + c.name, field: 'customer' })),
        ...teams.teams.map(t => ({ path: 'teams/' + t.id, label: 'team ' + t.name, field: 'team' })),
        ...latestKeys.map(k => ({ path: 'virtual-keys/' + k.id, label: 'key ' + k.name, field: 'virtual_key', key: true })));
      ownerSelect.replaceChildren(el('option', { value: '' }, 'choose…'),
        ...owners.map(o => el('option', { value: o.path, ...(o.path === chosen ? { selected: '' } : {}) }, o.label)));
    };
    ownersFrom(keys.virtual_keys);
    const choice = (name, values, current) => el('select', { name },
      [...new Set([...values, ...(current ? [current] : [])])].map(v =>
        el('option', { value: v, ...(v === current ? { selected: '' } : {}) }, v)));
    const budgetRows = el('div', { id: 'owner-budgets' });
    const budgetRow = (b = {}) => {
      const row = el('div', { class: 'filters budget-row' },
        el('label', {}, 'Limit USD', el('input', { name: 'max_limit', inputmode: 'decimal', required: '',
          value: b.max_limit ?? '' })),
        el('label', {}, 'Resets every', choice('reset_duration', ['1h', '1d', '1w', '1M', '1Q', '1Y'], b.reset_duration ?? '1M')),
        el('label', {}, 'Calendar aligned', el('input', { type: 'checkbox', name: 'calendar_aligned',
          ...(b.calendar_aligned ? { checked: '' } : {}) })),
        el('label', {}, 'Mode', choice('mode', ['hard', 'soft'], b.mode ?? 'hard')));
      row.append(el('button', { type: 'button', class: 'remove-budget', onclick: () => row.remove() }, 'Remove'));
      budgetRows.append(row);
    };
    const rate = el('div', { class: 'filters' });
    const rateFields = (r = {}) => rate.replaceChildren(
      el('label', {}, 'Requests', el('input', { name: 'request_max_limit', inputmode: 'numeric', value: r.request_max_limit || '' })),
      el('label', {}, 'per', choice('request_reset_duration', ['1m', '1h', '1d'], r.request_max_limit ? r.request_reset_duration : '1m')),
      el('label', {}, 'Tokens', el('input', { name: 'token_max_limit', inputmode: 'numeric', value: r.token_max_limit || '' })),
      el('label', {}, 'per', choice('token_reset_duration', ['1m', '1h', '1d'], r.token_max_limit ? r.token_reset_duration : '1m')));
    const nameInput = el('input', { name: 'name', required: '' });
    const activeInput = el('input', { type: 'checkbox', name: 'is_active' });
    const activeLabel = el('label', { hidden: '' }, 'Active', activeInput);
    const fields = el('fieldset', { disabled: '' },
      el('div', { class: 'filters' }, el('label', {}, 'Name', nameInput), activeLabel),
      el('h3', {}, 'Budgets'), budgetRows,
      el('button', { type: 'button', id: 'add-budget', onclick: () => budgetRow() }, 'Add a budget'),
      el('div', { id: 'owner-rate' }, el('h3', {}, 'Rate limit (virtual keys)'), rate),
      el('div', { class: 'filters' }, el('button', { type: 'submit' }, 'Save'),
        el('button', { type: 'button', id: 'delete-owner', class: 'danger' }, 'Delete')));
    const ownerForm = el('form', { id: 'owner-form' },
      el('div', { class: 'filters' }, el('label', {}, 'Owner', ownerSelect)), fields,
      el('p', { class: 'error', role: 'alert' }), el('p', { class: 'muted', 'data-testid': 'owner-saved' }));
    const saved = ownerForm.querySelector('[data-testid=owner-saved]');
    const fill = async () => {
      const owner = owners.find(o => o.path === ownerSelect.value);
      budgetRows.replaceChildren();
      ownerForm.querySelector('.error').textContent = '';
      saved.textContent = '';
      if (!owner) {
        fields.disabled = true;
        return;
      }
      const current = (await api('/api/governance/' + owner.path))[owner.field];
      nameInput.value = current.name;
      activeLabel.hidden = !owner.key;
      fields.querySelector('#owner-rate').hidden = !owner.key;
      activeInput.checked = !!current.is_active;
      (current.budgets ?? []).forEach(budgetRow);
      rateFields(current.rate_limit ?? {});
      fields.disabled = false;
    };
    rateFields();
    ownerSelect.addEventListener('change', () => fill().catch(e => {
      ownerForm.querySelector('.error').textContent = e.message;
    }));
    submitting(ownerForm, async (form) => {
      const owner = owners.find(o => o.path === ownerSelect.value);
      const value = (scope, name) => scope.querySelector(`[name=${name}]`).value.trim();
      const body = {
        name: nameInput.value.trim(),
        budgets: [...budgetRows.querySelectorAll('.budget-row')].map(row => ({
          max_limit: Number(value(row, 'max_limit')), reset_duration: value(row, 'reset_duration'),
          calendar_aligned: row.querySelector('[name=calendar_aligned]').checked, mode: value(row, 'mode') })),
      };
      if (owner.key) {
        body.is_active = activeInput.checked;
        body.rate_limit = {}; // an empty limit is no limit
        for (const kind of ['request', 'token']) {
          const limit = value(rate, kind + '_max_limit');
          if (limit !== '') {
            body.rate_limit[kind + '_max_limit'] = Number(limit);
            body.rate_limit[kind + '_reset_duration'] = value(rate, kind + '_reset_duration');
          }
        }
      }
      await api('/api/governance/' + owner.path, 'PUT', body);
      saved.textContent = 'Saved ' + owner.label + '.';
      if (owner.key) await refreshKeys();
    });
    ownerForm.querySelector('#delete-owner').addEventListener('click', async () => {
      const owner = owners.find(o => o.path === ownerSelect.value);
      if (!owner || !confirm(`Delete ${owner.label}? Its budgets and rate limits go with it.`)) return;
      ownerForm.querySelector('.error').textContent = '';
      try {
        await api('/api/governance/' + owner.path, 'DELETE');
        reload();
      } catch (e) {
        if (e instanceof Unauthorized) {
          sessionStorage.removeItem(TOKEN);
          return login(e.message);
        }
        ownerForm.querySelector('.error').textContent = withParam(e);
      }
    });

    return [
      el('h1', {}, 'Governance'),
      el('h2', {}, 'Virtual keys'), keyForm, newKey, actionError, keyTable,
      el('h2', {}, 'Edit or delete a customer, team or key'), ownerForm,
      el('h2', {}, 'Teams'), teamForm, table([
        { label: 'Name', value: t => t.name },
        { label: 'Customer', value: t => customerName.get(t.customer_id) ?? '' },
        { label: 'Id', value: t => t.id },
      ], teams.teams),
      el('h2', {}, 'Customers'), customerForm, table([
        { label: 'Name', value: c => c.name },
        { label: 'Id', value: c => c.id },
      ], customers.customers),
    ];
  },

  async logs() {
    const filters = el('form', { id: 'log-filters', class: 'filters' },
      ['virtual_key_id', 'team_id', 'customer_id', 'provider', 'model', 'status', 'cache'].map(name =>
        el('label', {}, name.replace(/_/g, ' '), el('input', { name, value: logState.filters[name] ?? '' }))),
      el('label', {}, 'live', el('input', { type: 'checkbox', name: 'live', ...(logState.live ? { checked: '' } : {}) })),
      el('button', { type: 'submit' }, 'Apply'));
    const body = el('div');
    const pager = el('div', { class: 'filters' });
    const load = async (cursor) => {
      const query = new URLSearchParams({ limit: '50' });
      for (const [name, value] of Object.entries(logState.filters)) if (value) query.set(name, value);
      if (cursor) query.set('cursor', cursor);
      const answer = await api('/api/logs?' + query);
      body.replaceChildren(table([
        { label: 'Time', value: r => r.time },
        { label: 'Request id', value: r => r.request_id },
        { label: 'Route', value: r => r.route },
        { label: 'Model', value: r => r.model ?? '' },
        { label: 'Status', num: true, value: r => r.status },
        { label: 'Cache', value: r => r.cache_status },
        { label: 'Tokens in/out', num: true, value: r => `${r.input_tokens} / ${r.output_tokens}` },
        { label: 'Cost', num: true, value: r => usd(r.cost_usd) },
        { label: 'Latency ms', num: true, value: r => (r.latency_us / 1000).toFixed(1) },
      ], answer.logs ?? [], row => { location.hash = '#/logs/' + encodeURIComponent(row.request_id); }));
      pager.replaceChildren(
        cursor ? el('button', { type: 'button', onclick: () => load(undefined) }, 'Newest') : '',
        answer.next_cursor ? el('button', { type: 'button', id: 'older', onclick: () => load(answer.next_cursor) },
          'Older') : '');
      logState.onFirstPage = !cursor;
    };
    filters.addEventListener('submit', (event) => {
      event.preventDefault();
      const data = new FormData(filters);
      logState.filters = Object.fromEntries([...data.entries()].filter(([name]) => name !== 'live'));
      logState.live = data.has('live');
      load(undefined);
    });
    await load(undefined);
    // live: the first page is polled every 2 s while this page is shown and "live" is ticked
    const mine = shown;
    const poll = setInterval(() => {
      if (mine !== shown || !sessionStorage.getItem(TOKEN)) return clearInterval(poll);
      if (logState.live && logState.onFirstPage && !document.hidden) load(undefined).catch(() => {});
    }, 2000);
    return [el('h1', {}, 'Request log'), filters, body, pager];
  },

  async log(id) {
    const row = (await api('/api/logs/' + encodeURIComponent(id))).log;
    const ms = (us) => us === null || us === undefined ? '–' : (us / 1000).toFixed(2) + ' ms';
    const facts = (pairs) => table([{ label: '', value: p => p[0] }, { label: '', value: p => p[1] }], pairs);
    return [
      el('h1', {}, 'Request ' + id),
      el('p', {}, el('a', { href: '#/logs' }, '← all requests')),
      el('h2', {}, 'Request'), facts([['Time', row.time], ['Node', row.node], ['Route', row.route],
        ['Provider / model', `${row.provider ?? '–'} / ${row.model ?? '–'}`], ['Key name', row.key_name ?? '–'],
        ['Virtual key / team / customer', `${row.virtual_key_id ?? '–'} / ${row.team_id ?? '–'} / ${row.customer_id ?? '–'}`],
        ['Status', row.status + (row.error_type ? ' (' + row.error_type + ')' : '')], ['Streamed', row.streamed ? 'yes' : 'no']]),
      el('h2', {}, 'Tokens and cost'), facts([['Input', row.input_tokens], ['Cached input', row.cached_input_tokens],
        ['Cache write', row.cache_write_tokens], ['Reasoning', row.reasoning_tokens], ['Output', row.output_tokens],
        ['Cost', usd(row.cost_usd)], ['Saved by the cache', usd(row.saved_usd)]]),
      el('h2', {}, 'Cache and latency'), facts([['Cache', row.cache_status + (row.cache_similarity ? ' (' + row.cache_similarity + ')' : '')],
        ['Latency', ms(row.latency_us)], ['Time to first token', ms(row.time_to_first_token_us)],
        ['Upstream', ms(row.upstream_us)], ['Gateway overhead', ms(row.overhead_us)]]),
      el('h2', {}, 'Upstream attempts'), table([
        { label: '#', num: true, value: a => a.attempt },
        { label: 'Provider', value: a => a.provider }, { label: 'Model', value: a => a.model },
        { label: 'Key', value: a => a.key_name }, { label: 'Status', num: true, value: a => a.status },
        { label: 'Error', value: a => a.error_type ?? '' }, { label: 'Time', num: true, value: a => ms(a.upstream_us) },
      ], row.attempt_log ?? []),
    ];
  },

  async providers() {
    const keys = (await api('/api/providers/keys')).keys ?? [];
    return [el('h1', {}, 'Providers and keys'), table([
      { label: 'Provider', value: k => k.provider }, { label: 'Key', value: k => k.name },
      { label: 'State', value: k => k.state }, { label: 'Circuit', value: k => k.circuit },
      { label: 'Share', num: true, value: k => (100 * (k.share ?? 0)).toFixed(1) + '%' },
      { label: 'Weight', num: true, value: k => k.weight },
      { label: 'Latency ms', num: true, value: k => k.latency_ms ?? '–' },
      { label: 'Error rate', num: true, value: k => (100 * (k.error_rate ?? 0)).toFixed(1) + '%' },
      { label: 'In flight', num: true, value: k => k.in_flight },
      { label: 'Requests/min', num: true, value: k => k.requests_this_minute ?? '–' },
      { label: 'Cooldown until', value: k => k.cooldown_until ?? '–' },
    ], keys)];
  },

  async cluster() {
    const status = await api('/api/cluster/status');
    return [
      el('h1', {}, 'Cluster'),
      el('div', { class: 'cards' },
        card('Verdict', status.verdict?.healthy ? 'healthy' : 'degraded', 'cluster-verdict'),
        card('Members', status.cluster?.size, 'cluster-size'),
        card('Partitions safe', status.cluster?.partitions_safe ? 'yes' : 'no', 'partitions-safe'),
        card('Quorum', (status.cluster?.quorum?.present ? 'met' : 'lost') + ` (${status.cluster?.quorum?.required} needed)`,
          'quorum'),
        card('Store', `${status.store?.kind} ${status.store?.healthy ? 'healthy' : 'unreachable'}`, 'store')),
      el('p', { class: 'muted' }, status.verdict?.message ?? ''),
      el('h2', {}, 'Members'), table([
        { label: 'Address', value: m => m.address + (m.local ? ' (this node)' : '') },
        { label: 'Node URL', value: m => m.node_url ?? '–' }, { label: 'Version', value: m => m.version ?? '–' },
        { label: 'Uptime s', num: true, value: m => m.uptime_seconds ?? '–' },
        { label: 'Requests/s', num: true, value: m => m.requests_per_second ?? '–' },
        { label: 'In flight', num: true, value: m => m.in_flight ?? '–' },
      ], status.members ?? []),
    ];
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
