import type { Triangle } from './triangle.ts';

/**
 * The RAA triangle: cumulative incurred losses of automatic facultative general liability business,
 * accident years 1981–1990, development years 1–10 (Historical Loss Development Study, Reinsurance
 * Association of America, 1991, p. 96; used by Mack, "Which stochastic model is underlying the chain
 * ladder method?", Insurance: Mathematics and Economics 15, 1994). It is the `RAA` data set of the R
 * package ChainLadder and the 'raa' sample of chainladder-python; the figures below are those printed in
 * the ChainLadder vignette ("ChainLadder: Claims reserving with R", section "Working with triangles").
 */
export const RAA_ROWS: readonly (readonly number[])[] = [
  [5012, 8269, 10907, 11805, 13539, 16181, 18009, 18608, 18662, 18834],
  [106, 4285, 5396, 10666, 13782, 15599, 15496, 16169, 16704],
  [3410, 8992, 13873, 16141, 18735, 22214, 22863, 23466],
  [5655, 11555, 15766, 21266, 23425, 26083, 27067],
  [1092, 9565, 15836, 22169, 25955, 26180],
  [1513, 6445, 11702, 12935, 15852],
  [557, 4020, 10946, 12314],
  [1351, 6947, 13112],
  [3133, 5395],
  [2063],
];

export const RAA: Triangle = {
  origins: RAA_ROWS.map((_, i) => String(1981 + i)),
  ages: RAA_ROWS.map((_, k) => k + 1),
  values: RAA_ROWS.map((row) => [...row, ...new Array<null>(RAA_ROWS.length - row.length).fill(null)]),
};
