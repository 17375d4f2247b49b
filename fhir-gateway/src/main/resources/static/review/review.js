// The review app: queue → a draft beside the record it was made from → edit → approve (confirmed) or reject.
(() => {
  const $ = id => document.getElementById(id);
  const el = (tag, text) => { const e = document.createElement(tag); if (text != null) e.textContent = text; return e; };
  const session = SmartLaunch.session();
  let current = null;
  let lastDocument = null;

  function fail(e) { $('error').textContent = e.message; }

  const WRITEBACK = 'https://medgo.org/fhir/StructureDefinition/ehr-writeback';

  /** The note's way into the EMR, one entry per note kind (extension on the served Composition). */
  function writebacks(composition) {
    return (composition.extension || []).filter(e => e.url === WRITEBACK).map(e => {
      const part = name => (e.extension || []).find(x => x.url === name) || {};
      return { kind: part('kind').valueCode, status: part('status').valueCode,
        where: part('ehrResource').valueUri || part('lastError').valueString || '' };
    });
  }

  /** After a decision, follow the outbox until every note is written to the EMR or given up (none without an EMR). */
  async function followWriteback(id) {
    for (let i = 0; i < 45; i++) {
      const notes = writebacks(await SmartLaunch.fhir('Composition/' + encodeURIComponent(id)));
      $('writeback').textContent = notes.map(n => I18n.t('emrNote', { kind: n.kind, status: I18n.t('wb-' + n.status), where: n.where }))
        .join(' · ');
      if (notes.every(n => n.status !== 'pending') || $('review-view').hidden) return;
      await new Promise(resolve => setTimeout(resolve, 2000));
    }
  }

  async function showQueue() {
    $('error').textContent = '';
    $('review-view').hidden = true;
    $('queue-view').hidden = false;
    await Queue.load();
  }

  async function openDraft(id) {
    $('error').textContent = '';
    $('result').textContent = '';
    $('writeback').textContent = '';
    const path = 'Composition/' + encodeURIComponent(id);
    const [doc, record] = await Promise.all([SmartLaunch.fhir(path + '/$document'), SmartLaunch.fhir(path + '/$review-record')]);
    const resources = (doc.entry || []).map(e => e.resource);
    current = resources.find(r => r.resourceType === 'Composition');
    lastDocument = { doc, resources, record };
    $('queue-view').hidden = true;
    $('review-view').hidden = false;
    $('draft-title').textContent = current.title || '';
    Draft.render(current, resources, record);
    showProvenance(doc, resources);
    const first = document.querySelector('#sections .statement, #sections textarea');
    if (first) first.focus();
  }

  function showProvenance(doc, resources) {
    const provenance = resources.find(r => r.resourceType === 'Provenance');
    const device = resources.find(r => r.resourceType === 'Device');
    const facts = $('facts');
    facts.replaceChildren();
    const fact = (k, v) => { facts.append(el('dt', I18n.t(k)), el('dd', v || '—')); };
    fact('status', I18n.t(current.status));
    fact('patient', current.subject && current.subject.reference);
    fact('encounter', current.encounter && current.encounter.reference);
    fact('modelDevice', device ? ((device.deviceName || [])[0] || {}).name + ' ' + ((device.version || [])[0] || {}).value : '');
    fact('promptVersion', provenance ? (provenance.entity || []).filter(e => e.what && e.what.identifier)
      .map(e => e.what.identifier.value).join(', ') : '');
    fact('recorded', provenance && provenance.recorded);
    fact('agents', provenance ? (provenance.agent || []).map(a => I18n.t((a.type && a.type.coding && a.type.coding[0].code) || '') + ': '
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

  /** Approving signs the document: always through the confirmation dialog, by button or by Alt+A. */
  function askToApprove() {
    if (!current || current.status !== 'preliminary' || $('review-view').hidden) return;
    $('confirm-text').textContent = I18n.t('confirmText', { u: Draft.counts().uncited });
    $('confirm').showModal();
    $('confirm-yes').focus();
  }

  function approve() {
    $('confirm').close();
    const texts = Draft.sectionTexts().map(t => ({ name: 'section', valueString: t }));
    decide('$approve', texts).then(c => { $('result').textContent = I18n.t('approved') + ' (' + c.status + ')'; $('result').focus();
      return followWriteback(c.id); }).catch(fail);
  }

  $('approve').addEventListener('click', askToApprove);
  $('confirm-yes').addEventListener('click', approve);
  $('confirm-no').addEventListener('click', () => $('confirm').close());
  $('reject').addEventListener('click', () => {
    const reason = $('reason').value.trim();
    if (!reason) { $('result').textContent = I18n.t('needReason'); return; }
    decide('$reject', [{ name: 'reason', valueString: reason }]).then(c => { $('result').textContent = I18n.t('rejected') + ' (' + c.status + ')';
      return followWriteback(c.id); }).catch(fail);
  });
  $('back').addEventListener('click', () => showQueue().catch(fail));
  $('lang').addEventListener('click', () => { I18n.toggle(); });
  document.addEventListener('keydown', e => {
    if (!e.altKey || $('review-view').hidden || $('confirm').open) return;
    if (e.key === 'ArrowDown') { e.preventDefault(); Draft.step(1); }
    else if (e.key === 'ArrowUp') { e.preventDefault(); Draft.step(-1); }
    else if (e.code === 'KeyA') { e.preventDefault(); askToApprove(); }
  });
  I18n.onChange(() => {
    if (lastDocument && !$('review-view').hidden) {
      const focused = document.activeElement;
      const texts = Draft.sectionTexts();
      Draft.render(current, lastDocument.resources, lastDocument.record);
      // keep what the clinician typed across a language switch
      document.querySelectorAll('#sections section.section').forEach((box, i) => {
        const areas = [...box.querySelectorAll('textarea')];
        if (areas.length === 1) areas[0].value = texts[i];
        else texts[i].split('\n\n').forEach((t, n) => { if (areas[n]) areas[n].value = t; });
      });
      showProvenance(lastDocument.doc, lastDocument.resources);
      if (focused && focused.id) { const f = document.getElementById(focused.id); if (f) f.focus(); }
    }
  });

  I18n.apply();
  if (!session) {
    $('error').textContent = I18n.t('notSignedIn');
    $('queue-view').hidden = true;
    return;
  }
  $('result').tabIndex = -1;
  $('context').textContent = [session.patient && 'Patient/' + session.patient, session.encounter && 'Encounter/' + session.encounter].filter(Boolean).join(' · ');
  Queue.onOpen(id => openDraft(id).catch(fail));
  showQueue().catch(fail);
  Queue.startPolling();
})();
