import { describe, expect, it } from "vitest";
import { qic } from "./qic.js";

/*
 * Published qicharts2 output reproduced from its own vignette ("Quality Improvement Charts", section
 * "Testing for special cause variation"), which simulates its data with R's default generator:
 *
 *   library(qicharts2)            # MR screening on
 *   set.seed(19)
 *   y <- rnorm(24)
 *   y[22] <- 4
 *   y[13:24] <- rnorm(12, mean = 2)
 *   summary(qic(y, chart = 'i'))
 *   #   n.obs n.useful longest.run longest.run.max n.crossings n.crossings.min runs.signal
 *   #      24       24          13               8           4               8           1
 *   #        aLCL   aLCL.95       CL  aUCL.95     aUCL sigma.signal
 *   #   -2.114884 -1.057559 1.057091 3.171742 4.229067            0
 *
 * To replay it, this file carries R's Mersenne-Twister seeding (`set.seed`, R's RNG.c) and R's
 * inversion normal generator (`norm_rand` with BIG = 2^27, and `qnorm` by Wichura's AS 241). Their
 * correctness is checked first against well-known R outputs.
 */
class RRandom {
  private readonly mt = new Uint32Array(624);
  private mti = 624;

  constructor(seed: number) {
    let s = seed >>> 0;
    for (let j = 0; j < 50; j++) s = (Math.imul(69069, s) + 1) >>> 0;
    // i_seed[0] is mti (set to 624 by FixupSeeds); i_seed[1..624] is the state.
    s = (Math.imul(69069, s) + 1) >>> 0;
    for (let j = 0; j < 624; j++) {
      s = (Math.imul(69069, s) + 1) >>> 0;
      this.mt[j] = s;
    }
  }

  private genrand(): number {
    const mt = this.mt;
    if (this.mti >= 624) {
      const mag01 = [0, 0x9908b0df];
      let kk = 0;
      for (; kk < 624 - 397; kk++) {
        const y = (mt[kk]! & 0x80000000) | (mt[kk + 1]! & 0x7fffffff);
        mt[kk] = mt[kk + 397]! ^ (y >>> 1) ^ mag01[y & 1]!;
      }
      for (; kk < 623; kk++) {
        const y = (mt[kk]! & 0x80000000) | (mt[kk + 1]! & 0x7fffffff);
        mt[kk] = mt[kk - 227]! ^ (y >>> 1) ^ mag01[y & 1]!;
      }
      const y = (mt[623]! & 0x80000000) | (mt[0]! & 0x7fffffff);
      mt[623] = mt[396]! ^ (y >>> 1) ^ mag01[y & 1]!;
      this.mti = 0;
    }
    let y = mt[this.mti++]!;
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    return (y >>> 0) * 2.3283064365386963e-10;
  }

  /** R's unif_rand: MT output forced into (0, 1). */
  unif(): number {
    const value = this.genrand();
    const i2_32m1 = 2.328306437080797e-10;
    if (value <= 0) return 0.5 * i2_32m1;
    if (1 - value <= 0) return 1 - 0.5 * i2_32m1;
    return value;
  }

  /** R's norm_rand with normal.kind = "Inversion". */
  norm(): number {
    const BIG = 134217728;
    let u = this.unif();
    u = Math.trunc(BIG * u) + this.unif();
    return qnorm(u / BIG);
  }
}

/** R's qnorm (Wichura 1988, AS 241 PPND16) for the standard normal; coefficients as doubles. */
function qnorm(p: number): number {
  const q = p - 0.5;
  if (Math.abs(q) <= 0.425) {
    const r = 0.180625 - q * q;
    return (
      (q *
        (((((((r * 2509.0809287301227 + 33430.57558358813) * r + 67265.7709270087) * r + 45921.95393154987) *
          r +
          13731.69376550946) *
          r +
          1971.5909503065513) *
          r +
          133.14166789178438) *
          r +
          3.3871328727963665)) /
      (((((((r * 5226.495278852546 + 28729.085735721943) * r + 39307.89580009271) * r + 21213.794301586597) *
        r +
        5394.196021424751) *
        r +
        687.1870074920579) *
        r +
        42.31333070160091) *
        r +
        1)
    );
  }
  let r = q < 0 ? p : 1 - p;
  r = Math.sqrt(-Math.log(r));
  let value: number;
  if (r <= 5) {
    r -= 1.6;
    value =
      (((((((r * 0.0007745450142783414 + 0.022723844989269184) * r + 0.2417807251774506) * r +
        1.2704582524523684) *
        r +
        3.6478483247632045) *
        r +
        5.769497221460691) *
        r +
        4.630337846156546) *
        r +
        1.4234371107496835) /
      (((((((r * 1.0507500716444169e-9 + 0.0005475938084995345) * r + 0.015198666563616457) * r +
        0.14810397642748008) *
        r +
        0.6897673349851) *
        r +
        1.6763848301838038) *
        r +
        2.053191626637759) *
        r +
        1);
  } else {
    r -= 5;
    value =
      (((((((r * 2.0103343992922881e-7 + 0.000027115555687434876) * r + 0.0012426609473880784) * r +
        0.026532189526576124) *
        r +
        0.29656057182850487) *
        r +
        1.7848265399172913) *
        r +
        5.463784911164114) *
        r +
        6.657904643501103) /
      (((((((r * 2.0442631033899397e-15 + 1.421511758316446e-7) * r + 0.000018463183175100548) * r +
        0.0007868691311456133) *
        r +
        0.014875361290850615) *
        r +
        0.1369298809227358) *
        r +
        0.599832206555888) *
        r +
        1);
  }
  return q < 0 ? -value : value;
}

describe("R's generator, as replayed here", () => {
  it("set.seed(42); runif(1) is 0.914806043496355 and set.seed(123); runif(3) is 0.2875775 0.7883051 0.4089769", () => {
    expect(new RRandom(42).unif()).toBeCloseTo(0.914806043496355, 14);
    const r = new RRandom(123);
    expect([r.unif(), r.unif(), r.unif()].map((v) => v.toFixed(7))).toEqual([
      "0.2875775",
      "0.7883051",
      "0.4089769",
    ]);
  });

  it("set.seed(123); rnorm(3) is -0.56047565 -0.23017749 1.55870831 and qnorm(0.975) is 1.959963984540054", () => {
    const r = new RRandom(123);
    expect([r.norm(), r.norm(), r.norm()].map((v) => v.toFixed(8))).toEqual([
      "-0.56047565",
      "-0.23017749",
      "1.55870831",
    ]);
    expect(qnorm(0.975)).toBeCloseTo(1.959963984540054, 14);
    expect(qnorm(1e-10)).toBeCloseTo(-6.361340902404056, 12);
  });
});

describe("qicharts2 vignette: I chart of a simulated 2-SD shift (set.seed(19))", () => {
  const r = new RRandom(19);
  const y = Array.from({ length: 24 }, () => r.norm());
  y[21] = 4;
  for (let i = 12; i < 24; i++) y[i] = 2 + r.norm();
  const { summary } = qic({
    args: { x: "y", chart: "i" },
    options: { "qic.screenedmr": true },
    input: { columns: { y } },
  });
  const s = summary[0]!;

  it("finds the published runs analysis: longest run 13 (max 8), 4 crossings (min 8), a runs signal", () => {
    expect(s).toMatchObject({
      "n.obs": 24,
      "n.useful": 24,
      "longest.run": 13,
      "longest.run.max": 8,
      "n.crossings": 4,
      "n.crossings.min": 8,
      "runs.signal": 1,
      "sigma.signal": 0,
    });
  });

  it("finds the published limits: aLCL -2.114884, aLCL.95 -1.057559, CL 1.057091, aUCL.95 3.171742, aUCL 4.229067", () => {
    expect(s.aLCL).toBeCloseTo(-2.114884, 6);
    expect(s["aLCL.95"]).toBeCloseTo(-1.057559, 6);
    expect(s.CL).toBeCloseTo(1.057091, 6);
    expect(s["aUCL.95"]).toBeCloseTo(3.171742, 6);
    expect(s.aUCL).toBeCloseTo(4.229067, 6);
  });
});
