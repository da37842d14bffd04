import { describeConformance } from '@switchyard/testing/vitest';
import { anthropicConformanceSubject } from './anthropic-conformance-subject.js';

describeConformance(anthropicConformanceSubject);
