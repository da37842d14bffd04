export { describeConformance } from './conformance/describe-conformance.js';
