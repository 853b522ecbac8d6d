import { SpcError } from "../../core/spc-error.js";
import { twoSidedNormalTail } from "./normal-tail.js";

export interface LogisticRegressionOptions {
  /** R `glm.control(maxit)`. Default 25. */
  readonly maxIterations?: number;
  /** R `glm.control(epsilon)`: stop when |dev − dev_old| / (|dev| + 0.1) < epsilon. Default 1e-8. */
  readonly epsilon?: number;
  /**
   * Return a fit that did not converge (with `converged: false`) instead of throwing `NOT_CONVERGED`.
   * Separation always throws.
   */
  readonly allowNonConvergence?: boolean;
}

/** INTERFACES.md C2, plus the rest of what R's `summary.glm` prints. */
export interface LogisticRegressionResult {
  /** Intercept first, then one per column of X. */
  readonly coefficients: number[];
  readonly standardErrors: number[];
  /** Residual deviance. */
  readonly deviance: number;
  /** R's "Number of Fisher Scoring iterations". */
  readonly iterations: number;
  readonly converged: boolean;
  readonly nullDeviance: number;
  /** Akaike information criterion (binary outcome: deviance + 2 × number of coefficients). */
  readonly aic: number;
  /** Wald z = coefficient / standard error. */
  readonly zValues: number[];
  /** Two-sided Wald p-values, R's `Pr(>|z|)`. */
  readonly pValues: number[];
  /** Fitted probabilities, one per row of X. */
  readonly fitted: number[];
}

// R's binomial()$linkinv / $mu.eta (src/library/stats/src/family.c): clamp η at ±30 so μ stays inside (0, 1).
const THRESH = 30;
const MTHRESH = -30;
const DBL_EPSILON = 2.220446049250313e-16;
const INVEPS = 1 / DBL_EPSILON;
/** `glm.fit` warns "fitted probabilities numerically 0 or 1 occurred" at this distance from 0 or 1. */
const FITTED_EPS = 10 * DBL_EPSILON;
/** `glm.fit` passes min(1e-7, epsilon / 1000) as the QR rank tolerance. */
const qrTolerance = (epsilon: number): number => Math.min(1e-7, epsilon / 1000);

function linkinv(eta: number): number {
  const tmp = eta < MTHRESH ? DBL_EPSILON : eta > THRESH ? INVEPS : Math.exp(eta);
  return tmp / (1 + tmp);
}

function muEta(eta: number): number {
  const opexp = 1 + Math.exp(eta);
  return eta > THRESH || eta < MTHRESH ? DBL_EPSILON : Math.exp(eta) / (opexp * opexp);
}

function binomialDeviance(y: readonly number[], mu: Float64Array): number {
  let dev = 0;
  for (let i = 0; i < y.length; i++) {
    // y log(y/μ) + (1−y) log((1−y)/(1−μ)) for y ∈ {0, 1}
    dev += y[i] === 1 ? -2 * Math.log(mu[i]!) : -2 * Math.log(1 - mu[i]!);
  }
  return dev;
}

/**
 * Logistic regression by iteratively reweighted least squares, step for step as R's
 * `glm(y ~ X, family = binomial)` (`glm.fit`, R 4.x): start at μ = (y + 0.5)/2, solve each weighted least
 * squares step by Householder QR, stop when the relative change in deviance is below `epsilon`, and take
 * standard errors from that last QR — the weights of the final iteration's start, exactly as
 * `summary.glm` does (so they match R to its printed digits, not just the converged information matrix).
 * X has no intercept column; `coefficients[0]` is the intercept (INTERFACES.md C2).
 *
 * Errors (`SpcError.code`): `INVALID_INPUT` (ragged or non-finite X, y not 0/1, fewer rows than
 * coefficients), `SINGULAR_DESIGN` (collinear columns — R would report NA coefficients),
 * `PERFECT_SEPARATION` (fitted probabilities numerically 0 or 1, where R warns and the estimates diverge),
 * `NOT_CONVERGED` (no convergence within `maxIterations`).
 *
 * @example
 * // mtcars: glm(vs ~ wt + disp, family = binomial) — theanalysisfactor.com "R tutorial: glm 1"
 * const fit = logisticRegression(mtcars.map((c) => [c.wt, c.disp]), mtcars.map((c) => c.vs));
 * fit.coefficients;   // [1.60859, 1.62635, -0.03443] (to R's printed digits)
 * fit.standardErrors; // [2.43903, 1.49068, 0.01536]
 * fit.iterations;     // 6
 */
export function logisticRegression(
  X: readonly (readonly number[])[],
  y: readonly number[],
  options: LogisticRegressionOptions = {},
): LogisticRegressionResult {
  const maxIterations = options.maxIterations ?? 25;
  const epsilon = options.epsilon ?? 1e-8;
  if (!(maxIterations >= 1) || !(epsilon > 0)) {
    throw new SpcError("INVALID_OPTION", "maxIterations must be ≥ 1 and epsilon > 0", "options");
  }
  const n = y.length;
  if (X.length !== n) throw new SpcError("INVALID_INPUT", `X has ${X.length} rows but y has ${n}`, "X");
  const k = n === 0 ? 0 : X[0]!.length;
  const p = k + 1;
  if (n < p) throw new SpcError("INVALID_INPUT", `${n} rows cannot estimate ${p} coefficients`, "X");
  // Column-major design with the intercept column first.
  const design = new Float64Array(n * p);
  for (let i = 0; i < n; i++) {
    const row = X[i]!;
    if (row.length !== k)
      throw new SpcError("INVALID_INPUT", `row ${i} of X has ${row.length} columns, not ${k}`, "X");
    design[i] = 1;
    for (let j = 0; j < k; j++) {
      const v = row[j]!;
      if (!Number.isFinite(v))
        throw new SpcError("INVALID_INPUT", `X[${i}][${j}] is not a finite number`, "X");
      design[(j + 1) * n + i] = v;
    }
    const yi = y[i];
    if (yi !== 0 && yi !== 1) throw new SpcError("INVALID_INPUT", `y[${i}] must be 0 or 1`, "y");
  }

  const eta = new Float64Array(n);
  const mu = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const start = (y[i]! + 0.5) / 2;
    eta[i] = Math.log(start / (1 - start));
    mu[i] = linkinv(eta[i]!);
  }
  let devold = binomialDeviance(y, mu);
  let dev = devold;
  let converged = false;
  let iterations = 0;
  let beta: Float64Array = new Float64Array(p);
  let lastQr: WeightedQr | null = null;
  const tol = qrTolerance(epsilon);
  for (let iter = 1; iter <= maxIterations; iter++) {
    iterations = iter;
    const w = new Float64Array(n);
    const z = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const m = mu[i]!;
      const d = muEta(eta[i]!);
      z[i] = eta[i]! + (y[i]! - m) / d;
      w[i] = Math.sqrt((d * d) / (m * (1 - m)));
    }
    lastQr = weightedQr(design, n, p, w, tol);
    beta = lastQr.solve(z, w);
    for (let i = 0; i < n; i++) {
      let e = 0;
      for (let j = 0; j < p; j++) e += design[j * n + i]! * beta[j]!;
      eta[i] = e;
      mu[i] = linkinv(e);
    }
    dev = binomialDeviance(y, mu);
    if (!Number.isFinite(dev)) {
      throw new SpcError("NOT_CONVERGED", "IRLS produced a non-finite deviance", "X");
    }
    if (Math.abs(dev - devold) / (Math.abs(dev) + 0.1) < epsilon) {
      converged = true;
      break;
    }
    devold = dev;
  }

  if (numericallyZeroOrOne(mu) || diverges(design, n, p, y, eta, mu, tol)) {
    throw new SpcError(
      "PERFECT_SEPARATION",
      "The outcome is (quasi-)perfectly separated by the covariates (fitted probabilities are driven to 0 or 1), so maximum-likelihood estimates do not exist",
      "X",
    );
  }
  if (!converged && options.allowNonConvergence !== true) {
    throw new SpcError("NOT_CONVERGED", `IRLS did not converge in ${maxIterations} iterations`, "X");
  }

  const covariance = lastQr!.inverseRtR();
  const coefficients = Array.from(beta);
  const standardErrors = coefficients.map((_, j) => Math.sqrt(covariance[j * p + j]!));
  const zValues = coefficients.map((b, j) => b / standardErrors[j]!);
  let events = 0;
  for (const yi of y) events += yi;
  const ybar = events / n;
  const nullDeviance =
    ybar === 0 || ybar === 1 ? 0 : -2 * (events * Math.log(ybar) + (n - events) * Math.log(1 - ybar));
  return {
    coefficients,
    standardErrors,
    deviance: dev,
    iterations,
    converged,
    nullDeviance,
    aic: dev + 2 * p,
    zValues,
    pValues: zValues.map(twoSidedNormalTail),
    fitted: Array.from(mu),
  };
}

/** R's `glm.fit` warning condition: some fitted probability within 10·ε of 0 or 1. */
function numericallyZeroOrOne(mu: Float64Array): boolean {
  for (const m of mu) if (m > 1 - FITTED_EPS || m < FITTED_EPS) return true;
  return false;
}

/**
 * Quasi-complete separation (a category with no deaths, say) leaves R's `glm` "converged" with a
 * coefficient of −20 and a standard error in the thousands, without a warning: the deviance has flattened
 * while the estimate runs off to infinity. One more IRLS step tells the cases apart. Where the maximum
 * likelihood estimate exists, Newton's method has converged quadratically and the step moves no linear
 * predictor by more than ~1e-6; under separation the separated observations' linear predictors keep moving
 * by about 1 per step (their working response is η ∓ 1 while their weight vanishes).
 */
function diverges(
  design: Float64Array,
  n: number,
  p: number,
  y: readonly number[],
  eta: Float64Array,
  mu: Float64Array,
  tol: number,
): boolean {
  const w = new Float64Array(n);
  const z = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const d = muEta(eta[i]!);
    z[i] = eta[i]! + (y[i]! - mu[i]!) / d;
    w[i] = Math.sqrt((d * d) / (mu[i]! * (1 - mu[i]!)));
  }
  let next: Float64Array;
  try {
    next = weightedQr(design, n, p, w, tol).solve(z, w);
  } catch (error) {
    // Weights so small that a column vanishes are themselves the mark of separation.
    if (error instanceof SpcError && error.code === "SINGULAR_DESIGN") return true;
    throw error;
  }
  for (let i = 0; i < n; i++) {
    let e = 0;
    for (let j = 0; j < p; j++) e += design[j * n + i]! * next[j]!;
    if (Math.abs(e - eta[i]!) > SEPARATION_STEP) return true;
  }
  return false;
}

/** Movement of a linear predictor in one extra IRLS step that marks divergence (see {@link diverges}). */
const SEPARATION_STEP = 0.5;

interface WeightedQr {
  /** Least-squares solution of (w ∘ X) β ≈ w ∘ z. */
  solve(z: Float64Array, w: Float64Array): Float64Array;
  /** (RᵀR)⁻¹ = (XᵀWX)⁻¹, row-major p × p: R's `chol2inv(qr$qr[1:p, 1:p])`. */
  inverseRtR(): Float64Array;
}

/**
 * Householder QR of the weighted design (w ∘ X), as LINPACK `dqrdc2` (which `glm.fit` calls through
 * `Cdqrls`) but without its column pivoting: a column whose remaining norm falls below `tol` times its
 * original norm is linearly dependent on earlier ones, and Vigil refuses such a design rather than
 * silently dropping a risk factor.
 */
function weightedQr(design: Float64Array, n: number, p: number, w: Float64Array, tol: number): WeightedQr {
  const a = new Float64Array(n * p);
  const originalNorms = new Float64Array(p);
  for (let j = 0; j < p; j++) {
    let ss = 0;
    for (let i = 0; i < n; i++) {
      const v = design[j * n + i]! * w[i]!;
      a[j * n + i] = v;
      ss += v * v;
    }
    originalNorms[j] = Math.sqrt(ss);
  }
  const betas = new Float64Array(p);
  const r = new Float64Array(p * p);
  for (let j = 0; j < p; j++) {
    let ss = 0;
    for (let i = j; i < n; i++) ss += a[j * n + i]! * a[j * n + i]!;
    const norm = Math.sqrt(ss);
    if (!(norm > tol * originalNorms[j]!) || norm === 0) {
      throw new SpcError(
        "SINGULAR_DESIGN",
        `Column ${j} of the design (0 = intercept) is collinear with earlier columns`,
        "X",
      );
    }
    const x0 = a[j * n + j]!;
    const alpha = x0 > 0 ? -norm : norm;
    // v = x − alpha·e1 stored in place; H = I − β v vᵀ with β = 1 / (alpha² − alpha·x0).
    a[j * n + j] = x0 - alpha;
    const beta = 1 / (norm * norm - alpha * x0);
    betas[j] = beta;
    for (let c = j + 1; c < p; c++) {
      let dot = 0;
      for (let i = j; i < n; i++) dot += a[j * n + i]! * a[c * n + i]!;
      const s = beta * dot;
      for (let i = j; i < n; i++) a[c * n + i] = a[c * n + i]! - s * a[j * n + i]!;
    }
    r[j * p + j] = alpha;
    for (let c = j + 1; c < p; c++) r[j * p + c] = a[c * n + j]!;
  }
  return {
    solve(z: Float64Array, weights: Float64Array): Float64Array {
      const qtz = new Float64Array(n);
      for (let i = 0; i < n; i++) qtz[i] = z[i]! * weights[i]!;
      for (let j = 0; j < p; j++) {
        let dot = 0;
        for (let i = j; i < n; i++) dot += a[j * n + i]! * qtz[i]!;
        const s = betas[j]! * dot;
        for (let i = j; i < n; i++) qtz[i] = qtz[i]! - s * a[j * n + i]!;
      }
      const b = new Float64Array(p);
      for (let j = p - 1; j >= 0; j--) {
        let s = qtz[j]!;
        for (let c = j + 1; c < p; c++) s -= r[j * p + c]! * b[c]!;
        b[j] = s / r[j * p + j]!;
      }
      return b;
    },
    inverseRtR(): Float64Array {
      // R⁻¹ (upper triangular), then (RᵀR)⁻¹ = R⁻¹ R⁻ᵀ.
      const inv = new Float64Array(p * p);
      for (let j = p - 1; j >= 0; j--) {
        inv[j * p + j] = 1 / r[j * p + j]!;
        for (let c = j + 1; c < p; c++) {
          let s = 0;
          for (let m = j + 1; m <= c; m++) s += r[j * p + m]! * inv[m * p + c]!;
          inv[j * p + c] = -s / r[j * p + j]!;
        }
      }
      const out = new Float64Array(p * p);
      for (let i = 0; i < p; i++) {
        for (let j = i; j < p; j++) {
          let s = 0;
          for (let m = j; m < p; m++) s += inv[i * p + m]! * inv[j * p + m]!;
          out[i * p + j] = s;
          out[j * p + i] = s;
        }
      }
      return out;
    },
  };
}
