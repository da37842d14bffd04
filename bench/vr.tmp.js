import { OpenAICompatible } from '@switchyard/provider-openai-compatible';
const provider = new OpenAICompatible({ baseUrl: 'http://127.0.0.1:9/v1', apiKey: 'sk-bench', models: ['bench-model'] });
const req = { model: 'bench-model', messages: [{ role: 'user', content: 'Count for me.' }] };
for (let i=0;i<20000;i++) provider.validateRequest(req, 'request');
let t=performance.now(); for (let i=0;i<100000;i++) provider.validateRequest(req, 'request'); console.log('validateRequest µs', ((performance.now()-t)/100).toFixed(2));
const { chatRequestSchema } = await import('@switchyard/core');
t=performance.now(); for (let i=0;i<100000;i++) chatRequestSchema.safeParse(req); console.log('safeParse µs', ((performance.now()-t)/100).toFixed(2));
