// UI strings, English and Chinese; the choice is kept in localStorage.
const I18n = (() => {
  const strings = {
    en: { title: 'AI draft review', queue: 'Drafts waiting for review', date: 'Date', type: 'Document', patient: 'Patient',
      encounter: 'Encounter', model: 'Model', open: 'Review', empty: 'No drafts waiting.', back: '← Queue',
      aiLabel: 'AI-generated draft (AIAST) — check every statement before approving.', approve: 'Approve and sign',
      reject: 'Reject', reasonPlaceholder: 'Reason for rejection', source: 'Source and provenance',
      generated: 'Generated with the draft', raw: 'Document bundle (what the model\'s output became)',
      promptVersion: 'Prompt version', modelDevice: 'Model', recorded: 'Generated at', agents: 'Provenance agents',
      status: 'Status', approved: 'Approved: the document is final.', rejected: 'Rejected: marked entered-in-error.',
      needReason: 'Give a reason for rejecting.', launchContext: 'Launch context', switchTo: '中文' },
    zh: { title: 'AI 草稿审核', queue: '待审核草稿', date: '日期', type: '文书', patient: '患者', encounter: '就诊',
      model: '模型', open: '审核', empty: '没有待审核的草稿。', back: '← 返回队列',
      aiLabel: 'AI 生成的草稿（AIAST）——批准前请逐条核对。', approve: '批准并签署', reject: '驳回',
      reasonPlaceholder: '驳回理由', source: '来源与溯源', generated: '随草稿生成', raw: '文档 Bundle（模型输出的结果）',
      promptVersion: '提示词版本', modelDevice: '模型', recorded: '生成时间', agents: '溯源参与者', status: '状态',
      approved: '已批准：文书已定稿。', rejected: '已驳回：标记为录入错误。', needReason: '请填写驳回理由。',
      launchContext: '启动上下文', switchTo: 'English' }
  };
  let lang = localStorage.getItem('medgo.review.lang') || (navigator.language.startsWith('zh') ? 'zh' : 'en');
  const t = key => strings[lang][key] || strings.en[key] || key;
  function apply() {
    document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
    document.querySelectorAll('[data-i18n]').forEach(el => { el.textContent = t(el.dataset.i18n); });
    document.querySelectorAll('[data-i18n-placeholder]').forEach(el => { el.placeholder = t(el.dataset.i18nPlaceholder); });
    const button = document.getElementById('lang');
    if (button) button.textContent = t('switchTo');
  }
  function toggle() {
    lang = lang === 'en' ? 'zh' : 'en';
    localStorage.setItem('medgo.review.lang', lang);
    apply();
  }
  return { t, apply, toggle, lang: () => lang };
})();
