import { describe, it, expect } from 'vitest';
import { Decimal } from 'decimal.js';
import {
  executionRate,
  executionScore,
  indicatorScore,
  parseQuantity,
  percentText,
  printedRate,
  printedScore,
  rateValue,
  scoreValue,
} from '../src/calculate/forms/scoring.js';

const D = (s: string) => new Decimal(s);

describe('执行率 B/A', () => {
  it('is exact, and prints to one decimal, half up, trailing zeros dropped', () => {
    expect(executionRate(D('10.5'), D('10.4'))!.toFixed(4)).toBe('99.0476');
    expect(percentText(executionRate(D('10.5'), D('10.4'))!)).toBe('99%');
    expect(percentText(executionRate(D('19.8'), D('19.25'))!)).toBe('97.2%');
    expect(percentText(executionRate(D('2054.98'), D('11314.64'))!)).toBe('550.6%');
    expect(percentText(executionRate(D('4602'), D('4602'))!)).toBe('100%');
  });

  it('rounds half up at the printed precision (never through a float)', () => {
    expect(printedRate(D('99.05')).toString()).toBe('99.1');
    expect(printedRate(D('99.04999')).toString()).toBe('99');
    // 0.1 + 0.2 style float noise cannot enter: 1.005 × 100 is exactly 100.5
    expect(printedRate(executionRate(D('200'), D('201.01'))!).toString()).toBe('100.5');
  });

  it('has no value for a zero or blank budget', () => {
    expect(executionRate(D('0'), D('5'))).toBeUndefined();
    expect(executionRate(undefined, D('5'))).toBeUndefined();
    expect(executionRate(D('5'), undefined)!.toString()).toBe('0');
  });
});

describe('预算执行得分 = min(权重, 权重 × 执行率)', () => {
  it('is weight × B/A below full execution', () => {
    const s = executionScore(20, D('19.8'), D('19.25'))!;
    expect(s.score.toFixed(2)).toBe('19.44');
    expect(s.capped).toBe(false);
    expect(printedScore(s.score).toString()).toBe('19');
    expect(printedScore(executionScore(20, D('10.5'), D('10.4'))!.score).toString()).toBe('20'); // 19.81
  });

  it('is capped at the weight when 执行率 > 100%', () => {
    const s = executionScore(20, D('2054.98'), D('11314.64'))!;
    expect(s.capped).toBe(true);
    expect(s.raw.toFixed(2)).toBe('110.12');
    expect(s.score.toString()).toBe('20');
  });

  it('takes the weight from the form (10-point MoF variant)', () => {
    expect(executionScore(10, D('100'), D('95'))!.score.toString()).toBe('9.5');
  });

  it('is not defined for a zero budget', () => {
    expect(executionScore(20, D('0'), D('0'))).toBeUndefined();
    expect(executionScore(20, D('0'), D('3'))).toBeUndefined();
  });

  it('is zero for nothing executed', () => {
    expect(executionScore(20, D('10'), D('0'))!.score.toString()).toBe('0');
  });
});

describe('定量指标 (备注2)', () => {
  it('reads targets and completions as the forms write them', () => {
    expect(parseQuantity('≥10000套')).toMatchObject({ direction: 'forward', text: '≥10000套' });
    expect(parseQuantity('≥10000套').value!.toString()).toBe('10000');
    expect(parseQuantity('≤8秒')).toMatchObject({ direction: 'reverse' });
    expect(parseQuantity('12350余起').value!.toString()).toBe('12350');
    expect(parseQuantity('125.42万平方米').value!.toString()).toBe('125.42');
    expect(parseQuantity('约2000人/次').direction).toBeUndefined();
    expect(parseQuantity('达标').value).toBeUndefined();
    expect(parseQuantity(undefined).text).toBe('');
  });

  it('正向指标 (≥X): 权重 × B/A', () => {
    expect(indicatorScore(10, '≥300次', '270次')!.score.toString()).toBe('9');
    expect(indicatorScore(10, '≥35000起', '27969起')!.score.toFixed(4)).toBe('7.9911');
  });

  it('反向指标 (≤X): 权重 × A/B', () => {
    expect(indicatorScore(10, '≤8秒', '10秒')!.score.toString()).toBe('8');
    expect(indicatorScore(5, '≤100万元', '125万元')!.score.toString()).toBe('4');
  });

  it('never above the weight', () => {
    const f = indicatorScore(10, '≥10000套', '12569套')!;
    expect(f.capped).toBe(true);
    expect(f.raw.toFixed(3)).toBe('12.569');
    expect(f.score.toString()).toBe('10');
    const r = indicatorScore(10, '≤8秒', '4秒')!;
    expect(r.capped).toBe(true);
    expect(r.score.toString()).toBe('10');
  });

  it('zero targets and completions', () => {
    expect(indicatorScore(10, '≥0', '0')!.score.toString()).toBe('10');
    expect(indicatorScore(10, '≤0起', '0起')!.score.toString()).toBe('10');
    expect(indicatorScore(10, '≤0起', '2起')!.score.toString()).toBe('0');
    expect(indicatorScore(10, '≥5栋', '0栋')!.score.toString()).toBe('0');
  });

  it('does not apply to qualitative or undirected targets', () => {
    expect(indicatorScore(10, '达标', '达标')).toBeUndefined();
    expect(indicatorScore(10, '100%', '100%')).toBeUndefined();
    expect(indicatorScore(10, '≤预算安排数', '100%')).toBeUndefined();
    expect(indicatorScore(10, '≥80%', '满意')).toBeUndefined();
  });
});

describe('printed cells', () => {
  it('scores: "10", "39分", blank', () => {
    expect(scoreValue('10')!.toString()).toBe('10');
    expect(scoreValue('39分')!.toString()).toBe('39');
    expect(scoreValue(undefined)).toBeUndefined();
    expect(scoreValue('满分')).toBeUndefined();
  });

  it('rates: with and without the % sign', () => {
    expect(rateValue('99.1%')).toEqual({ value: D('99.1'), percentSign: true });
    expect(rateValue('100')).toEqual({ value: D('100'), percentSign: false });
    expect(rateValue('约100%')).toBeUndefined();
  });
});
