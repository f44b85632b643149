export { CounterRandom } from './random/counter-random.ts';
export { philox4x32 } from './random/philox.ts';
