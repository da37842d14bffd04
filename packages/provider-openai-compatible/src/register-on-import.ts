// tsyringe refuses to load without the metadata polyfill, so it comes first.
import 'reflect-metadata';
import { container } from 'tsyringe';
import { registerOpenAICompatible } from './register-openai-compatible.js';

// Importing the package registers OpenAI itself (api.openai.com, key from config); other
// endpoints are registered with registerOpenAICompatible and a name of their own.
registerOpenAICompatible(container);
