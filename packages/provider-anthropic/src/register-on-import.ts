// tsyringe refuses to load without the metadata polyfill, so it comes first.
import 'reflect-metadata';
import { container } from 'tsyringe';
import { registerAnthropic } from './register-anthropic.js';

// Importing the package registers Anthropic itself (api.anthropic.com, key from config).
registerAnthropic(container);
