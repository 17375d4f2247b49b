// One draft on the page: its statements (editable where the section is) beside the record it was made from.
// Focusing a statement highlights the record lines it cites; statements citing nothing are flagged.
// Everything from the server goes onto the page with textContent, never as HTML.
const Draft = (() => {
  const BASE = 'https://medgo.org/fhir/StructureDefinition/';
  const STATEMENT = BASE + 'cited-statement';
  const UNCITED = BASE + 'uncited-statement';
  const CITATION_KEY = BASE + 'citation-key';
  const OPPOSING = BASE + 'differential-opposing-finding';
  const LIKELIHOOD = BASE + 'differential-likelihood';
  const RECORD_OMITTED = BASE + 'record-omitted';
  const $ = id => document.getElementById(id);
  const el = (tag, text, cls) => { const e = document.createElement(tag); if (text != null) e.textContent = text; if (cls) e.className = cls; return e; };
  const ext = (x, url) => (x.extension || []).filter(e => e.url === url);
  let counts = { statements: 0, uncited: 0 };

  function narrativeText(section) {
    const div = section.text && section.text.div;
    if (!div) return '';
    const doc = new DOMParser().parseFromString(div, 'text/html');
    const blocks = [...doc.body.querySelectorAll('p, li')].map(n => n.textContent.trim()).filter(Boolean);
    return blocks.length ? blocks.join('\n\n') : doc.body.textContent.trim();
  }

  /** {text, keys, sources, uncited} of a cited-statement extension */
  function statementOf(x) {
    const parts = x.extension || [];
    const all = name => parts.filter(p => p.url === name);
    return { text: (all('text')[0] || {}).valueString || '', keys: all('key').map(p => p.valueString),
      sources: all('source').map(p => p.valueReference.reference), uncited: all('uncited').length > 0 };
  }

  function citationLine(s) {
    const line = el('p', null, 'cites');
    if (s.uncited || (!s.keys.length && !s.sources.length)) {
      line.append(el('span', '⚠ ' + I18n.t('uncited'), 'uncited'));
      counts.uncited++;
    } else {
      line.append(el('span', I18n.t('cites') + ': ', 'cites-label'));
      (s.keys.length ? s.keys : s.sources).forEach(k => line.append(el('span', k, 'chip')));
    }
    counts.statements++;
    return line;
  }

  function mark(node, s) {
    node.classList.add('statement');
    node.dataset.keys = s.keys.join(' ');
    node.dataset.sources = s.sources.join(' ');
  }

  function statementEditor(section, s, n) {
    const box = el('div', null, 'statement-box');
    const area = el('textarea');
    area.value = s.text;
    area.rows = Math.min(6, Math.max(2, Math.ceil(s.text.length / 70)));
    area.setAttribute('aria-label', I18n.t('statement', { section: section.title || '', n }));
    mark(area, s);
    box.append(area, citationLine(s));
    return box;
  }

  function finding(prefix, s) {
    const item = el('li');
    item.tabIndex = 0;
    mark(item, s);
    item.append(el('span', prefix + ': ', 'finding-kind'), el('span', s.text));
    item.append(citationLine(s));
    return item;
  }

  function conditionCard(c) {
    const card = el('div', null, 'condition');
    const likelihood = ext(c, LIKELIHOOD).map(e => e.valueCodeableConcept.coding[0].code)[0] || '';
    card.append(el('h4', (c.code && c.code.text || '') + (likelihood ? ' — ' + I18n.t('likelihood') + ': ' + I18n.t(likelihood) : '')));
    const list = el('ul', null, 'findings');
    (c.evidence || []).forEach(ev => list.append(finding(I18n.t('for'), { text: ((ev.code || [])[0] || {}).text || '',
      keys: ext(ev, CITATION_KEY).map(e => e.valueString), sources: (ev.detail || []).map(d => d.reference), uncited: ext(ev, UNCITED).length > 0 })));
    ext(c, OPPOSING).forEach(x => list.append(finding(I18n.t('against'), statementOf(x))));
    card.append(list);
    return card;
  }

  function renderSections(composition, resources) {
    const sections = $('sections');
    sections.replaceChildren();
    counts = { statements: 0, uncited: 0 };
    const byRef = new Map(resources.map(r => [r.resourceType + '/' + r.id, r]));
    (composition.section || []).forEach((s, i) => {
      const box = el('section', null, 'section');
      box.dataset.index = i;
      const heading = el('h3', s.title || '');
      heading.id = 'section-' + i;
      box.setAttribute('aria-labelledby', heading.id);
      box.append(heading);
      const statements = ext(s, STATEMENT).map(statementOf);
      if (statements.length) {
        statements.forEach((st, n) => box.append(statementEditor(s, st, n + 1)));
      } else {
        const area = el('textarea', null, 'section-text');
        area.value = narrativeText(s);
        area.rows = Math.min(10, Math.max(2, area.value.split('\n').length + 1));
        area.setAttribute('aria-label', I18n.t('sectionText', { section: s.title || '' }));
        box.append(area);
        (s.entry || []).map(e => byRef.get(e.reference)).filter(r => r && r.resourceType === 'Condition')
          .forEach(c => box.append(conditionCard(c)));
      }
      sections.append(box);
    });
    $('citation-summary').textContent = I18n.t('citations', { n: counts.statements, u: counts.uncited });
    // the record was too long for the model: the reviewer must know what the draft could not have seen
    const omitted = ext(composition, RECORD_OMITTED).map(e => e.valueString);
    $('record-omitted').textContent = omitted.length ? I18n.t('recordOmitted', { text: omitted[0] }) : '';
    $('record-omitted').hidden = !omitted.length;
  }

  function renderRecord(parameters) {
    const list = $('record');
    list.replaceChildren();
    const lines = (parameters.parameter || []).filter(p => p.name === 'line').map(p => {
      const part = name => (p.part || []).find(x => x.name === name);
      return { key: (part('key') || {}).valueString, source: part('source') && part('source').valueReference.reference,
        text: (part('text') || {}).valueString || '' };
    });
    lines.forEach(l => {
      const li = el('li', null, l.key && l.key.includes(':') ? 'sentence' : 'item');
      if (l.key) { li.dataset.key = l.key; li.append(el('span', l.key, 'chip')); }
      if (l.source) li.dataset.source = l.source;
      li.append(el('span', l.text));
      list.append(li);
    });
    $('no-record').hidden = lines.length > 0;
  }

  /** Highlights the record lines a statement cites: by key when it has keys, else by source resource. */
  function highlight(statement) {
    document.querySelectorAll('.statement.active').forEach(n => n.classList.remove('active'));
    document.querySelectorAll('#record li.cited').forEach(n => { n.classList.remove('cited'); n.removeAttribute('aria-current'); });
    if (!statement) return;
    statement.classList.add('active');
    const keys = (statement.dataset.keys || '').split(' ').filter(Boolean);
    const sources = (statement.dataset.sources || '').split(' ').filter(Boolean);
    const hits = [...document.querySelectorAll('#record li')].filter(li => keys.length
      ? keys.includes(li.dataset.key) : sources.includes(li.dataset.source));
    hits.forEach(li => { li.classList.add('cited'); li.setAttribute('aria-current', 'true'); });
    if (hits.length) hits[0].scrollIntoView({ block: 'nearest' });
  }

  /** Moves focus to the next (+1) or previous (-1) statement or editable text. */
  function step(direction) {
    const all = [...document.querySelectorAll('#sections .statement, #sections textarea.section-text')];
    if (!all.length) return;
    const at = all.indexOf(document.activeElement);
    const next = at < 0 ? (direction > 0 ? 0 : all.length - 1) : Math.min(all.length - 1, Math.max(0, at + direction));
    all[next].focus();
  }

  /** The plain text of each section, in order, for $approve. */
  function sectionTexts() {
    return [...document.querySelectorAll('#sections section.section')].map(box => {
      const statements = [...box.querySelectorAll('textarea.statement')];
      const area = box.querySelector('textarea.section-text');
      return statements.length ? statements.map(t => t.value.trim()).filter(Boolean).join('\n\n') : (area ? area.value : '');
    });
  }

  document.addEventListener('focusin', e => {
    const s = e.target.closest && e.target.closest('#sections .statement');
    if (s) highlight(s);
  });
  document.addEventListener('click', e => {
    const s = e.target.closest && e.target.closest('#sections .statement');
    if (s) highlight(s);
  });

  return { render: (composition, resources, record) => { renderSections(composition, resources); renderRecord(record); },
    step, sectionTexts, counts: () => counts };
})();
