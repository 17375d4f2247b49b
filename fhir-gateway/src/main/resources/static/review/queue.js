// The queue of preliminary drafts: counts, how long the oldest has waited, filters by document type and author
// model, and a notice when a new draft arrives for the launch patient (the queue is polled).
const Queue = (() => {
  const POLL_MS = 15000;
  const $ = id => document.getElementById(id);
  const el = (tag, text, cls) => { const e = document.createElement(tag); if (text != null) e.textContent = text; if (cls) e.className = cls; return e; };
  let drafts = [];
  let known = null;
  let open = () => {};

  // the document type in the UI's language: LOINC codes the gateway writes have a label, others show their display
  const typeOf = c => {
    const coding = (c.type && c.type.coding && c.type.coding[0]) || {};
    const label = I18n.t('loinc-' + coding.code);
    return label !== 'loinc-' + coding.code ? label : coding.display || coding.code || (c.type && c.type.text) || '';
  };
  const modelOf = c => (c.author || []).map(a => a.display || a.reference).join(', ');

  async function fetchDrafts() {
    const session = SmartLaunch.session();
    const query = ['status=preliminary'];
    if (session && session.patient) query.push('patient=' + encodeURIComponent(session.patient));
    const bundle = await SmartLaunch.fhir('Composition?' + query.join('&'));
    return (bundle.entry || []).map(e => e.resource);
  }

  function fillFilter(select, values) {
    const chosen = select.value;
    [...select.options].slice(1).forEach(o => o.remove());
    [...new Set(values)].filter(Boolean).sort().forEach(v => { const o = el('option', v); o.value = v; select.append(o); });
    select.value = [...select.options].some(o => o.value === chosen) ? chosen : '';
  }

  function render() {
    fillFilter($('filter-type'), drafts.map(typeOf));
    fillFilter($('filter-model'), drafts.map(modelOf));
    const type = $('filter-type').value;
    const model = $('filter-model').value;
    const shown = drafts.filter(c => (!type || typeOf(c) === type) && (!model || modelOf(c) === model));
    const now = Date.now();
    const oldest = Math.min(...drafts.map(c => Date.parse(c.date)).filter(Number.isFinite));
    const summary = $('queue-summary');
    summary.replaceChildren();
    if (drafts.length) {
      summary.append(el('span', I18n.t('summary', { n: drafts.length, age: I18n.age(now - oldest) })));
      const perType = new Map();
      drafts.forEach(c => perType.set(typeOf(c), (perType.get(typeOf(c)) || 0) + 1));
      perType.forEach((n, t) => summary.append(el('span', I18n.t('byType', { type: t, n }), 'count')));
    }
    const rows = $('queue').querySelector('tbody');
    rows.replaceChildren();
    $('empty').hidden = shown.length > 0;
    for (const c of shown) {
      const tr = el('tr');
      tr.dataset.id = c.id;
      tr.append(el('td', (c.date || '').replace('T', ' ').slice(0, 16)), el('td', I18n.age(now - Date.parse(c.date))),
        el('td', c.title || typeOf(c)), el('td', c.subject && c.subject.reference), el('td', c.encounter ? c.encounter.reference : ''),
        el('td', modelOf(c)));
      const button = el('button', I18n.t('open'), 'open');
      button.type = 'button';
      button.setAttribute('aria-label', I18n.t('open') + ': ' + (c.title || typeOf(c)) + ' ' + (c.date || '').slice(0, 16));
      button.addEventListener('click', () => open(c.id));
      const td = el('td'); td.append(button); tr.append(td);
      rows.append(tr);
    }
  }

  async function load() {
    drafts = await fetchDrafts();
    if (known === null) known = new Set(drafts.map(c => c.id));
    render();
  }

  /** New drafts since the last look: a notice (for the launch patient) with a button that opens the newest. */
  async function poll() {
    try {
      const latest = await fetchDrafts();
      const fresh = latest.filter(c => !known.has(c.id));
      latest.forEach(c => known.add(c.id));
      drafts = latest;
      if (!$('queue-view').hidden) render();
      const session = SmartLaunch.session();
      if (fresh.length && session && session.patient) {
        const newest = fresh[0];
        $('notice-text').textContent = I18n.t('newDraft', { title: newest.title || typeOf(newest) });
        $('notice-open').onclick = () => { $('notice').hidden = true; open(newest.id); };
        $('notice').hidden = false;
      }
    } catch (e) { /* the next poll tries again; the page shows errors of what the clinician did */ }
  }

  $('filter-type').addEventListener('change', render);
  $('filter-model').addEventListener('change', render);
  I18n.onChange(() => { if (drafts.length || known) render(); });

  return { load, render, onOpen: f => { open = f; }, startPolling: () => setInterval(poll, POLL_MS), poll };
})();
