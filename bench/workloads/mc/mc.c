/*
 * The C baseline of the `mc` benchmark: the year loop of packages/risk/src/engine/year-engine.ts written
 * in C (same Philox4x32-10 streams, same inversion tables and alias tables read from the compiled
 * portfolio, same samplers, same financial terms and reinsurance in the same order), single-threaded.
 *
 *   mc PORTFOLIO.bin YEARS SEED_LOW SEED_HIGH GROUND_UP_ONLY REPEATS
 *
 * prints per repeat "run <wall ms> <cpu ms> <losses>" and then, for the last repeat, each perspective's
 * sums of annual and largest-occurrence losses ("sum <p> <annual> <max>") so the benchmark can check the
 * results against the JavaScript engine's.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define OP_QUOTA_SHARE 0
#define OP_SURPLUS 1
#define OP_EXCESS_OF_LOSS 2
#define OP_CATASTROPHE_XL 3
#define OP_STOP_LOSS 4
#define SEVERITY_LOGNORMAL 0
#define SEVERITY_PARETO 1

static int32_t unitCount, classCount, insurerCount, reinsurerCount, poolCount, eventCount, segmentCount,
    trackedMembers, P, pClass, pPool, pGross, pNet, pRe;

static int32_t *unitClass, *unitPool, *unitSectionStart, *unitSectionCount, *unitLineStart, *unitLineCount,
    *lineInsurer, *lineFractionStart, *classSeverityKind, *countGuide, *segmentTableStart, *segmentTableLength,
    *segmentAliasStart, *segmentAliasLength, *aliasPrimary, *aliasSecondary, *eventTableStart,
    *eventTableLength, *eventFootprintStart, *eventFootprintLength, *eventCumulativeStart, *footprintUnit,
    *insurerOpStart, *insurerOpCount, *insurerRiskOps, *opKind, *opLayerStart, *opLayerCount,
    *layerPartStart, *layerPartCount, *partReinsurer;
static double *unitMembers, *unitTrackBase, *unitSumInsured, *unitDeductible, *unitLimit, *unitAggregateLimit,
    *unitEventSublimit, *unitSeverityScale, *sectionFraction, *sectionDeductible, *sectionLimit, *lineShare,
    *lineFraction, *classSeverityA, *classSeverityB, *classSeverityC, *classSeverityE, *countCdf,
    *aliasProbability, *eventIntensityMu, *eventIntensitySigma, *eventHitProbability, *eventDamageMu,
    *eventDamageSigma, *footprintCumulative, *insurerCapital, *opCeded, *layerAttachment, *layerLimit,
    *layerAggregateLimit, *layerPlaced, *partFraction;
static uint8_t *eventSingles;
static int32_t layerCount;

/* ---- reading the compiled portfolio (bench/workloads/mc/binary.ts) ---- */

static FILE *input;

static void fail(const char *what) {
  fprintf(stderr, "mc: %s\n", what);
  exit(2);
}

static void *read_array(int want_kind, int32_t *length) {
  int32_t head[2];
  if (fread(head, 4, 2, input) != 2) fail("truncated portfolio");
  if (head[0] != want_kind) fail("unexpected array kind");
  size_t size = want_kind == 1 ? 8 : want_kind == 2 ? 4 : 1;
  void *data = malloc(size * (size_t)head[1] + 8);
  if (head[1] > 0 && fread(data, size, (size_t)head[1], input) != (size_t)head[1]) fail("truncated array");
  if (length) *length = head[1];
  return data;
}
#define F64(name) name = (double *)read_array(1, NULL)
#define I32(name) name = (int32_t *)read_array(2, NULL)

static void read_portfolio(const char *file) {
  input = fopen(file, "rb");
  if (!input) fail("cannot open the portfolio");
  int32_t magic[4], header[14];
  if (fread(magic, 4, 4, input) != 4 || magic[0] != 0x434d424b || magic[1] != 1) fail("not a portfolio file");
  if (magic[2] != 14 || magic[3] != 64) fail("header or field count differs from binary.ts");
  if (fread(header, 4, 14, input) != 14) fail("truncated header");
  unitCount = header[0]; classCount = header[1]; insurerCount = header[2]; reinsurerCount = header[3];
  poolCount = header[4]; eventCount = header[5]; segmentCount = header[6]; trackedMembers = header[7];
  P = header[8]; pClass = header[9]; pPool = header[10]; pGross = header[11]; pNet = header[12]; pRe = header[13];
  I32(unitClass); I32(unitPool); F64(unitMembers); F64(unitTrackBase); F64(unitSumInsured); F64(unitDeductible);
  F64(unitLimit); F64(unitAggregateLimit); F64(unitEventSublimit); F64(unitSeverityScale); I32(unitSectionStart);
  I32(unitSectionCount); F64(sectionFraction); F64(sectionDeductible); F64(sectionLimit); I32(unitLineStart);
  I32(unitLineCount); I32(lineInsurer); F64(lineShare); I32(lineFractionStart); F64(lineFraction);
  I32(classSeverityKind); F64(classSeverityA); F64(classSeverityB); F64(classSeverityC); F64(classSeverityE);
  F64(countCdf); I32(countGuide); I32(segmentTableStart); I32(segmentTableLength); I32(segmentAliasStart);
  I32(segmentAliasLength); F64(aliasProbability); I32(aliasPrimary); I32(aliasSecondary); I32(eventTableStart);
  I32(eventTableLength); F64(eventIntensityMu); F64(eventIntensitySigma); F64(eventHitProbability);
  F64(eventDamageMu); F64(eventDamageSigma); I32(eventFootprintStart); I32(eventFootprintLength);
  I32(eventCumulativeStart); I32(footprintUnit); F64(footprintCumulative);
  eventSingles = (uint8_t *)read_array(3, NULL);
  I32(insurerOpStart); I32(insurerOpCount); I32(insurerRiskOps); F64(insurerCapital); I32(opKind); F64(opCeded);
  I32(opLayerStart); I32(opLayerCount);
  layerAttachment = (double *)read_array(1, &layerCount);
  F64(layerLimit); F64(layerAggregateLimit); F64(layerPlaced); I32(layerPartStart); I32(layerPartCount);
  I32(partReinsurer); F64(partFraction);
  fclose(input);
}

/* ---- random numbers: Philox4x32-10 and the draw stream (random/draw-stream.ts) ---- */

static uint32_t key0, key1, s_year, s_kind, s_stream, s_pair;
static double s_spare;
static int s_has_spare;

static inline void philox(uint32_t c0, uint32_t c1, uint32_t c2, uint32_t c3, uint32_t k0, uint32_t k1,
                          uint32_t out[4]) {
  for (int round = 0; round < 10; round++) {
    uint64_t p0 = (uint64_t)0xD2511F53u * c0;
    uint64_t p1 = (uint64_t)0xCD9E8D57u * c2;
    uint32_t y0 = (uint32_t)(p1 >> 32) ^ c1 ^ k0;
    uint32_t y2 = (uint32_t)(p0 >> 32) ^ c3 ^ k1;
    c1 = (uint32_t)p1;
    c3 = (uint32_t)p0;
    c0 = y0;
    c2 = y2;
    k0 += 0x9E3779B9u;
    k1 += 0xBB67AE85u;
  }
  out[0] = c0; out[1] = c1; out[2] = c2; out[3] = c3;
}

static inline void stream_start(uint32_t year, uint32_t kind, uint32_t stream) {
  s_year = year; s_kind = kind; s_stream = stream; s_pair = 0; s_has_spare = 0;
}

static inline double next(void) {
  if (s_has_spare) {
    s_has_spare = 0;
    return s_spare;
  }
  uint32_t b[4];
  philox(s_pair, s_year, s_stream, s_kind, key0, key1, b);
  s_pair++;
  s_spare = ((double)b[2] * 2097152.0 + (double)(b[3] >> 11) + 0.5) * 0x1p-53;
  s_has_spare = 1;
  return ((double)b[0] * 2097152.0 + (double)(b[1] >> 11) + 0.5) * 0x1p-53;
}

/* ---- distributions (distributions/normal.ts, severity.ts) ---- */

static double normal_quantile(double p) {
  double q = p - 0.5;
  if (q >= -0.425 && q <= 0.425) {
    double r = 0.180625 - q * q;
    return (q * (((((((2509.0809287301226727 * r + 33430.575583588128105) * r + 67265.770927008700853) * r +
                      45921.953931549871457) * r + 13731.693765509461125) * r + 1971.5909503065514427) * r +
                   133.14166789178437745) * r + 3.387132872796366608)) /
           (((((((5226.495278852854561 * r + 28729.085735721942674) * r + 39307.89580009271061) * r +
                21213.794301586595867) * r + 5394.1960214247511077) * r + 687.1870074920579083) * r +
             42.313330701600911252) * r + 1);
  }
  double r = q < 0 ? p : 1 - p;
  if (!(r > 0)) return q < 0 ? -INFINITY : INFINITY;
  r = sqrt(-log(r));
  double value;
  if (r <= 5) {
    r -= 1.6;
    value = (((((((7.7454501427834140764e-4 * r + 0.0227238449892691845833) * r + 0.24178072517745061177) * r +
                 1.27045825245236838258) * r + 3.64784832476320460504) * r + 5.7694972214606914055) * r +
              4.6303378461565452959) * r + 1.42343711074968357734) /
            (((((((1.05075007164441684324e-9 * r + 5.475938084995344946e-4) * r + 0.0151986665636164571966) * r +
                 0.14810397642748007459) * r + 0.68976733498510000455) * r + 1.6763848301838038494) * r +
              2.05319162663775882187) * r + 1);
  } else {
    r -= 5;
    value = (((((((2.01033439929228813265e-7 * r + 2.71155556874348757815e-5) * r + 0.0012426609473880784386) * r +
                 0.026532189526576123093) * r + 0.29656057182850489123) * r + 1.7848265399172913358) * r +
              5.4637849111641143699) * r + 6.6579046435011037772) /
            (((((((2.04426310338993978564e-15 * r + 1.4215117583164458887e-7) * r + 1.8463183175100546818e-5) * r +
                 7.868691311456132591e-4) * r + 0.0148753612908506148525) * r + 0.13692988092273580531) * r +
              0.59983220655588793769) * r + 1);
  }
  return q < 0 ? -value : value;
}

static inline double gamma_standard(double d, double c, double e) {
  double x;
  for (;;) {
    double z = normal_quantile(next());
    double v = 1 + c * z;
    if (v <= 0) continue;
    v = v * v * v;
    double u = next();
    double z2 = z * z;
    if (u < 1 - 0.0331 * z2 * z2 || log(u) < 0.5 * z2 + d * (1 - v + log(v))) {
      x = d * v;
      break;
    }
  }
  return e == 0 ? x : x * exp(e * log(next()));
}

static inline double sample_severity(int kind, double a, double b, double c, double e) {
  if (kind == SEVERITY_LOGNORMAL) return exp(a + b * normal_quantile(next()));
  if (kind == SEVERITY_PARETO) return a * exp(-b * log(next()));
  return a * gamma_standard(b, c, e);
}

/* ---- the year (engine/year-engine.ts) ---- */

static int ground_up_only;
static int32_t capacity = 1024, occ_count, slot_capacity = 16, slot_count, current_year;
static int32_t *occ_unit, *occ_track, *occ_slot;
static double *occ_ground_up, *occ_loss, *slot_acc, *track_total, *layer_used, *year_annual, *year_max, *re_occ;
static int32_t *track_stamp, *re_mark, *re_touched, claim_id;
static long long losses;

static void grow(void) {
  capacity *= 2;
  occ_unit = realloc(occ_unit, sizeof(int32_t) * capacity);
  occ_track = realloc(occ_track, sizeof(int32_t) * capacity);
  occ_slot = realloc(occ_slot, sizeof(int32_t) * capacity);
  occ_ground_up = realloc(occ_ground_up, sizeof(double) * capacity);
  occ_loss = realloc(occ_loss, sizeof(double) * capacity);
}

static int32_t new_slot(void) {
  if (slot_count == slot_capacity) {
    slot_capacity *= 2;
    slot_acc = realloc(slot_acc, sizeof(double) * slot_capacity * P);
  }
  memset(slot_acc + (size_t)slot_count * P, 0, sizeof(double) * P);
  return slot_count++;
}

static inline int32_t invert(int32_t start, int32_t length, double u) {
  int32_t k = countGuide[start + (int32_t)floor(u * length)];
  while (countCdf[start + k] < u) k++;
  return k;
}

static inline void max_of(int32_t p, double value) {
  if (value > year_max[p]) year_max[p] = value;
}

static inline void push(int32_t unit, int32_t track, int32_t slot, double ground_up) {
  if (occ_count == capacity) grow();
  int32_t o = occ_count++;
  occ_unit[o] = unit;
  occ_track[o] = track;
  occ_slot[o] = slot;
  occ_ground_up[o] = ground_up;
}

static void draw_segments(int32_t year) {
  for (int32_t s = 0; s < segmentCount; s++) {
    stream_start((uint32_t)year, 0, (uint32_t)s);
    int32_t claims = invert(segmentTableStart[s], segmentTableLength[s], next());
    int32_t alias_first = segmentAliasStart[s];
    int32_t columns = segmentAliasLength[s];
    for (int32_t c = 0; c < claims; c++) {
      double x = next() * columns;
      double kf = floor(x);
      int32_t k = (int32_t)kf;
      int32_t unit = x - kf < aliasProbability[alias_first + k] ? aliasPrimary[alias_first + k]
                                                                 : aliasSecondary[alias_first + k];
      double track_base = unitTrackBase[unit];
      double members = unitMembers[unit];
      double member = members > 1 && track_base >= 0 ? floor(next() * members) : 0;
      int32_t cls = unitClass[unit];
      double ground_up = sample_severity(classSeverityKind[cls], classSeverityA[cls], classSeverityB[cls],
                                         classSeverityC[cls], classSeverityE[cls]) *
                         unitSeverityScale[unit];
      double sum_insured = unitSumInsured[unit];
      if (ground_up > sum_insured) ground_up = sum_insured;
      push(unit, track_base >= 0 ? (int32_t)(track_base + member) : -1, -1, ground_up);
    }
  }
}

static void draw_events(int32_t year) {
  for (int32_t e = 0; e < eventCount; e++) {
    stream_start((uint32_t)year, 1, (uint32_t)e);
    int32_t events = invert(eventTableStart[e], eventTableLength[e], next());
    if (events == 0) continue;
    double sigma = eventIntensitySigma[e];
    int32_t footprint_first = eventFootprintStart[e];
    int32_t footprint_length = eventFootprintLength[e];
    int32_t cumulative_first = eventCumulativeStart[e];
    double total = footprintCumulative[cumulative_first + footprint_length];
    int singles = eventSingles[e] == 1;
    double damage_mu = eventDamageMu[e];
    double damage_sigma = eventDamageSigma[e];
    for (int32_t j = 0; j < events; j++) {
      double intensity = sigma > 0 ? exp(eventIntensityMu[e] + sigma * normal_quantile(next())) : 1;
      double chance = eventHitProbability[e] * intensity;
      if (chance > 1) chance = 1;
      int32_t slot = new_slot();
      if (!(chance > 0)) continue;
      double log_miss = chance < 1 ? log1p(-chance) : 0;
      double position = -1;
      for (;;) {
        position += chance < 1 ? 1 + floor(log(next()) / log_miss) : 1;
        if (position >= total) break;
        int32_t index;
        double member = 0;
        if (singles) {
          index = (int32_t)position;
        } else {
          int32_t lo = 0, hi = footprint_length - 1;
          while (lo < hi) {
            int32_t mid = (int32_t)(((uint32_t)lo + (uint32_t)hi + 1) >> 1);
            if (footprintCumulative[cumulative_first + mid] <= position) lo = mid;
            else hi = mid - 1;
          }
          index = lo;
          member = position - footprintCumulative[cumulative_first + lo];
        }
        int32_t unit = footprintUnit[footprint_first + index];
        double damage = exp(damage_mu + damage_sigma * normal_quantile(next())) * intensity;
        if (damage > 1) damage = 1;
        double track_base = unitTrackBase[unit];
        push(unit, track_base >= 0 ? (int32_t)(track_base + member) : -1, slot, damage * unitSumInsured[unit]);
      }
    }
  }
}

static void collect_ground_up(void) {
  double annual = year_annual[0], largest = year_max[0];
  for (int32_t o = 0; o < occ_count; o++) {
    double ground_up = occ_ground_up[o];
    int32_t slot = occ_slot[o];
    annual += ground_up;
    if (slot < 0) {
      if (ground_up > largest) largest = ground_up;
    } else {
      slot_acc[(size_t)slot * P] = slot_acc[(size_t)slot * P] + ground_up;
    }
  }
  year_annual[0] = annual;
  year_max[0] = largest;
}

static void apply_terms(void) {
  for (int32_t o = 0; o < occ_count; o++) {
    int32_t unit = occ_unit[o];
    double ground_up = occ_ground_up[o];
    double loss = ground_up;
    int32_t sections = unitSectionCount[unit];
    if (sections > 0) {
      loss = 0;
      int32_t first = unitSectionStart[unit];
      for (int32_t s = first; s < first + sections; s++) {
        double part = ground_up * sectionFraction[s] - sectionDeductible[s];
        if (part > 0) {
          double sublimit = sectionLimit[s];
          if (part > sublimit) part = sublimit;
          loss += part;
        }
      }
    }
    loss -= unitDeductible[unit];
    if (loss < 0) loss = 0;
    double limit = unitLimit[unit];
    if (loss > limit) loss = limit;
    if (occ_slot[o] >= 0) {
      double sublimit = unitEventSublimit[unit];
      if (loss > sublimit) loss = sublimit;
    }
    occ_loss[o] = loss;
    int32_t t = occ_track[o];
    if (t >= 0) {
      if (track_stamp[t] != current_year) {
        track_stamp[t] = current_year;
        track_total[t] = 0;
      }
      track_total[t] = track_total[t] + loss;
    }
  }
}

/* What a layer cedes goes to its reinsurers: for the year, and for the occurrence (claim scratch or event row). */
static inline void cede(int32_t layer, double amount, int claim, int32_t id, int32_t *touched, int64_t base) {
  int32_t part_end = layerPartStart[layer] + layerPartCount[layer];
  for (int32_t k = layerPartStart[layer]; k < part_end; k++) {
    int32_t r = partReinsurer[k];
    double value = amount * partFraction[k];
    year_annual[pRe + r] = year_annual[pRe + r] + value;
    if (claim) {
      if (re_mark[r] != id) {
        re_mark[r] = id;
        re_occ[r] = 0;
        re_touched[(*touched)++] = r;
      }
      re_occ[r] = re_occ[r] + value;
    } else {
      slot_acc[base + pRe + r] = slot_acc[base + pRe + r] + value;
    }
  }
}

static void settle(void) {
  for (int32_t o = 0; o < occ_count; o++) {
    int32_t unit = occ_unit[o];
    double loss = occ_loss[o];
    int32_t track = occ_track[o];
    if (track >= 0) {
      double total = track_total[track];
      double aggregate = unitAggregateLimit[unit];
      if (total > aggregate) loss *= aggregate / total;
    }
    double ground_up = occ_ground_up[o];
    int32_t slot = occ_slot[o];
    int claim = slot < 0;
    int64_t base = claim ? -1 : (int64_t)slot * P;
    int32_t cls = pClass + unitClass[unit];
    int32_t pool = unitPool[unit];
    year_annual[0] = year_annual[0] + ground_up;
    year_annual[1] = year_annual[1] + loss;
    year_annual[cls] = year_annual[cls] + loss;
    if (pool >= 0) year_annual[pPool + pool] = year_annual[pPool + pool] + loss;
    int32_t id = 0, touched = 0;
    if (claim) {
      id = ++claim_id;
      max_of(0, ground_up);
      max_of(1, loss);
      max_of(cls, loss);
      if (pool >= 0) max_of(pPool + pool, loss);
    } else {
      slot_acc[base] = slot_acc[base] + ground_up;
      slot_acc[base + 1] = slot_acc[base + 1] + loss;
      slot_acc[base + cls] = slot_acc[base + cls] + loss;
      if (pool >= 0) slot_acc[base + pPool + pool] = slot_acc[base + pPool + pool] + loss;
    }
    int32_t line_first = unitLineStart[unit];
    int32_t line_end = line_first + unitLineCount[unit];
    for (int32_t l = line_first; l < line_end; l++) {
      int32_t insurer = lineInsurer[l];
      double gross = loss * lineShare[l];
      year_annual[pGross + insurer] = year_annual[pGross + insurer] + gross;
      if (claim) max_of(pGross + insurer, gross);
      else slot_acc[base + pGross + insurer] = slot_acc[base + pGross + insurer] + gross;
      double net = gross;
      int32_t op_first = insurerOpStart[insurer];
      int32_t op_end = op_first + insurerOpCount[insurer];
      int32_t fractions = lineFractionStart[l] - op_first;
      for (int32_t op = op_first; op < op_end; op++) {
        int32_t kind = opKind[op];
        if (kind == OP_STOP_LOSS || (kind == OP_CATASTROPHE_XL && !claim)) break;
        int32_t layer_first = opLayerStart[op];
        if (kind == OP_QUOTA_SHARE || kind == OP_SURPLUS) {
          double fraction = lineFraction[fractions + op];
          if (!(fraction > 0)) continue;
          double amount = net * fraction;
          cede(layer_first, amount, claim, id, &touched, base);
          net -= amount * layerPlaced[layer_first];
          continue;
        }
        if (kind == OP_EXCESS_OF_LOSS && !(lineFraction[fractions + op] > 0)) continue;
        int32_t layer_end = layer_first + opLayerCount[op];
        double ceded = 0;
        for (int32_t layer = layer_first; layer < layer_end; layer++) {
          double amount = net - layerAttachment[layer];
          if (amount <= 0) continue;
          double limit = layerLimit[layer];
          if (amount > limit) amount = limit;
          double aggregate = layerAggregateLimit[layer];
          if (aggregate < INFINITY) {
            double left = aggregate - layer_used[layer];
            if (amount > left) amount = left;
            if (amount <= 0) continue;
            layer_used[layer] = layer_used[layer] + amount;
          }
          cede(layer, amount, claim, id, &touched, base);
          ceded += amount * layerPlaced[layer];
        }
        net -= ceded;
        if (net < 0) net = 0;
      }
      if (claim) {
        year_annual[pNet + insurer] = year_annual[pNet + insurer] + net;
        max_of(pNet + insurer, net);
      } else {
        slot_acc[base + pNet + insurer] = slot_acc[base + pNet + insurer] + net;
      }
    }
    for (int32_t k = 0; k < touched; k++) {
      int32_t r = re_touched[k];
      max_of(pRe + r, re_occ[r]);
    }
  }
}

static void catastrophe_layers(int32_t insurer, int64_t base) {
  double net = slot_acc[base + pNet + insurer];
  int32_t end = insurerOpStart[insurer] + insurerOpCount[insurer];
  for (int32_t op = insurerOpStart[insurer] + insurerRiskOps[insurer]; op < end; op++) {
    if (opKind[op] != OP_CATASTROPHE_XL) break;
    double ceded = 0;
    int32_t layer_end = opLayerStart[op] + opLayerCount[op];
    for (int32_t layer = opLayerStart[op]; layer < layer_end; layer++) {
      double amount = net - layerAttachment[layer];
      if (amount <= 0) continue;
      double limit = layerLimit[layer];
      if (amount > limit) amount = limit;
      double aggregate = layerAggregateLimit[layer];
      if (aggregate < INFINITY) {
        double left = aggregate - layer_used[layer];
        if (amount > left) amount = left;
        if (amount <= 0) continue;
        layer_used[layer] = layer_used[layer] + amount;
      }
      int32_t part_end = layerPartStart[layer] + layerPartCount[layer];
      for (int32_t k = layerPartStart[layer]; k < part_end; k++) {
        int32_t r = partReinsurer[k];
        double value = amount * partFraction[k];
        year_annual[pRe + r] = year_annual[pRe + r] + value;
        slot_acc[base + pRe + r] = slot_acc[base + pRe + r] + value;
      }
      ceded += amount * layerPlaced[layer];
    }
    net -= ceded;
    if (net < 0) net = 0;
  }
  slot_acc[base + pNet + insurer] = net;
}

static void close_events(void) {
  for (int32_t slot = 0; slot < slot_count; slot++) {
    int64_t base = (int64_t)slot * P;
    if (!ground_up_only) {
      for (int32_t i = 0; i < insurerCount; i++) {
        if (!(slot_acc[base + pNet + i] > 0)) continue;
        catastrophe_layers(i, base);
        year_annual[pNet + i] = year_annual[pNet + i] + slot_acc[base + pNet + i];
      }
    }
    for (int32_t p = 0; p < P; p++) max_of(p, slot_acc[base + p]);
  }
}

static void close_year(void) {
  if (ground_up_only) return;
  for (int32_t i = 0; i < insurerCount; i++) {
    int32_t end = insurerOpStart[i] + insurerOpCount[i];
    for (int32_t op = insurerOpStart[i] + insurerRiskOps[i]; op < end; op++) {
      if (opKind[op] != OP_STOP_LOSS) continue;
      int32_t layer = opLayerStart[op];
      double subject = year_annual[pNet + i];
      double recovery = subject - layerAttachment[layer];
      if (recovery <= 0) continue;
      double limit = layerLimit[layer];
      if (recovery > limit) recovery = limit;
      int32_t first = layerPartStart[layer];
      int32_t parts = first + layerPartCount[layer];
      for (int32_t k = first; k < parts; k++) {
        int32_t r = partReinsurer[k];
        year_annual[pRe + r] = year_annual[pRe + r] + recovery * partFraction[k];
      }
      year_annual[pNet + i] = subject - recovery * layerPlaced[layer];
    }
  }
}

static void simulate_year(int32_t year) {
  current_year = year;
  occ_count = 0;
  slot_count = 0;
  memset(year_annual, 0, sizeof(double) * P);
  memset(year_max, 0, sizeof(double) * P);
  memset(layer_used, 0, sizeof(double) * (layerCount > 0 ? layerCount : 1));
  claim_id = 0;
  for (int32_t r = 0; r < reinsurerCount; r++) re_mark[r] = -1;
  draw_segments(year);
  draw_events(year);
  losses += occ_count;
  if (ground_up_only) {
    collect_ground_up();
  } else {
    apply_terms();
    settle();
  }
  close_events();
  close_year();
}

static double seconds(clockid_t clock) {
  struct timespec t;
  clock_gettime(clock, &t);
  return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

int main(int argc, char **argv) {
  if (argc != 7) fail("usage: mc PORTFOLIO.bin YEARS SEED_LOW SEED_HIGH GROUND_UP_ONLY REPEATS");
  read_portfolio(argv[1]);
  int32_t years = atoi(argv[2]);
  key0 = (uint32_t)strtoul(argv[3], NULL, 10);
  key1 = (uint32_t)strtoul(argv[4], NULL, 10);
  ground_up_only = atoi(argv[5]);
  int repeats = atoi(argv[6]);

  occ_unit = malloc(sizeof(int32_t) * capacity);
  occ_track = malloc(sizeof(int32_t) * capacity);
  occ_slot = malloc(sizeof(int32_t) * capacity);
  occ_ground_up = malloc(sizeof(double) * capacity);
  occ_loss = malloc(sizeof(double) * capacity);
  slot_acc = malloc(sizeof(double) * slot_capacity * P);
  track_total = calloc((size_t)trackedMembers + 1, sizeof(double));
  track_stamp = malloc(sizeof(int32_t) * ((size_t)trackedMembers + 1));
  layer_used = calloc((size_t)layerCount + 1, sizeof(double));
  year_annual = calloc((size_t)P, sizeof(double));
  year_max = calloc((size_t)P, sizeof(double));
  re_occ = calloc((size_t)reinsurerCount + 1, sizeof(double));
  re_mark = malloc(sizeof(int32_t) * ((size_t)reinsurerCount + 1));
  re_touched = malloc(sizeof(int32_t) * ((size_t)reinsurerCount + 1));

  double *annual = NULL, *max_occurrence = NULL;
  for (int repeat = 0; repeat < repeats; repeat++) {
    for (int32_t t = 0; t < trackedMembers; t++) track_stamp[t] = -1;
    for (int32_t r = 0; r < reinsurerCount; r++) re_mark[r] = -1;
    claim_id = 0;
    losses = 0;
    free(annual);
    free(max_occurrence);
    double wall = seconds(CLOCK_MONOTONIC), cpu = seconds(CLOCK_PROCESS_CPUTIME_ID);
    annual = calloc((size_t)years * P, sizeof(double));
    max_occurrence = calloc((size_t)years * P, sizeof(double));
    for (int32_t year = 0; year < years; year++) {
      simulate_year(year);
      memcpy(annual + (size_t)year * P, year_annual, sizeof(double) * P);
      memcpy(max_occurrence + (size_t)year * P, year_max, sizeof(double) * P);
    }
    wall = seconds(CLOCK_MONOTONIC) - wall;
    cpu = seconds(CLOCK_PROCESS_CPUTIME_ID) - cpu;
    printf("run %.3f %.3f %lld\n", wall * 1000, cpu * 1000, losses);
    fflush(stdout);
  }
  for (int32_t p = 0; p < P; p++) {
    double a = 0, m = 0;
    for (int32_t y = 0; y < years; y++) {
      a += annual[(size_t)y * P + p];
      m += max_occurrence[(size_t)y * P + p];
    }
    printf("sum %d %.17g %.17g\n", p, a, m);
  }
  return 0;
}
