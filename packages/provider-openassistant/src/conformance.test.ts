import { describeConformance } from '@switchyard/testing/vitest';
import { openAssistantConformanceSubject } from './openassistant-conformance-subject.js';

describeConformance(openAssistantConformanceSubject);
