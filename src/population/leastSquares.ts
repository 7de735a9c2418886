/**
 * Ordinary least squares by the normal equations (X'X)β = X'y, solved with
 * Gaussian elimination and partial pivoting. Fine for the handful of proxies of
 * a means test; a singular design (e.g. a constant proxy) gets a tiny ridge.
 * @param design row-major design matrix, `rows × cols`
 * @param y response, length `rows`
 * @param cols number of columns (first usually the intercept)
 * @returns coefficients, length `cols`
 * @example leastSquares(new Float64Array([1, 0, 1, 1, 1, 2]), new Float64Array([1, 3, 5]), 2) // [1, 2]
 */
export function leastSquares(design: Float64Array, y: Float64Array, cols: number): number[] {
  const rows = y.length;
  const a: number[][] = Array.from({ length: cols }, () => new Array<number>(cols + 1).fill(0));
  for (let r = 0; r < rows; r++) {
    const off = r * cols;
    const yr = y[r] as number;
    for (let i = 0; i < cols; i++) {
      const xi = design[off + i] as number;
      const row = a[i] as number[];
      for (let j = i; j < cols; j++) row[j] = (row[j] as number) + xi * (design[off + j] as number);
      row[cols] = (row[cols] as number) + xi * yr;
    }
  }
  for (let i = 0; i < cols; i++) {
    const row = a[i] as number[];
    for (let j = 0; j < i; j++) row[j] = (a[j] as number[])[i] as number;
    row[i] = (row[i] as number) * (1 + 1e-12) + 1e-12;
  }
  for (let c = 0; c < cols; c++) {
    let pivot = c;
    for (let r = c + 1; r < cols; r++) {
      if (Math.abs((a[r] as number[])[c] as number) > Math.abs((a[pivot] as number[])[c] as number)) pivot = r;
    }
    [a[c], a[pivot]] = [a[pivot] as number[], a[c] as number[]];
    const pr = a[c] as number[];
    const pv = pr[c] as number;
    for (let r = 0; r < cols; r++) {
      if (r === c) continue;
      const rr = a[r] as number[];
      const f = (rr[c] as number) / pv;
      if (f === 0) continue;
      for (let k = c; k <= cols; k++) rr[k] = (rr[k] as number) - f * (pr[k] as number);
    }
  }
  return a.map((row, i) => (row[cols] as number) / (row[i] as number));
}
