// The review queue: preliminary AI drafts for the launch context, each beside its provenance; edit, approve, reject.
// Everything from the server is put on the page with textContent, never as HTML.
(() => {
  const $ = id => document.getElementById(id);
  const el = (tag, text, cls) => { const e = document.createElement(tag); if (text != null) e.textContent = text; if (cls) e.className = cls; return e; };
  const session = SmartLaunch.session();
  let current = null;

  function narrativeText(section) {
    const div = section.text && section.text.div;
    if (!div) return '';
    const doc = new DOMParser().parseFromString(div, 'text/html');
    const blocks = [...doc.body.querySelectorAll('p, li')].map(n => n.textContent.trim()).filter(Boolean);
    return blocks.length ? blocks.join('\n\n') : doc.body.textContent.trim();
  }

  function fail(e) { $('error').textContent = e.message; }

  async function loadQueue() {
    $('error').textContent = '';
    $('review-view').hidden = true;
    $('queue-view').hidden = false;
    const query = ['status=preliminary'];
    if (session.patient) query.push('patient=' + encodeURIComponent(session.patient));
    const bundle = await SmartLaunch.fhir('Composition?' + query.join('&'));
    const rows = $('queue').querySelector('tbody');
    rows.replaceChildren();
    const drafts = (bundle.entry || []).map(e => e.resource);
    $('empty').hidden = drafts.length > 0;
    for (const c of drafts) {
      const tr = el('tr');
      tr.dataset.id = c.id;
      tr.append(el('td', (c.date || '').replace('T', ' ').slice(0, 16)), el('td', c.title || (c.type && c.type.text) || ''),
        el('td', c.subject && c.subject.reference), el('td', c.encounter ? c.encounter.reference : ''),
        el('td', (c.author || []).map(a => a.display || a.reference).join(', ')));
      const open = el('button', I18n.t('open'));
      open.type = 'button';
      open.className = 'open';
      open.addEventListener('click', () => openDraft(c.id).catch(fail));
      const td = el('td'); td.append(open); tr.append(td);
      rows.append(tr);
    }
  }

  async function openDraft(id) {
    $('error').textContent = '';
    $('result').textContent = '';
    const doc = await SmartLaunch.fhir('Composition/' + encodeURIComponent(id) + '/$document');
    const resources = (doc.entry || []).map(e => e.resource);
    const composition = resources.find(r => r.resourceType === 'Composition');
    current = composition;
    $('queue-view').hidden = true;
    $('review-view').hidden = false;
    $('draft-title').textContent = composition.title || '';
    const sections = $('sections');
    sections.replaceChildren();
    (composition.section || []).forEach((s, i) => {
      const box = el('div', null, 'section');
      box.append(el('h3', s.title || ''));
      const area = el('textarea');
      area.value = narrativeText(s);
      area.rows = Math.min(14, Math.max(3, area.value.split('\n').length + 1));
      area.dataset.index = i;
      box.append(area);
      sections.append(box);
    });
    const provenance = resources.find(r => r.resourceType === 'Provenance');
    const device = resources.find(r => r.resourceType === 'Device');
    const facts = $('facts');
    facts.replaceChildren();
    const fact = (k, v) => { facts.append(el('dt', I18n.t(k)), el('dd', v || '—')); };
    fact('status', composition.status);
    fact('patient', composition.subject && composition.subject.reference);
    fact('encounter', composition.encounter && composition.encounter.reference);
    fact('modelDevice', device ? ((device.deviceName || [])[0] || {}).name + ' ' + ((device.version || [])[0] || {}).value : '');
    fact('promptVersion', provenance ? (provenance.entity || []).map(e => e.what && e.what.identifier && e.what.identifier.value).join(', ') : '');
    fact('recorded', provenance && provenance.recorded);
    fact('agents', provenance ? (provenance.agent || []).map(a => ((a.type && a.type.coding && a.type.coding[0].code) || '') + ': '
      + (a.who.display || a.who.reference || (a.who.identifier && a.who.identifier.value))).join('; ') : '');
    const generated = $('generated');
    generated.replaceChildren();
    resources.filter(r => r.resourceType !== 'Composition').forEach(r => {
      const label = (r.code && (r.code.text || (r.code.coding && r.code.coding[0].display))) || '';
      generated.append(el('li', r.resourceType + '/' + r.id + (label ? ' — ' + label : '')));
    });
    $('raw').textContent = JSON.stringify(doc, null, 2);
  }

  async function decide(operation, parameters) {
    const result = await SmartLaunch.fhir('Composition/' + encodeURIComponent(current.id) + '/' + operation, {
      method: 'POST', headers: { 'Content-Type': 'application/fhir+json' },
      body: JSON.stringify({ resourceType: 'Parameters', parameter: parameters }) });
    current = result;
    return result;
  }

  $('approve').addEventListener('click', () => {
    const texts = [...document.querySelectorAll('#sections textarea')].map(t => ({ name: 'section', valueString: t.value }));
    decide('$approve', texts).then(c => { $('result').textContent = I18n.t('approved') + ' (' + c.status + ')'; }).catch(fail);
  });
  $('reject').addEventListener('click', () => {
    const reason = $('reason').value.trim();
    if (!reason) { $('result').textContent = I18n.t('needReason'); return; }
    decide('$reject', [{ name: 'reason', valueString: reason }]).then(c => { $('result').textContent = I18n.t('rejected') + ' (' + c.status + ')'; }).catch(fail);
  });
  $('back').addEventListener('click', () => loadQueue().catch(fail));
  $('lang').addEventListener('click', () => { I18n.toggle(); });

  I18n.apply();
  if (!session) {
    $('error').textContent = 'Not signed in: open the review queue from the EHR. / 未登录：请从 EHR 打开审核队列。';
    $('queue-view').hidden = true;
    return;
  }
  $('context').textContent = [session.patient && 'Patient/' + session.patient, session.encounter && 'Encounter/' + session.encounter].filter(Boolean).join(' · ');
  loadQueue().catch(fail);
})();
