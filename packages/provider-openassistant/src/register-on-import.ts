// tsyringe refuses to load without the metadata polyfill, so it comes first.
import 'reflect-metadata';
import { container } from 'tsyringe';
import { registerOpenAssistant } from './register-openassistant.js';

// Importing the package is enough to make Open Assistant available in the global container.
registerOpenAssistant(container);
