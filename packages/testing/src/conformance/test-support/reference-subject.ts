import { PROVIDER } from '@switchyard/core';
import type { ConformanceSubject } from '../conformance-subject.js';
import { startOpenAssistantTarget } from '../openassistant-conformance-target.js';
import { type Defect, ReferenceOpenAssistant } from './reference-openassistant-provider.js';

/** The reference provider, with the given defects, as a conformance subject. */
export function referenceSubject(...defects: Defect[]): ConformanceSubject {
  return {
    name: 'ReferenceOpenAssistant',
    startTarget: startOpenAssistantTarget,
    createProvider: (target) => new ReferenceOpenAssistant(target, new Set(defects)),
    register: (container, target) =>
      container.register(PROVIDER, { useValue: new ReferenceOpenAssistant(target, new Set(defects)) }),
  };
}
