// UI strings, English and Chinese (every label); the choice is kept in localStorage.
const I18n = (() => {
  const strings = {
    en: { title: 'AI draft review', queue: 'Drafts waiting for review', date: 'Date', age: 'Waiting', type: 'Document', patient: 'Patient',
      encounter: 'Encounter', model: 'Model', action: 'Action', open: 'Review', empty: 'No drafts waiting.', back: '← Queue',
      filterType: 'Document type', filterModel: 'Author model', allTypes: 'All types', allModels: 'All models',
      summary: '{n} drafts waiting · oldest waiting {age}', byType: '{type}: {n}',
      newDraft: 'A new draft arrived for this patient: {title}.',
      shortcuts: 'Keyboard: Alt+↓ / Alt+↑ next / previous statement · Alt+A approve (asks to confirm)',
      aiLabel: 'AI-generated draft (AIAST) — check every statement before approving.', approve: 'Approve and sign',
      reject: 'Reject', reasonPlaceholder: 'Reason for rejection', source: 'Source and provenance',
      generated: 'Generated with the draft', raw: 'Document bundle (what the model\'s output became)',
      record: 'Record the draft was made from', recordHint: 'Focus a statement to highlight the record lines it cites.',
      noRecord: 'This draft was made before citations; its record is not stored.',
      citations: '{n} statements · {u} without a source in the record', uncited: 'No source in the record',
      recordOmitted: 'Made from part of the record (it did not fit the model): {text}',
      cites: 'Cites', statement: '{section}, statement {n}', sectionText: '{section} (editable text)',
      for: 'For', against: 'Against', likelihood: 'Likelihood', high: 'high', moderate: 'moderate', low: 'low',
      promptVersion: 'Prompt version', modelDevice: 'Model', recorded: 'Generated at', agents: 'Provenance agents',
      status: 'Status', preliminary: 'preliminary (draft)', final: 'final', 'entered-in-error': 'entered in error',
      approved: 'Approved: the document is final.', rejected: 'Rejected: marked entered-in-error.',
      needReason: 'Give a reason for rejecting.', launchContext: 'Launch context', switchTo: '中文',
      confirmTitle: 'Approve and sign this draft?', confirmYes: 'Approve and sign', confirmNo: 'Keep reviewing',
      confirmText: 'You sign it as final. {u} statements have no source in the record.',
      minutes: '{n} min', hours: '{h} h {m} min', days: '{d} d {h} h',
      notSignedIn: 'Not signed in: open the review queue from the EHR.',
      author: 'author', verifier: 'verifier', performer: 'performer',
      emrNote: 'EMR {kind}: {status} {where}', 'wb-pending': 'waiting to be written', 'wb-sent': 'written',
      'wb-failed': 'not written (given up)',
      'loinc-18842-5': 'Discharge summary', 'loinc-11506-3': 'Progress note', 'loinc-51848-0': 'Differential diagnosis' },
    zh: { title: 'AI 草稿审核', queue: '待审核草稿', date: '日期', age: '等待时间', type: '文书', patient: '患者', encounter: '就诊',
      model: '模型', action: '操作', open: '审核', empty: '没有待审核的草稿。', back: '← 返回队列',
      filterType: '文书类型', filterModel: '生成模型', allTypes: '全部类型', allModels: '全部模型',
      summary: '待审核 {n} 份 · 最早一份已等待 {age}', byType: '{type}：{n}',
      newDraft: '该患者有一份新草稿：{title}。',
      shortcuts: '快捷键：Alt+↓ / Alt+↑ 下一条 / 上一条陈述 · Alt+A 批准（需确认）',
      aiLabel: 'AI 生成的草稿（AIAST）——批准前请逐条核对。', approve: '批准并签署', reject: '驳回',
      reasonPlaceholder: '驳回理由', source: '来源与溯源', generated: '随草稿生成', raw: '文档 Bundle（模型输出的结果）',
      record: '草稿所依据的病历', recordHint: '选中一条陈述，即高亮其引用的病历内容。',
      noRecord: '此草稿生成于引用功能之前，未保存其病历。',
      citations: '共 {n} 条陈述 · {u} 条在病历中无出处', uncited: '病历中无出处',
      recordOmitted: '草稿仅依据部分病历（病历超出模型的上下文长度）：{text}',
      cites: '引用', statement: '{section}，第 {n} 条陈述', sectionText: '{section}（可编辑文本）',
      for: '支持', against: '不支持', likelihood: '可能性', high: '高', moderate: '中', low: '低',
      promptVersion: '提示词版本', modelDevice: '模型', recorded: '生成时间', agents: '溯源参与者', status: '状态',
      preliminary: '初稿（待审核）', final: '已定稿', 'entered-in-error': '录入错误',
      approved: '已批准：文书已定稿。', rejected: '已驳回：标记为录入错误。', needReason: '请填写驳回理由。',
      launchContext: '启动上下文', switchTo: 'English',
      confirmTitle: '批准并签署此草稿？', confirmYes: '批准并签署', confirmNo: '继续审核',
      confirmText: '签署后文书即定稿。有 {u} 条陈述在病历中无出处。',
      minutes: '{n} 分钟', hours: '{h} 小时 {m} 分钟', days: '{d} 天 {h} 小时',
      notSignedIn: '未登录：请从 EHR 打开审核队列。',
      author: '作者', verifier: '审核人', performer: '执行人',
      emrNote: 'EMR {kind}：{status} {where}', 'wb-pending': '等待写入', 'wb-sent': '已写入', 'wb-failed': '写入失败（已放弃）',
      'loinc-18842-5': '出院小结', 'loinc-11506-3': '病程记录', 'loinc-51848-0': '鉴别诊断' }
  };
  let lang = localStorage.getItem('medgo.review.lang') || (navigator.language.startsWith('zh') ? 'zh' : 'en');
  const listeners = [];
  // t('summary', {n: 3}) fills {n}
  const t = (key, values) => {
    const s = strings[lang][key] || strings.en[key] || key;
    return values ? s.replace(/\{(\w+)\}/g, (m, k) => (k in values ? values[k] : m)) : s;
  };
  function apply() {
    document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
    document.title = t('title');
    document.querySelectorAll('[data-i18n]').forEach(el => { el.textContent = t(el.dataset.i18n); });
    document.querySelectorAll('[data-i18n-placeholder]').forEach(el => { el.placeholder = t(el.dataset.i18nPlaceholder); });
    listeners.forEach(f => f());
  }
  function toggle() {
    lang = lang === 'en' ? 'zh' : 'en';
    localStorage.setItem('medgo.review.lang', lang);
    apply();
  }
  function age(ms) {
    const min = Math.max(0, Math.floor(ms / 60000));
    if (min < 60) return t('minutes', { n: min });
    if (min < 1440) return t('hours', { h: Math.floor(min / 60), m: min % 60 });
    return t('days', { d: Math.floor(min / 1440), h: Math.floor(min / 60) % 24 });
  }
  return { t, apply, toggle, age, onChange: f => listeners.push(f), lang: () => lang };
})();
