import { describeConformance } from '@switchyard/testing/vitest';
import { openAICompatibleConformanceSubject } from './openai-compatible-conformance-subject.js';

describeConformance(openAICompatibleConformanceSubject);
