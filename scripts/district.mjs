#!/usr/bin/env node
// npm run district -- --count N --seed S -o DIR [--plant-errors] [--profile NAME]
//
// Writes a made-up district of N departments that check clean: DIR/<id>.yaml each, the shipped
// catalogs in DIR/catalog/ (so DIR is a data folder: `juesuan batch DIR` finds them), and with
// --plant-errors DIR/planted.json, the {department, file, rule, what} of every error planted;
// --profile NAME makes every department of that form set (a real district has one), else both.
// Same count and seed → same bytes. The departments differ where a real district's do: size
// (3 to 150 rows in the 类/款/项 tables), 政府性基金 and 国有资本经营 funds or none, 三公 all
// zero, carry-overs, one or several units, short or long narratives, both form sets
// (hubei-wuhan-2023 and shanghai-2024). Every amount is built from its parts with decimal.js, so
// every 勾稽 relation holds exactly.
import { copyFileSync, mkdirSync, readFileSync, writeFileSync, renameSync, existsSync, statSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import Decimal from 'decimal.js';
import { parse as parseYaml } from 'yaml';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

// ------------------------------------------------------------------ randomness

/** mulberry32: small, seedable, the same numbers on every platform. */
function makeRng(seed) {
  let a = seedNumber(seed) >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (lo, hi) => lo + Math.floor(next() * (hi - lo + 1));
  return {
    next,
    int,
    chance: (p) => next() < p,
    pick: (xs) => xs[Math.floor(next() * xs.length)],
    shuffle: (xs) => {
      const out = [...xs];
      for (let i = out.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        [out[i], out[j]] = [out[j], out[i]];
      }
      return out;
    },
  };
}

function seedNumber(seed) {
  const s = String(seed);
  if (/^\d+$/.test(s)) return Number(BigInt(s) % 4294967296n);
  let h = 2166136261;
  for (const ch of s) h = Math.imul(h ^ ch.codePointAt(0), 16777619);
  return h >>> 0;
}

// ------------------------------------------------------------------ money (cents as integers, sums in decimal.js)

const D = (cents) => new Decimal(cents).div(100);
const sum = (xs) => xs.reduce((a, b) => a.plus(b), new Decimal(0));
/** An amount the emitter writes bare with two decimals. */
class Amount {
  constructor(dec) {
    this.dec = dec;
  }
  toString() {
    return this.dec.toFixed(2);
  }
}
const amt = (dec) => new Amount(dec);

/** `total` cents split into `k` positive parts by random weights (total ≥ k). */
function split(rng, total, k) {
  if (k <= 1) return [total];
  const w = Array.from({ length: k }, () => 1 + rng.next() * 4);
  const ws = w.reduce((a, b) => a + b, 0);
  const parts = w.map((x) => Math.max(1, Math.floor(((total - k) * x) / ws) + 1));
  let diff = total - parts.reduce((a, b) => a + b, 0);
  for (let i = 0; diff !== 0; i = (i + 1) % k) {
    if (diff > 0) {
      parts[i] += 1;
      diff -= 1;
    } else if (parts[i] > 1) {
      parts[i] -= 1;
      diff += 1;
    }
  }
  return parts;
}

// ------------------------------------------------------------------ catalogs and form sets

const YEAR = { 'hubei-wuhan-2023': 2023, 'shanghai-2024': 2024 };

function readCatalogCodes(year) {
  const file = join(ROOT, 'data/catalog', `${year}.yaml`);
  const text = readFileSync(file, 'utf8');
  const doc = parseYaml(text);
  // 款 of the 政府性基金 and 国有资本经营 budgets are marked in the catalog's comments.
  const fundKuan = new Set();
  for (const m of text.matchAll(/^\s*"(\d{5})":.*#\s*(政府性基金|国有资本经营预算)/gm)) fundKuan.add(m[1]);
  return { functional: doc.functional, economic: doc.economic, fundKuan };
}

let catalogCache;
function catalogs() {
  if (catalogCache) return catalogCache;
  const c23 = readCatalogCodes(2023);
  const c24 = readCatalogCodes(2024);
  // The 类 both form sets print in their 总表 (Shanghai's 24 lack 231 and 232).
  const classes = ['201', '203', '204', '205', '206', '207', '208', '210', '211', '212', '213', '214', '215', '216', '217', '219', '220', '221', '222', '224'];
  const xiang = Object.keys(c23.functional)
    .filter((c) => c.length === 7 && c24.functional[c] === c23.functional[c])
    .filter((c) => classes.includes(c.slice(0, 3)) && !c23.fundKuan.has(c.slice(0, 5)) && !c24.fundKuan.has(c.slice(0, 5)))
    .filter((c) => c23.functional[c.slice(0, 5)] && c24.functional[c.slice(0, 5)])
    .sort();
  catalogCache = { 2023: c23, 2024: c24, xiang, name: (code) => c23.functional[code] ?? c24.functional[code] };
  return catalogCache;
}

const BASIC_NAME = /行政运行|机关服务|事业运行|养老保险缴费|职业年金|医疗|住房公积金|提租补贴|购房补贴/;
const STANDARD_XIANG = ['2080505', '2080506', '2101101', '2101103', '2210201'];
// Government fund and state capital spending: 款 of their own.
const FUND_XIANG = ['2120801', '2120803', '2120899', '2296002', '2296099'];
const CAPITAL_KUAN = ['22301', '22302'];
// 经济分类 款 that both form sets print, by 类 (30212, 30217, 30231, 31013 stay out: the 三公 caps them).
const ECON = {
  301: ['30101', '30102', '30103', '30107', '30108', '30109', '30110', '30112', '30113', '30199'],
  303: ['30302', '30305', '30309'],
  302: ['30201', '30202', '30205', '30206', '30207', '30211', '30213', '30215', '30216', '30226', '30228', '30229', '30239', '30299'],
  310: ['31002', '31007'],
};

// ------------------------------------------------------------------ words

const DISTRICT = { 'hubei-wuhan-2023': { city: '武汉市', district: '示范区' }, 'shanghai-2024': { city: '上海市', district: '浦江区' } };
const BUREAUS = [
  ['教育局', '教育'], ['卫生健康委员会', '卫生健康'], ['民政局', '民政'], ['司法局', '司法行政'], ['财政局', '财政管理'],
  ['人力资源和社会保障局', '人力资源和社会保障'], ['城市管理执法局', '城市管理'], ['文化和旅游局', '文化旅游'], ['水务和湖泊局', '水务'],
  ['商务局', '商务'], ['统计局', '统计'], ['审计局', '审计'], ['退役军人事务局', '退役军人服务'], ['应急管理局', '应急管理'],
  ['市场监督管理局', '市场监管'], ['医疗保障局', '医疗保障'], ['园林和林业局', '园林绿化'], ['科学技术和经济信息化局', '科技创新'],
  ['住房保障和房屋管理局', '住房保障'], ['农业农村局', '农业农村'], ['体育局', '全民健身'], ['档案馆', '档案管理'],
  ['机关事务服务中心', '机关事务'], ['信访局', '信访'], ['生态环境分局', '生态环境保护'], ['发展和改革局', '发展改革'],
  ['交通运输局', '交通运输'], ['数据局', '数据管理'], ['地方金融工作局', '地方金融'], ['粮食和物资储备局', '粮食物资储备'],
];
const STREETS = '东西南北江湖山河花桥塘湾林园新安平和丰华兴荣福康宁泰明光';
const DUTY_VERBS = ['贯彻执行', '组织实施', '统筹协调', '监督管理', '指导推进', '研究拟订'];
const DUTY_OBJECTS = ['相关法律法规和政策', '年度工作计划', '行业发展规划', '专项资金的使用', '基层服务体系建设', '信息化建设和数据共享', '安全生产和应急保障', '队伍建设和教育培训'];
const REASONS = ['年中追加专项经费', '人员经费按规定调整', '严格执行过“紧日子”要求，压减一般性支出', '部分项目按进度结转下年', '新增重点工作任务', '上年一次性项目本年不再安排'];
const PURPOSES = ['保障机构正常运转的人员经费和日常公用经费', '按规定为职工缴纳的社会保险费', '开展专项业务工作的经费', '基层服务和设施运行维护'];

const CN_ORDINAL = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二', '十三', '十四', '十五', '十六', '十七', '十八', '十九', '二十'];
const ordinal = (i) => CN_ORDINAL[i] ?? String(i + 1);

const UNIT_SUFFIXES = ['服务中心', '事务中心', '执法大队', '保障中心', '监测站', '指导站'];

function longSentence(rng, topic, n) {
  const parts = [];
  for (let i = 0; i < n; i++) parts.push(`${rng.pick(DUTY_VERBS)}${topic}领域${rng.pick(DUTY_OBJECTS)}`);
  return `${parts.join('，')}。`;
}

// ------------------------------------------------------------------ one department's money

/**
 * Picks the department's 项 so that its 支出决算表 has `rows` rows (类 + 款 + 项), funds among them.
 * Returns leaves: {code, gbB, gbP, nfB, nfP, gfP, scP} in cents.
 */
function pickLeaves(rng, rows, opts) {
  const { xiang } = catalogs();
  const byKuan = new Map();
  for (const c of xiang) {
    const k = c.slice(0, 5);
    if (!byKuan.has(k)) byKuan.set(k, []);
    byKuan.get(k).push(c);
  }
  const chosen = new Set();
  const rowCount = () => {
    const s = new Set();
    for (const c of chosen) s.add(c.slice(0, 3)).add(c.slice(0, 5)).add(c);
    return s.size;
  };
  const add = (c) => chosen.add(c);
  // The smallest department: one 行政运行 (类, 款, 项: three rows).
  add('2010301');
  if (rows >= 12) for (const c of STANDARD_XIANG) if (rowCount() + 3 <= rows || chosen.has(c.slice(0, 5))) add(c);
  const kuans = rng.shuffle([...byKuan.keys()]);
  let guard = 0;
  while (rowCount() < rows && guard++ < 10_000) {
    const left = rows - rowCount();
    const open = [...new Set([...chosen].map((c) => c.slice(0, 5)))].filter((k) => byKuan.get(k)?.some((c) => !chosen.has(c)));
    if (left >= 3 && (rng.chance(0.35) || open.length === 0)) {
      const k = kuans.find((k) => ![...chosen].some((c) => c.slice(0, 3) === k.slice(0, 3)));
      if (k) {
        add(rng.pick(byKuan.get(k)));
        continue;
      }
    }
    if (left >= 2 && rng.chance(0.4)) {
      const classes = new Set([...chosen].map((c) => c.slice(0, 3)));
      const k = kuans.find((k) => classes.has(k.slice(0, 3)) && ![...chosen].some((c) => c.startsWith(k)));
      if (k) {
        add(rng.pick(byKuan.get(k)));
        continue;
      }
    }
    if (open.length) {
      const k = rng.pick(open);
      add(rng.pick(byKuan.get(k).filter((c) => !chosen.has(c))));
      continue;
    }
    if (left >= 2) {
      const classes = new Set([...chosen].map((c) => c.slice(0, 3)));
      const k = kuans.find((k) => classes.has(k.slice(0, 3)) && ![...chosen].some((c) => c.startsWith(k)));
      if (k) add(rng.pick(byKuan.get(k)));
    }
  }
  const { name } = catalogs();
  const leaves = [...chosen].sort().map((code) => {
    const basicLike = BASIC_NAME.test(name(code));
    const scale = rng.pick([2_000, 10_000, 50_000, 200_000, 1_000_000]);
    const gbB = basicLike ? rng.int(scale / 2, scale * 3) : rng.chance(0.2) ? rng.int(scale / 4, scale) : 0;
    const gbP = basicLike ? (rng.chance(0.25) ? rng.int(scale / 4, scale) : 0) : rng.int(scale / 2, scale * 4);
    return { code, gbB, gbP, nfB: 0, nfP: 0, gfP: 0, scP: 0 };
  });
  // 行政运行 always carries some 基本支出, so 公开06 has something to detail.
  if (leaves[0].gbB < 50_000) leaves[0].gbB += rng.int(50_000, 500_000);
  if (opts.nonFiscal) {
    for (const l of rng.shuffle(leaves).slice(0, Math.max(1, Math.ceil(leaves.length / 4)))) {
      if (rng.chance(0.5)) l.nfB = rng.int(1_000, 80_000);
      else l.nfP = rng.int(1_000, 80_000);
    }
  }
  if (opts.governmentFund) {
    for (const code of rng.shuffle(FUND_XIANG).slice(0, rng.int(1, 3))) leaves.push({ code, gbB: 0, gbP: 0, nfB: 0, nfP: 0, gfP: rng.int(10_000, 3_000_000), scP: 0 });
  }
  if (opts.stateCapital) leaves.push({ code: rng.pick(CAPITAL_KUAN), gbB: 0, gbP: 0, nfB: 0, nfP: 0, gfP: 0, scP: rng.int(10_000, 1_000_000) });
  leaves.sort((a, b) => (a.code < b.code ? -1 : 1));
  return leaves;
}

/** Class-table rows (类, 款, 项 in text order) from leaves, each column summed from the leaves. */
function rollUp(leaves, columns) {
  const rows = new Map();
  const addTo = (code, leaf) => {
    if (!rows.has(code)) rows.set(code, Object.fromEntries(Object.keys(columns).map((k) => [k, new Decimal(0)])));
    const r = rows.get(code);
    for (const [k, f] of Object.entries(columns)) r[k] = r[k].plus(f(leaf));
  };
  for (const l of leaves) {
    const any = Object.values(columns).some((f) => !f(l).isZero());
    if (!any) continue;
    addTo(l.code.slice(0, 3), l);
    addTo(l.code.slice(0, 5), l);
    if (l.code.length === 7) addTo(l.code, l);
  }
  const total = Object.fromEntries(Object.keys(columns).map((k) => [k, sum(leaves.map(columns[k]))]));
  const list = [...rows.keys()].sort().map((code) => ({ code, ...rows.get(code) }));
  return { rows: list, total };
}

const rowOut = (r, keys) => {
  const o = { code: r.code };
  for (const k of keys) if (!r[k].isZero()) o[k] = amt(r[k]);
  return o;
};
const totalOut = (t, keys) => {
  const o = {};
  for (const k of keys) if (!t[k].isZero()) o[k] = amt(t[k]);
  return o;
};

// ------------------------------------------------------------------ one department

function department(rng, index, profile, rows, traits) {
  const year = YEAR[profile];
  const wuhan = profile === 'hubei-wuhan-2023';
  const { city, district } = DISTRICT[profile];
  const [bureau, topic] = index < BUREAUS.length ? BUREAUS[index] : [`${STREETS[index % STREETS.length]}${STREETS[Math.floor(index / STREETS.length) % STREETS.length]}街道办事处`, '基层治理'];
  const shortName = `${district}${bureau}${index >= BUREAUS.length * STREETS.length ? index : ''}`;
  const name = `${city}${shortName}`;
  const id = `${wuhan ? 'wh' : 'sh'}-${String(index + 1).padStart(3, '0')}`;

  const extra = (traits.governmentFund ? 6 : 0) + (traits.stateCapital ? 2 : 0);
  const leaves = pickLeaves(rng, Math.max(3, rows - extra), traits);
  const c = (l, k) => D(l[k]);

  // Carry-overs (cents): 年初 and 年末 of 一般公共预算, 政府性基金 and the non-fiscal funds.
  const gbSpend = leaves.reduce((a, l) => a + l.gbB + l.gbP, 0);
  const carry = traits.carryOver ? { ogb: rng.int(0, Math.floor(gbSpend / 20)), cgb: rng.int(0, Math.floor(gbSpend / 20)) } : { ogb: 0, cgb: 0 };
  const gfSpend = leaves.reduce((a, l) => a + l.gfP, 0);
  const gfCarry = traits.governmentFund && traits.carryOver ? { o: rng.int(0, Math.floor(gfSpend / 5)), c: rng.int(0, Math.floor(gfSpend / 5)) } : { o: 0, c: 0 };
  const nfSpend = leaves.reduce((a, l) => a + l.nfB + l.nfP, 0);
  const nfCarry = traits.nonFiscal && traits.carryOver ? { o: rng.int(0, Math.floor(nfSpend / 3)), c: rng.int(0, Math.floor(nfSpend / 3)) } : { o: 0, c: 0 };

  // Income by code: what was spent there, the carry-over's change on the first code of each fund.
  const inc = new Map(leaves.map((l) => [l.code, { fiscal: l.gbB + l.gbP + l.gfP + l.scP, business: 0, other: 0 }]));
  const firstGb = leaves.find((l) => l.gbB + l.gbP > 0);
  inc.get(firstGb.code).fiscal += carry.cgb - carry.ogb;
  if (inc.get(firstGb.code).fiscal < 0) {
    carry.cgb = carry.ogb; // never a negative income
    inc.get(firstGb.code).fiscal = firstGb.gbB + firstGb.gbP + firstGb.gfP + firstGb.scP;
  }
  const firstGf = leaves.find((l) => l.gfP > 0);
  if (firstGf) {
    if (firstGf.gfP + gfCarry.c - gfCarry.o < 0) gfCarry.c = gfCarry.o; // never a negative income
    inc.get(firstGf.code).fiscal += gfCarry.c - gfCarry.o;
  }
  const nfLeaves = leaves.filter((l) => l.nfB + l.nfP > 0);
  if (nfLeaves.length) {
    const hasOther = traits.otherIncome;
    nfLeaves.forEach((l, i) => {
      let v = l.nfB + l.nfP + (i === 0 ? nfCarry.c - nfCarry.o : 0);
      if (v < 0) {
        nfCarry.c = nfCarry.o;
        v = l.nfB + l.nfP;
      }
      const otherShare = hasOther && i === nfLeaves.length - 1;
      if (otherShare && nfLeaves.length > 1) inc.get(l.code).other += v;
      else if (otherShare) {
        const o = Math.floor(v / 3);
        inc.get(l.code).other += o;
        inc.get(l.code).business += v - o;
      } else inc.get(l.code).business += v;
    });
  }
  for (const l of leaves) Object.assign(l, { iF: inc.get(l.code).fiscal, iB: inc.get(l.code).business, iO: inc.get(l.code).other });
  const gfIncome = leaves.filter((l) => l.gfP > 0).reduce((a, l) => a + l.iF, 0);
  const scIncome = leaves.reduce((a, l) => a + l.scP, 0);

  const income = rollUp(leaves, {
    total: (l) => D(l.iF + l.iB + l.iO),
    fiscal: (l) => D(l.iF),
    business: (l) => D(l.iB),
    other: (l) => D(l.iO),
  });
  const expenditure = rollUp(leaves, {
    total: (l) => D(l.gbB + l.gbP + l.nfB + l.nfP + l.gfP + l.scP),
    basic: (l) => D(l.gbB + l.nfB),
    project: (l) => D(l.gbP + l.nfP + l.gfP + l.scP),
  });
  const generalBudget = rollUp(leaves, { total: (l) => D(l.gbB + l.gbP), basic: (l) => c(l, 'gbB'), project: (l) => c(l, 'gbP') });
  const gfLeaves = leaves.filter((l) => l.gfP > 0);
  const government = rollUp(gfLeaves, {
    opening: (l) => (l === firstGf ? D(gfCarry.o) : new Decimal(0)),
    income: (l) => D(l.iF),
    total: (l) => c(l, 'gfP'),
    project: (l) => c(l, 'gfP'),
    closing: (l) => (l === firstGf ? D(gfCarry.c) : new Decimal(0)),
  });
  const capital = rollUp(
    leaves.filter((l) => l.scP > 0),
    wuhan ? { total: (l) => c(l, 'scP'), project: (l) => c(l, 'scP') } : { income: (l) => c(l, 'scP'), total: (l) => c(l, 'scP'), project: (l) => c(l, 'scP') },
  );

  const GB = generalBudget.total.total;
  const gbIncome = D(leaves.reduce((a, l) => a + l.iF, 0)).minus(D(gfIncome)).minus(D(scIncome));
  const business = income.total.business;
  const other = income.total.other;
  const incomeTotal = income.total.total;
  const opening = D(carry.ogb + gfCarry.o + nfCarry.o);
  const closing = D(carry.cgb + gfCarry.c + nfCarry.c);
  const classRows = expenditure.rows.filter((r) => r.code.length === 3);

  // 公开06: 基本支出 of 一般公共预算 = 人员经费 (301 + 303) + 公用经费 (302 + 310).
  const basicCents = leaves.reduce((a, l) => a + l.gbB, 0);
  const publicCents = Math.max(4, Math.floor(basicCents * (0.12 + rng.next() * 0.15)));
  const personnelCents = basicCents - publicCents;
  const p303 = Math.max(1, Math.floor(personnelCents * 0.05));
  const pub310 = traits.unitCount > 1 ? Math.max(1, Math.floor(publicCents * 0.1)) : 0;
  const detail = [];
  const group = (cls, cents) => {
    if (cents <= 0) return;
    const codes = rng.shuffle(ECON[cls]).slice(0, Math.min(ECON[cls].length, Math.max(1, Math.min(cents, rng.int(2, ECON[cls].length)))));
    codes.sort();
    const parts = split(rng, cents, codes.length);
    detail.push({ code: cls, amount: amt(D(cents)) });
    codes.forEach((k, i) => detail.push({ code: k, amount: amt(D(parts[i])) }));
  };
  group('301', personnelCents - p303);
  group('303', p303);
  group('302', publicCents - pub310);
  group('310', pub310);

  // 公开09 三公: all zero in some departments; 小计 always given.
  const tp = (zero) => {
    if (zero) return { total: 0, overseas: 0, sub: 0, purchase: 0, operation: 0, reception: 0 };
    const overseas = rng.chance(0.2) ? rng.int(100, 3_000) : 0;
    const purchase = rng.chance(0.3) ? rng.int(1_000, 3_600) * 10 : 0;
    const operation = rng.int(200, 9_000);
    const reception = rng.int(0, 800);
    return { total: overseas + purchase + operation + reception, overseas, sub: purchase + operation, purchase, operation, reception };
  };
  const tpBudget = tp(traits.zeroThreePublic);
  const tpActual = traits.zeroThreePublic
    ? tpBudget
    : (() => {
        const f = (v) => Math.floor(v * (0.92 + rng.next() * 0.08));
        const a = { overseas: f(tpBudget.overseas), purchase: f(tpBudget.purchase), operation: f(tpBudget.operation), reception: f(tpBudget.reception) };
        return { ...a, sub: a.purchase + a.operation, total: a.overseas + a.purchase + a.operation + a.reception };
      })();
  const tpOut = (t) => ({
    total: amt(D(t.total)),
    overseas: amt(D(t.overseas)),
    vehicle_subtotal: amt(D(t.sub)),
    vehicle_purchase: amt(D(t.purchase)),
    vehicle_operation: amt(D(t.operation)),
    reception: amt(D(t.reception)),
  });

  const fiscalCols = (r) => ({ total: r.gb.plus(r.gf).plus(r.sc), general_budget: r.gb, government_fund: r.gf, state_capital: r.sc });
  const fsRows = [...new Set(leaves.filter((l) => l.gbB + l.gbP + l.gfP + l.scP > 0).map((l) => l.code.slice(0, 3)))].sort().map((code) => {
    const ls = leaves.filter((l) => l.code.startsWith(code));
    const cols = fiscalCols({ gb: D(ls.reduce((a, l) => a + l.gbB + l.gbP, 0)), gf: D(ls.reduce((a, l) => a + l.gfP, 0)), sc: D(ls.reduce((a, l) => a + l.scP, 0)) });
    return { code, ...Object.fromEntries(Object.entries(cols).filter(([, v]) => !v.isZero()).map(([k, v]) => [k, amt(v)])) };
  });
  const fsSpend = fiscalCols({ gb: GB, gf: D(gfSpend), sc: D(scIncome) });
  const fsClose = { total: D(carry.cgb + gfCarry.c), general_budget: D(carry.cgb), government_fund: D(gfCarry.c) };
  const fsIncomeTotal = gbIncome.plus(D(gfIncome)).plus(D(scIncome));
  const pick = (o) => Object.fromEntries(Object.entries(o).filter(([, v]) => !v.isZero()).map(([k, v]) => [k, amt(v)]));

  const tables = {
    summary: {
      income: pick({ general_budget: gbIncome, government_fund: D(gfIncome), state_capital: D(scIncome), business, other }),
      income_total: amt(incomeTotal),
      ...(opening.isZero() ? {} : { opening_balance: amt(opening) }),
      income_grand_total: amt(incomeTotal.plus(opening)),
      expenditure: Object.fromEntries(classRows.map((r) => [r.code, amt(r.total)])),
      expenditure_total: amt(expenditure.total.total),
      ...(closing.isZero() ? {} : { closing_balance: amt(closing) }),
      expenditure_grand_total: amt(expenditure.total.total.plus(closing)),
    },
    income: { total: totalOut(income.total, ['total', 'fiscal', 'business', 'other']), rows: income.rows.map((r) => rowOut(r, ['total', 'fiscal', 'business', 'other'])) },
    expenditure: { total: totalOut(expenditure.total, ['total', 'basic', 'project']), rows: expenditure.rows.map((r) => rowOut(r, ['total', 'basic', 'project'])) },
    fiscal_summary: {
      income: pick({ general_budget: gbIncome, government_fund: D(gfIncome), state_capital: D(scIncome) }),
      income_total: amt(fsIncomeTotal),
      ...(carry.ogb + gfCarry.o ? { opening_balance: pick({ general_budget: D(carry.ogb), government_fund: D(gfCarry.o) }) } : {}),
      income_grand_total: amt(fsIncomeTotal.plus(D(carry.ogb + gfCarry.o))),
      expenditure: fsRows,
      expenditure_total: pick(fsSpend),
      ...(fsClose.total.isZero() ? {} : { closing_balance: pick(fsClose) }),
      expenditure_grand_total: pick({
        total: fsSpend.total.plus(fsClose.total),
        general_budget: fsSpend.general_budget.plus(fsClose.general_budget),
        government_fund: fsSpend.government_fund.plus(fsClose.government_fund),
        state_capital: fsSpend.state_capital,
      }),
    },
    general_budget: { total: totalOut(generalBudget.total, ['total', 'basic', 'project']), rows: generalBudget.rows.map((r) => rowOut(r, ['total', 'basic', 'project'])) },
    basic_detail: { rows: detail, personnel_total: amt(D(personnelCents)), public_total: amt(D(publicCents)) },
    government_fund: gfLeaves.length
      ? { total: totalOut(government.total, ['opening', 'income', 'total', 'project', 'closing']), rows: government.rows.map((r) => rowOut(r, ['opening', 'income', 'total', 'project', 'closing'])) }
      : { rows: [] },
    state_capital: capital.rows.length
      ? { total: totalOut(capital.total, wuhan ? ['total', 'project'] : ['income', 'total', 'project']), rows: capital.rows.map((r) => rowOut(r, wuhan ? ['total', 'project'] : ['income', 'total', 'project'])) }
      : { rows: [] },
    three_public: { budget: tpOut(tpBudget), actual: tpOut(tpActual) },
  };

  // ---------------------------------------------------------------- words around the tables
  // a unit one character from the department's name ("机关事务事务中心" beside "机关事务服务中心") is
  // what printed-department-name reports: the district would not check clean
  const own = bureau.startsWith(topic) ? bureau.slice(topic.length) : '';
  const suffixes = UNIT_SUFFIXES.filter((s) => !(s.length === own.length && [...s].filter((c, k) => c !== own[k]).length <= 1));
  const units = [`${name}（本级）`, ...Array.from({ length: traits.unitCount - 1 }, (_, i) => `${city}${district}${topic}${suffixes[i % suffixes.length]}${i >= suffixes.length ? i : ''}`)];
  const duties = Array.from({ length: traits.longNarrative ? rng.int(12, 24) : rng.int(2, 5) }, (_, i) => `（${ordinal(i)}）${longSentence(rng, topic, traits.longNarrative ? rng.int(4, 9) : rng.int(1, 2))}`);
  const lastYear = (dec) => amt(dec.times(0.85 + rng.next() * 0.3).toDecimalPlaces(2));
  const gbItems = generalBudget.rows.filter((r) => r.code.length === 7 && !r.total.isZero());
  const itemBudgets = gbItems.map((r) => (rng.chance(0.3) ? r.total : r.total.times(0.9 + rng.next() * 0.2).toDecimalPlaces(2)));
  const budgetTotal = sum(itemBudgets);
  const { name: catName } = catalogs();

  const three = (zero) => ({
    vehicles: zero ? 0 : rng.int(1, 30),
  });
  const veh = three(traits.zeroThreePublic).vehicles;
  const procurementTotal = [rng.int(0, 500_000), rng.int(0, 300_000), rng.int(0, 400_000)];

  const dep = {
    format: 1,
    ...(wuhan ? {} : { profile }),
    year,
    catalog: year,
    department: { id, name, short_name: shortName },
    cover: wuhan ? { title_lines: [`${year}年度${city}${district}`, `${bureau}部门决算`], date: `${year + 1}-0${rng.int(6, 9)}-${String(rng.int(10, 28))}` } : { title_lines: [name, `${year}年度部门决算`] },
    overview: wuhan
      ? {
          duties: { heading: '部门主要职能', blocks: duties },
          organization: {
            heading: '机构设置情况',
            blocks: [`从单位构成看，${name}部门决算由纳入独立核算的单位本级决算和${traits.unitCount - 1}个下属单位决算组成。`, `纳入${name}${year}年度部门决算编制范围的单位包括：`, ...units.map((u, i) => ({ line: `${i + 1}. ${u}` }))],
          },
        }
      : {
          duties: { blocks: duties },
          organization: {
            blocks: traits.unitCount > 1 ? [`从预算单位构成看，${name}部门决算包括：本级决算、下属单位决算。`, `纳入${name}${year}年度部门决算编制范围的单位包括：`] : [`${name}为区政府工作部门。`],
            units: units.map((u) => ({ name: u })),
          },
        },
    tables,
    explanation: wuhan
      ? {
          totals: { last_year: lastYear(incomeTotal.plus(opening)), reason: rng.pick(REASONS) },
          fiscal_totals: { last_year: lastYear(fsIncomeTotal), reason: rng.pick(REASONS) },
          general_budget: {
            last_year: lastYear(GB),
            reason: rng.pick(REASONS),
            budget: amt(budgetTotal),
            classes: generalBudget.rows
              .filter((r) => r.code.length === 3)
              .map((r) => {
                const b = sum(gbItems.filter((x) => x.code.startsWith(r.code)).map((x) => itemBudgets[gbItems.indexOf(x)]));
                return { code: r.code, purpose: `主要是用于${rng.pick(PURPOSES)}。`, budget: amt(b), reason: `主要原因是${rng.pick(REASONS)}。` };
              }),
            projects: gbItems.filter((r) => !r.project.isZero()).map((r) => ({ name: `${catName(r.code)}项目经费`, code: r.code })),
          },
          three_public: { budget_basis: '调整后预算', last_year: lastYear(D(tpActual.total)), reason: rng.pick(REASONS), vehicles: { held: veh, fiscal_held: veh } },
          admin_operation: { amount: amt(D(publicCents)), last_year: lastYear(D(publicCents)), reason: rng.pick(REASONS) },
          procurement: {
            total: amt(D(procurementTotal[0] + procurementTotal[1] + procurementTotal[2])),
            goods: amt(D(procurementTotal[0])),
            works: amt(D(procurementTotal[1])),
            services: amt(D(procurementTotal[2])),
            sme: amt(D(procurementTotal[0] + procurementTotal[2])),
            small_micro: amt(D(procurementTotal[2])),
          },
          assets: { vehicles: [{ label: '一般公务用车', count: veh }], vehicles_total: veh },
          performance: { conclusion: `从绩效评价情况来看，${name}资金使用基本合规。`, application: ['将自评结果作为编制下一年度预算的重要依据。'] },
        }
      : {
          totals: { last_year: lastYear(incomeTotal.plus(opening)), reason: rng.pick(REASONS) },
          fiscal_totals: { last_year: lastYear(fsIncomeTotal), reason: rng.pick(REASONS) },
          general_budget: {
            last_year: lastYear(GB),
            reason: rng.pick(REASONS),
            budget: amt(budgetTotal),
            ...(budgetTotal.equals(GB) ? {} : { budget_reason: rng.pick(REASONS) }),
            items: gbItems.map((r, i) => ({
              code: r.code,
              purpose: rng.pick(PURPOSES),
              budget: amt(itemBudgets[i]),
              ...(itemBudgets[i].equals(r.total) ? {} : { reason: rng.pick(REASONS) }),
            })),
          },
          three_public: {
            budget_basis: '年初预算',
            ...(tpActual.total < tpBudget.total ? { budget_reason: '严格执行厉行节约规定，从严控制“三公”经费支出' } : {}),
            last_year: lastYear(D(tpActual.total)),
            overseas: { last_year: amt(D(tpActual.overseas)), groups: tpActual.overseas ? rng.int(1, 3) : 0, people: tpActual.overseas ? rng.int(2, 9) : 0 },
            vehicle: { last_year: amt(D(tpActual.sub)) },
            vehicle_purchase: { count: tpActual.purchase ? rng.int(1, 3) : 0 },
            vehicle_operation: { purpose: '公务用车的燃料费、维修费和保险费等' },
            reception: {
              last_year: amt(D(tpActual.reception)),
              domestic: amt(D(tpActual.reception)),
              foreign: amt(D(0)),
              purpose: '接待来访考察和业务交流',
              batches: tpActual.reception ? rng.int(1, 30) : 0,
              people: tpActual.reception ? rng.int(5, 200) : 0,
              foreign_batches: 0,
              foreign_people: 0,
            },
            vehicles: { fiscal_held: veh },
          },
          admin_operation: { amount: amt(D(publicCents)), last_year: amt(D(publicCents)) },
          procurement: {
            total: amt(D(procurementTotal[0] + procurementTotal[1] + procurementTotal[2])),
            goods: amt(D(procurementTotal[0])),
            works: amt(D(procurementTotal[1])),
            services: amt(D(procurementTotal[2])),
            reserved: { sme: amt(D(procurementTotal[2])), small_micro: amt(D(Math.floor(procurementTotal[2] / 2))) },
            awarded: { sme_in_reserved: amt(D(procurementTotal[2])), small_micro_in_reserved: amt(D(Math.floor(procurementTotal[2] / 2))), sme_in_other: amt(D(procurementTotal[0])) },
          },
          assets: {
            vehicles: ['部级领导干部用车', '主要领导干部用车', '机要通信用车', '应急保障用车', '执法执勤用车', '特种专业技术用车', '离退休干部用车', '其他用车'].map((label, i) => ({ label, count: i === 7 ? veh : 0 })),
            vehicles_total: veh,
            large_equipment: rng.int(0, 3),
          },
          performance: (() => {
            const n = rng.int(3, 30);
            const excellent = rng.int(0, n);
            const good = n - excellent;
            const found = rng.int(0, 9);
            const fixed = rng.int(0, found);
            const projectAmount = amt(generalBudget.total.project);
            return {
              systems: [`《${name}预算绩效管理办法》`],
              mechanism: '“事前有评估、事中有监控、事后有评价、结果有应用”',
              targets: { count: n, amount: projectAmount },
              monitoring: { count: Math.min(n, 2), amount: projectAmount },
              self_evaluation: { count: n, amount: projectAmount, average_score: rng.int(80, 98), grades: { excellent, good, pass: 0, fail: 0 }, problems: { found, fixed, fixing: found - fixed } },
            };
          })(),
        },
  };

  if (wuhan) {
    dep.key_work = {
      heading: `${year}年重点工作完成情况`,
      areas: [{ title: `${topic}工作`, summary: `${topic}工作：${longSentence(rng, topic, 1)}` }],
      table: Array.from({ length: traits.longNarrative ? rng.int(5, 12) : 1 }, (_, i) => ({ no: i + 1, matter: `${topic}重点工作${i + 1}`, goals: [`1. ${longSentence(rng, topic, 2)}`], results: ['1. 已按计划完成。'] })),
    };
    dep.glossary = {
      terms: [
        { term: '一般公共预算财政拨款收入', text: '指区级财政一般公共预算当年拨付的资金。' },
        {
          term: '本部门使用的支出功能分类科目(到项级)',
          items: [...new Set([...expenditure.rows, ...generalBudget.rows].map((r) => r.code).filter((k) => k.length === 7))].sort().map((k) => ({ code: k, text: `反映${catName(k)}方面的支出。` })),
        },
      ],
    };
    const exp = expenditure.total;
    dep.appendix = {
      overall: {
        result_title: `${year}年度${shortName}部门整体绩效自评结果`,
        blocks: [{ h: '一、自评结论' }, '得分100分。'],
        form: {
          title: `${year}年度${shortName}部门整体绩效自评表`,
          unit: shortName,
          basic_total: amt(exp.basic),
          project_total: amt(exp.project),
          execution: { weight: 20, label: '部门整体支出总额', budget: amt(exp.total), actual: amt(exp.total) },
          goals: [{ label: '年度目标1', weight: 80, name: '日常工作目标', indicators: [{ level1: '产出指标', groups: [{ level2: '数量指标', rows: [{ name: `${topic}任务完成数`, target: '≥10项', actual: '12项', score: 80 }] }] }] }],
        },
      },
      projects: [],
    };
  } else if (!business.isZero() || !other.isZero()) {
    dep.glossary = { income_sources: { ...(business.isZero() ? {} : { business: `${topic}服务` }), ...(other.isZero() ? {} : { other: '银行存款利息' }) } };
  }
  return { id, name, profile, dep, leaves, rowsInTables: expenditure.rows.length };
}

// ------------------------------------------------------------------ errors to plant

/**
 * Each plant changes one department so that exactly one rule reports an error (tails of the
 * change stay within the rules' tolerance: warnings at most). `fits` says whether it applies.
 */
const PLANTS = [
  {
    rule: 'expenditure-row-sum',
    what: '支出决算表一个项级科目的本年支出合计比基本支出与项目支出之和多 0.02',
    // a 项 of a 款 with ≥ 3 项: the 款's roll-up then differs by 0.02, within its tolerance (0.02)
    fits: (d) => kuanWithItems(d, 3) !== undefined,
    apply: (d) => {
      const k = kuanWithItems(d, 3);
      const row = d.dep.tables.expenditure.rows.find((r) => r.code.length === 7 && r.code.startsWith(k) && onlyOnePart(r));
      row.total = amt(row.total.dec.plus('0.02'));
    },
  },
  {
    rule: 'x06-general-budget',
    what: '财政拨款收入支出决算总表一个类的一般公共预算支出与一般公共预算财政拨款支出决算表相差 0.02',
    // with ≥ 3 类 of 一般公共预算 the 本年支出合计 = Σ类 tolerance of that column is ≥ 0.02: a warning
    fits: (d) => d.dep.tables.fiscal_summary.expenditure.filter((r) => r.general_budget).length >= 3,
    apply: (d) => {
      const row = d.dep.tables.fiscal_summary.expenditure.find((r) => r.general_budget && !r.government_fund && !r.state_capital);
      row.total = amt(row.total.dec.plus('0.02'));
      row.general_budget = amt(row.general_budget.dec.plus('0.02'));
    },
  },
  {
    rule: 'narrative-item-lines',
    what: '情况说明五（三）一个项级科目决算数与年初预算不同，未说明原因',
    fits: (d) => d.profile === 'shanghai-2024' && d.dep.explanation.general_budget.items.some((i) => i.reason),
    apply: (d) => {
      delete d.dep.explanation.general_budget.items.find((i) => i.reason).reason;
    },
  },
  {
    rule: 'catalog-code',
    what: '收入决算表一个项级科目的编码不在科目目录中',
    fits: (d) => unknownSibling(d) !== undefined,
    apply: (d) => {
      const [from, to] = unknownSibling(d);
      d.dep.tables.income.rows.find((r) => r.code === from).code = to;
    },
  },
  {
    rule: 'three-public-vehicle-subtotal',
    what: '“三公”经费表决算数的公务用车购置费多 1.00，小计未变',
    fits: () => true,
    apply: (d) => {
      const a = d.dep.tables.three_public.actual;
      a.vehicle_purchase = amt(a.vehicle_purchase.dec.plus(1));
    },
  },
  {
    rule: 'catalog-unlisted',
    what: '一个不在科目目录中的项级科目在两张表中写了不同的名称',
    fits: (d) => d.profile === 'hubei-wuhan-2023' && unknownSibling(d) !== undefined,
    apply: (d) => {
      const [from, to] = unknownSibling(d);
      for (const key of ['income', 'expenditure', 'general_budget']) {
        const row = d.dep.tables[key].rows.find((r) => r.code === from);
        if (!row) continue;
        row.code = to;
        row.name = key === 'income' ? '其他专项业务支出' : '其他专项业务经费支出';
      }
      const { name } = catalogs();
      for (const item of d.dep.glossary.terms[1].items) {
        if (item.code !== from) continue;
        item.code = to;
        item.label = `${name(to.slice(0, 3))}（类）${name(to.slice(0, 5))}（款）其他专项业务支出（项）`;
      }
      for (const p of d.dep.explanation.general_budget.projects) if (p.code === from) p.code = to;
    },
  },
  {
    rule: 'basic-detail-group-sum',
    what: '基本支出决算明细表公用经费一个款多 1.00，类未变',
    fits: (d) => d.dep.tables.basic_detail.rows.some((r) => r.code.startsWith('302') && r.code.length === 5),
    apply: (d) => {
      const r = d.dep.tables.basic_detail.rows.find((x) => x.code.startsWith('302') && x.code.length === 5);
      r.amount = amt(r.amount.dec.plus(1));
    },
  },
  {
    rule: 'narrative-vehicles',
    what: '国有资产占用情况各类车辆之和与车辆总数不符',
    fits: (d) => d.dep.explanation.assets !== undefined,
    apply: (d) => {
      const a = d.dep.explanation.assets;
      a.vehicles_total += 2;
    },
  },
];

function onlyOnePart(r) {
  return [r.basic, r.project].filter(Boolean).length === 1;
}

function kuanWithItems(d, n) {
  const rows = d.dep.tables.expenditure.rows;
  const kuans = rows.filter((r) => r.code.length === 5).map((r) => r.code);
  return kuans.find((k) => {
    const items = rows.filter((r) => r.code.length === 7 && r.code.startsWith(k));
    return items.length >= n && items.some(onlyOnePart);
  });
}

/** A 项 of the department's income table and a code beside it that no catalog lists. */
function unknownSibling(d) {
  const cat = catalogs()[d.dep.year].functional;
  for (const r of d.dep.tables.income.rows) {
    if (r.code.length !== 7) continue;
    for (let n = 97; n >= 60; n--) {
      const to = `${r.code.slice(0, 5)}${n}`;
      if (!cat[to] && to > r.code && !d.dep.tables.income.rows.some((x) => x.code > r.code && x.code <= to)) return [r.code, to];
    }
  }
  return undefined;
}

// ------------------------------------------------------------------ YAML text

const plain = (v) => v instanceof Amount || typeof v === 'number';
const scalar = (v) => (v instanceof Amount ? v.toString() : typeof v === 'number' ? String(v) : JSON.stringify(v));
const isFlat = (o) => o && typeof o === 'object' && !Array.isArray(o) && !(o instanceof Amount) && Object.values(o).every((v) => plain(v) || typeof v === 'string');
const flow = (o) => `{${Object.entries(o).map(([k, v]) => `${key(k)}: ${scalar(v)}`).join(', ')}}`;
const key = (k) => (/^[A-Za-z_][\w]*$/.test(k) ? k : JSON.stringify(k));

function emit(value, indent = '') {
  const lines = [];
  for (const [k, v] of Object.entries(value)) {
    if (v === undefined) continue;
    if (v === null || plain(v) || typeof v === 'string') lines.push(`${indent}${key(k)}: ${v === null ? '~' : scalar(v)}`);
    else if (Array.isArray(v)) {
      if (v.length === 0) lines.push(`${indent}${key(k)}: []`);
      else {
        lines.push(`${indent}${key(k)}:`);
        for (const item of v) {
          if (isFlat(item)) lines.push(`${indent}  - ${flow(item)}`);
          else if (typeof item === 'object') {
            const inner = emit(item, `${indent}    `).split('\n');
            lines.push(`${indent}  - ${inner[0].trimStart()}`, ...inner.slice(1));
          } else lines.push(`${indent}  - ${scalar(item)}`);
        }
      }
    } else if (isFlat(v) && Object.keys(v).length <= 8 && Object.keys(v).length > 0) lines.push(`${indent}${key(k)}: ${flow(v)}`);
    else if (Object.keys(v).length === 0) lines.push(`${indent}${key(k)}: {}`);
    else lines.push(`${indent}${key(k)}:`, emit(v, `${indent}  `));
  }
  return lines.join('\n');
}

// ------------------------------------------------------------------ the district

/**
 * The district's departments as {id, name, profile, file, text, rows} plus the planted errors.
 * Department i's traits come from i (so every district of ≥ 8 has each kind) and the seed.
 */
export function generateDistrict({ count, seed, plantErrors = false, profile: only }) {
  const rng = makeRng(seed);
  const out = [];
  for (let i = 0; i < count; i++) {
    // a real district publishes in one form set; by default both, so tests meet both
    const profile = only ?? (i % 3 === 1 ? 'shanghai-2024' : 'hubei-wuhan-2023');
    // sizes: the first is the smallest possible, the second the largest, the rest spread between
    const rows = i === 0 ? 3 : i === 1 ? 150 : Math.round(Math.exp(Math.log(3) + rng.next() * (Math.log(150) - Math.log(3))));
    const traits = {
      governmentFund: i % 4 === 2 || (i > 8 && rng.chance(0.2)),
      stateCapital: i % 5 === 3 || (i > 8 && rng.chance(0.1)),
      nonFiscal: i % 3 === 0 || rng.chance(0.3),
      otherIncome: i % 2 === 0,
      carryOver: i % 2 === 1 || rng.chance(0.3),
      zeroThreePublic: i % 7 === 4,
      unitCount: i % 4 === 0 ? 1 : rng.int(2, 8),
      longNarrative: i % 6 === 5 || i === 1,
    };
    const d = department(rng, i, profile, Math.min(150, Math.max(3, rows)), traits);
    d.traits = traits;
    out.push(d);
  }
  const planted = [];
  if (plantErrors) {
    // one plant per department, in a seeded order of departments, each kind of error once
    const order = rng.shuffle(out.map((_, i) => i));
    const used = new Set();
    for (const plant of PLANTS) {
      const i = order.find((j) => !used.has(j) && plant.fits(out[j]));
      if (i === undefined) continue;
      used.add(i);
      plant.apply(out[i]);
      planted.push({ department: out[i].name, file: `${out[i].id}.yaml`, rule: plant.rule, what: plant.what });
    }
    planted.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  }
  const files = out.map((d) => ({
    id: d.id,
    name: d.name,
    profile: d.profile,
    rows: d.rowsInTables,
    traits: d.traits,
    file: `${d.id}.yaml`,
    text: `${HEADER} (scripts/district.mjs, seed ${JSON.stringify(String(seed))}): every figure is invented.\n${emit(d.dep)}\n`,
  }));
  return { files, planted: plantErrors ? planted : undefined };
}

const HEADER = '# A made-up department of a made-up district';

/**
 * Why `dir` cannot take this district, or null. It may hold an earlier district's files that this
 * one rewrites, nothing else of that kind: a YAML file the generator did not write (someone's
 * data), or one of its own that this district lacks, or a planted.json this run would not
 * rewrite (either would mix two districts).
 */
function refusal(dir, names, planting) {
  if (!existsSync(dir)) return null;
  if (!statSync(dir).isDirectory()) return `${dir} 不是文件夹`;
  for (const f of readdirSync(dir).sort()) {
    if (f === 'planted.json' && !planting) return `${join(dir, f)} 是上次埋入的错误清单，本次不埋错误：请换一个空文件夹`;
    if (!/\.ya?ml$/.test(f)) continue;
    const mine = readFileSync(join(dir, f), 'utf8').startsWith(HEADER);
    if (!mine) return `${join(dir, f)} 不是本脚本生成的文件，不会覆盖：请换一个空文件夹`;
    if (!names.has(f)) return `${join(dir, f)} 是上次生成的部门，不属于本次的 ${names.size} 个部门：请换一个空文件夹`;
  }
  return null;
}

/** Writes the district into `dir` (created if missing): the department files, catalog/, planted.json. */
export function writeDistrict(dir, options) {
  const { files, planted } = generateDistrict(options);
  const refused = refusal(dir, new Set(files.map((f) => f.file)), Boolean(planted));
  if (refused) throw Object.assign(new Error(refused), { refused: true });
  mkdirSync(join(dir, 'catalog'), { recursive: true });
  const years = new Set(files.map((f) => YEAR[f.profile]));
  for (const y of [...years].sort()) copyFileSync(join(ROOT, 'data/catalog', `${y}.yaml`), join(dir, 'catalog', `${y}.yaml`));
  const write = (name, text) => {
    const tmp = join(dir, `.${name}.${process.pid}.tmp`);
    writeFileSync(tmp, text);
    renameSync(tmp, join(dir, name));
  };
  for (const f of files) write(f.file, f.text);
  if (planted) write('planted.json', `${JSON.stringify(planted, null, 2)}\n`);
  return { files, planted };
}

// ------------------------------------------------------------------ command line

const isMain = process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const usage = '用法：npm run district -- --count N --seed S -o DIR [--plant-errors] [--profile hubei-wuhan-2023|shanghai-2024]';
  let opt;
  try {
    ({ values: opt } = parseArgs({
      options: { count: { type: 'string' }, seed: { type: 'string', default: '1' }, out: { type: 'string', short: 'o' }, 'plant-errors': { type: 'boolean' }, profile: { type: 'string' } },
    }));
  } catch (e) {
    process.stderr.write(`district: ${e.message}\n${usage}\n`);
    process.exit(2);
  }
  const count = Number(opt.count);
  if (!Number.isInteger(count) || count < 1 || !opt.out) {
    process.stderr.write(`district: 需要 --count（正整数）和 -o <文件夹>\n${usage}\n`);
    process.exit(2);
  }
  if (opt.profile !== undefined && !(opt.profile in YEAR)) {
    process.stderr.write(`district: 没有表式 ${opt.profile}（可用：${Object.keys(YEAR).join('、')}）\n${usage}\n`);
    process.exit(2);
  }
  const dir = resolve(opt.out);
  let written;
  try {
    written = writeDistrict(dir, { count, seed: opt.seed, plantErrors: opt['plant-errors'], profile: opt.profile });
  } catch (e) {
    if (!e.refused && !e.code) throw e;
    process.stderr.write(`district: ${e.refused ? e.message : `无法写入 ${dir}：${e.message}`}\n`);
    process.exit(2);
  }
  const { files, planted } = written;
  process.stdout.write(`district: ${files.length} 个部门 → ${dir}${planted ? `；埋入 ${planted.length} 个错误（planted.json）` : ''}\n`);
}
