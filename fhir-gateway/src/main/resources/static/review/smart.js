// SMART App Launch 2.2, EHR launch, public client: authorization code + PKCE (S256). Written out instead of
// pulling a library: the whole flow is these two steps, and nothing here loads from a CDN.
const SmartLaunch = (() => {
  const CLIENT_ID = 'review-app';
  const SCOPES = 'launch fhirUser user/Composition.rus user/Encounter.r user/Provenance.r user/Device.r';
  const KEY = 'medgo.review.smart';

  const b64url = bytes => btoa(String.fromCharCode(...new Uint8Array(bytes))).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  const random = n => b64url(crypto.getRandomValues(new Uint8Array(n)));

  async function start() {
    const params = new URLSearchParams(location.search);
    const iss = params.get('iss');
    const launch = params.get('launch');
    if (!iss || !launch) throw new Error('Missing iss or launch: open the review queue from the EHR. / 缺少 iss 或 launch 参数');
    // the token will be sent to iss: only this gateway's own FHIR base is accepted
    if (new URL(iss, location.href).origin !== location.origin) throw new Error('Untrusted iss / 不受信任的 iss');
    const config = await (await fetch(iss.replace(/\/$/, '') + '/.well-known/smart-configuration')).json();
    if (!(config.code_challenge_methods_supported || []).includes('S256')) throw new Error('Server lacks PKCE S256');
    const verifier = random(48);
    const challenge = b64url(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)));
    const state = random(24);
    const redirectUri = new URL('callback.html', location.href).href.split('?')[0];
    sessionStorage.setItem(KEY, JSON.stringify({ iss, state, verifier, redirectUri, tokenEndpoint: config.token_endpoint }));
    const q = new URLSearchParams({ response_type: 'code', client_id: CLIENT_ID, redirect_uri: redirectUri, scope: SCOPES,
      state, aud: iss, launch, code_challenge: challenge, code_challenge_method: 'S256' });
    location.assign(config.authorization_endpoint + '?' + q);
  }

  async function complete() {
    const pending = JSON.parse(sessionStorage.getItem(KEY) || 'null');
    const params = new URLSearchParams(location.search);
    if (!pending || params.get('state') !== pending.state) throw new Error('Sign-in state mismatch / 登录状态不匹配');
    if (params.get('error')) throw new Error(params.get('error'));
    const response = await fetch(pending.tokenEndpoint, { method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'authorization_code', code: params.get('code'), redirect_uri: pending.redirectUri,
        client_id: CLIENT_ID, code_verifier: pending.verifier }) });
    if (!response.ok) throw new Error('Token request failed / 获取令牌失败 (' + response.status + ')');
    const token = await response.json();
    sessionStorage.setItem(KEY, JSON.stringify({ iss: pending.iss, accessToken: token.access_token, patient: token.patient || null,
      encounter: token.encounter || null, expiresAt: Date.now() + (token.expires_in || 0) * 1000 }));
  }

  function session() {
    const s = JSON.parse(sessionStorage.getItem(KEY) || 'null');
    return s && s.accessToken && s.expiresAt > Date.now() ? s : null;
  }

  async function fhir(path, options = {}) {
    const s = session();
    if (!s) throw new Error('Session expired: relaunch from the EHR / 会话已过期，请从 EHR 重新启动');
    const headers = Object.assign({ Accept: 'application/fhir+json', Authorization: 'Bearer ' + s.accessToken }, options.headers || {});
    const r = await fetch(s.iss.replace(/\/$/, '') + '/' + path, Object.assign({}, options, { headers }));
    const body = await r.json().catch(() => null);
    if (!r.ok) {
      const text = body && body.issue && body.issue[0] && body.issue[0].diagnostics;
      throw new Error(r.status + ' ' + (text || r.statusText));
    }
    return body;
  }

  return { start, complete, session, fhir };
})();
