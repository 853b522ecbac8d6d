import type { ChartType } from "../../core/chart-frame.type.js";
import type { PeriodGranularity } from "../time/calendar.js";
import type { Instant } from "../time/instant.js";

/** The chart an indicator is plotted on: a qicharts2 chart type, or a funnel plot for risk-adjusted ratios. */
export type IndicatorChart = ChartType | "funnel";

/**
 * One unit of an indicator's denominator (an observation set, an interval, a trigger episode, a spell, a
 * death): the evidence behind every chart point, so each point can be explained record by record.
 */
export interface IndicatorRecord {
  readonly id: string;
  /** The instant that decides the record's period (the trigger, the set, the discharge). */
  readonly atMs: number;
  readonly wardName: string;
  readonly inNumerator: boolean;
  /** A per-record measurement when the indicator has one (minutes to review, minutes to antibiotics). */
  readonly value?: number | null;
}

/** Numerator and denominator of one period, for one ward or (wardName `null`) the whole hospital. */
export interface IndicatorPoint {
  /** `YYYY-MM-DD` of the period's first day in the reporting time zone. */
  readonly period: string;
  readonly wardName: string | null;
  readonly numerator: number;
  readonly denominator: number;
  /** numerator / denominator as a proportion (0–1); `null` when the denominator is 0. */
  readonly value: number | null;
  readonly numeratorIds: readonly string[];
  readonly denominatorIds: readonly string[];
  /** Median of the records' `value`s, for indicators that carry one (D7 minutes); otherwise `null`. */
  readonly median: number | null;
  /** Sum of the records' `value`s (expected deaths when values are predicted risks); 0 without values. */
  readonly valueSum: number;
}

/** A computed indicator: points per period for the hospital and per ward, and the records behind them. */
export interface IndicatorSeries {
  readonly indicatorId: string;
  readonly chart: IndicatorChart;
  readonly granularity: PeriodGranularity;
  readonly timeZone: string;
  /** Whole hospital, one point per period from the first to the last (empty periods included). */
  readonly overall: readonly IndicatorPoint[];
  /** One point per ward and period over the same span, ordered by ward then period. */
  readonly byWard: readonly IndicatorPoint[];
  readonly records: readonly IndicatorRecord[];
}

/** Reporting options every indicator accepts. */
export interface PeriodOptions {
  /** Default `"month"`. */
  readonly granularity?: PeriodGranularity;
  /** IANA time zone in which periods are cut. Default `"Europe/London"`. */
  readonly timeZone?: string;
  /** Only records at or after this instant. The first period is the one containing it. */
  readonly from?: Instant;
  /** Only records before this instant. */
  readonly to?: Instant;
}
