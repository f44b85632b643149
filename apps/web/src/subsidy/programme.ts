import type { Condition } from '../catalog/definition.ts';
import type { Bilingual } from '../i18n/labels.ts';

/*
 * A premium-subsidy programme (保费补贴项目) as the web app reads it. The API types `definition` as unknown
 * (it is the document of catalog/schema/subsidy.schema.json); these interfaces follow
 * packages/domain/src/subsidy/programme.ts, and programme.test.ts checks that every programme the domain
 * accepts fits them. Amounts are yuan strings, shares and rates decimal strings ("0.5" is 50 %), dates
 * 'YYYY-MM-DD'.
 */

export interface ProgrammeCaps {
  /** 单笔保单上限, yuan. */
  perPolicy?: string;
  /** 每家企业每年上限, yuan. */
  perEnterprisePerYear?: string;
}

/** One step of a tiered share (阶梯式支持): by score band or by a condition; the first that applies. */
export interface ProgrammeTier {
  band?: 'A' | 'B' | 'C' | 'D';
  when?: Condition;
  names?: Bilingual;
  rate?: string;
  /** 逐年退坡: the share in year 1, 2, …; the last one holds for later years. */
  byYear?: string[];
  caps?: ProgrammeCaps;
}

/** 加分: points added to the share when a condition holds (the total never exceeds 1). */
export interface ProgrammeBonus {
  reason: string;
  message: Bilingual;
  when: Condition;
  points: string;
}

export interface ProgrammeShare {
  rate?: string;
  byYear?: string[];
  tiers?: ProgrammeTier[];
  bonuses?: ProgrammeBonus[];
}

/** 申报条件: each must hold, or its reason refuses the subsidy. */
export interface ProgrammeCondition {
  reason: string;
  message: Bilingual;
  when: Condition;
}

export interface ProgrammeDefinition {
  $schema?: string;
  code: string;
  version: number;
  names: Bilingual;
  summary?: Bilingual;
  funder: { names: Bilingual; level: 'central' | 'province' | 'city' | 'district' };
  budget: string;
  /** 分级负担: how each grant is split between levels of government. */
  fundPools?: { level: 'central' | 'province' | 'city' | 'district'; names?: Bilingual; share: string }[];
  eligibility: { tags?: string[]; products?: string[]; classes?: string[] };
  conditions: ProgrammeCondition[];
  share: ProgrammeShare;
  /** 费率上限: eligible premium = min(premium, rateCap × sum insured). */
  rateCap?: string;
  caps?: ProgrammeCaps & { perProgramme?: string };
  /** 补偿额度: a quota per product as a share of its value, valid for some years. */
  quota?: { percentOfProductValue: string; years: number };
  /** 申报期, by the policy's start date. */
  window: { from: string; to?: string };
  mode: 'auto' | 'apply';
  confirmWorkingDays?: number;
  /** 申报材料. */
  checklist?: { key: string; names: Bilingual }[];
  /** 审核环节: the review stages in order, and the working days to supply what a reviewer asks (补正). */
  review?: {
    stages: { key: string; level?: 'central' | 'province' | 'city' | 'district'; names: Bilingual }[];
    supplementWorkingDays?: number;
  };
  payee: 'insurer' | 'enterprise';
  noDoubleDipGroup?: string;
  maxYears?: number;
  clawback: { onCancellation: 'pro_rata' | 'full' | 'none'; barYears?: number };
  priority: number;
  sources?: string[];
  assumptions?: string[];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The definition the server sent. The server validated it when it was stored; this only checks the
 * outline the pages rely on, so a programme from a newer server with a part this app does not know is
 * shown rather than crashing the page, and a broken one is reported instead.
 */
export function readProgramme(value: unknown): ProgrammeDefinition | null {
  if (!isRecord(value)) return null;
  const { code, version, names, funder, eligibility, conditions, share, window, clawback } = value;
  const outline =
    typeof code === 'string' &&
    typeof version === 'number' &&
    isRecord(names) &&
    isRecord(funder) &&
    isRecord(eligibility) &&
    Array.isArray(conditions) &&
    isRecord(share) &&
    isRecord(window) &&
    isRecord(clawback);
  if (!outline) return null;
  return value as unknown as ProgrammeDefinition;
}

/** The programme code pattern of the schema (also the tag products carry in `subsidyTags`). */
export const programmeCodePattern = /^[a-z0-9][a-z0-9-]{2,47}$/;

/** One line of the share table: a tier (or the whole programme), its share or shares by year, its caps. */
export interface ShareRow {
  key: string;
  /** The tier: its score band, its condition, or neither (applies to everyone). */
  band: string | null;
  names: Bilingual | null;
  when: Condition | null;
  /** The flat share, or the shares of year 1, 2, … (step-down). */
  shares: string[];
  byYear: boolean;
  caps: ProgrammeCaps | null;
}

/** The share of a programme as rows: one per tier, or one for a flat or stepped share. */
export function shareRows(share: ProgrammeShare): ShareRow[] {
  if (share.tiers !== undefined)
    return share.tiers.map((tier, i) => ({
      key: `tier-${i}`,
      band: tier.band ?? null,
      names: tier.names ?? null,
      when: tier.when ?? null,
      shares: tier.byYear ?? (tier.rate === undefined ? [] : [tier.rate]),
      byYear: tier.byYear !== undefined,
      caps: tier.caps ?? null,
    }));
  return [
    {
      key: 'share',
      band: null,
      names: null,
      when: null,
      shares: share.byYear ?? (share.rate === undefined ? [] : [share.rate]),
      byYear: share.byYear !== undefined,
      caps: null,
    },
  ];
}
