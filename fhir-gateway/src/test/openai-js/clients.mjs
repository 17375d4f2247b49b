// The official `openai` npm client against the gateway's /v1 API: a multi-turn conversation, a streamed
// answer with usage, a JSON-schema answer and a stream the client aborts. Prints one JSON line of results.
import OpenAI from 'openai';

const [baseURL] = process.argv.slice(2);
const client = new OpenAI({ baseURL, apiKey: 'medgo-test', maxRetries: 0 });
const out = {};

const multi = await client.chat.completions.create({
  model: 'medgo',
  messages: [
    { role: 'system', content: 'You are a clinical assistant.' },
    { role: 'user', content: 'Patient John Smith, MRN 84421907, has chest pain since 2024-03-05.' },
    { role: 'assistant', content: 'Does the pain radiate?' },
    { role: 'user', content: 'Yes, to the left arm.' },
  ],
  max_tokens: 12,
  temperature: 0,
  chat_template_kwargs: { enable_thinking: false },
}, { headers: { 'X-Conversation-Id': 'js-conversation-1' } });
out.multi = { content: multi.choices[0].message.content, finish: multi.choices[0].finish_reason, usage: multi.usage, object: multi.object };

const stream = await client.chat.completions.create({
  model: 'medgo',
  messages: [{ role: 'user', content: 'Summarise: fever for three days.' }],
  max_tokens: 16, seed: 7, stream: true, stream_options: { include_usage: true },
});
let text = '', chunks = 0, usage = null, finish = null;
for await (const c of stream) {
  chunks++;
  if (c.usage) usage = c.usage;
  for (const ch of c.choices) {
    text += ch.delta?.content ?? '';
    if (ch.finish_reason) finish = ch.finish_reason;
  }
}
out.stream = { text, chunks, usage, finish };

const schema = {
  type: 'object',
  properties: { diagnosis: { type: 'string', maxLength: 24 }, urgent: { type: 'boolean' } },
  required: ['diagnosis', 'urgent'],
};
const structured = await client.chat.completions.create({
  model: 'medgo',
  messages: [{ role: 'user', content: 'Triage: crushing chest pain.' }],
  max_tokens: 64,
  response_format: { type: 'json_schema', json_schema: { name: 'triage', schema, strict: true } },
});
out.json = JSON.parse(structured.choices[0].message.content);

const controller = new AbortController();
const long = await client.chat.completions.create({
  model: 'medgo',
  messages: [{ role: 'user', content: 'Write a very long discharge note.' }],
  max_tokens: 3000, stream: true, ignore_eos: true,
}, { signal: controller.signal, headers: { 'X-MedGo-Deidentify': 'off' } }); // token by token, see OpenAiClientsTest
let received = 0;
try {
  for await (const c of long) {
    received++;
    if (received === 3) {
      controller.abort();
      break;
    }
  }
} catch (e) {
  out.abortError = e.name;
}
out.cancelledAfterChunks = received;
console.log(JSON.stringify(out));
