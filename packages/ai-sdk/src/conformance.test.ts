import { describeConformance } from '@switchyard/testing/vitest';
import { aiSdkConformanceSubject } from './test-support/ai-sdk-conformance-subject.js';

describeConformance(aiSdkConformanceSubject);
