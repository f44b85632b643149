/*
 * The baseline of the `match` workload: the scoring loop of packages/domain/src/matching (block.ts,
 * match-range.ts, match-results.ts, score.ts) in C, statement for statement, over the same input — the
 * enterprise rows and the compiled program code the benchmark writes (binary.ts says how). It matches every
 * enterprise with every product `repeats` times, prints each run's time, then the checksums of the
 * results, which the benchmark compares with the JavaScript engine's.
 *
 *   cc -O3 -o match match.c && ./match input.bin [repeats]
 *   → "run <elapsed ms> <CPU ms>" per run, then "checksums <scores> <rankings>"
 *
 * Masks are uint32_t where JavaScript has int32 (the same bits; shifts are defined), scores int32_t.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <math.h>
#include <time.h>

enum { LT = 0, LTE = 1, EQ = 2, BETWEEN = 3, IN = 4, SET_ANY = 5, SET_ALL = 6, EXISTS = 7 };
enum {
  OP_LEAF = 1,
  OP_NOT = 2,
  OP_ALL = 3,
  OP_ANY = 4,
  OP_CLEAR_TRUE = 5,
  OP_CLEAR_FALSE = 6,
  OP_ELIGIBILITY = 7,
  OP_DECLINE = 8,
  OP_REFER = 9,
  OP_ELIGIBILITY_LEAF = 10,
  OP_DECLINE_LEAF = 11,
  OP_REFER_LEAF = 12
};
enum { STATUS_ELIGIBLE = 0, STATUS_POSSIBLY_ELIGIBLE = 1, STATUS_REFERRED = 2 };

#define BLOCK 32
#define LEAF_STRIDE 5
#define TERM_STRIDE 3
#define SCORE_BASE 1000
#define SCORE_ELIGIBLE 400
#define SCORE_REFERRED 300
#define SCORE_UNDECIDED_RULE 40
#define NO_THRESHOLD INT32_MIN

typedef struct {
  int32_t width, consent_column, preference_column, count, product_count, leaf_count, stack_depth;
  int32_t k_products, k_leads;
  int32_t profile_count;
  int32_t n_set_columns, n_order_columns;
  int32_t *set_columns, *order_columns, *leaves;
  double *constants;
  int32_t *cut_start;
  double *cuts;
  int32_t *leaf_bound_start, *bounds;
  int32_t *code_start, *code, *product_profile, *profile_class, *profile_term_start, *terms;
  double *rows;
} Program;

typedef struct {
  int lanes;
  uint32_t valid;
  uint32_t consent;
  uint32_t *leaf_true, *leaf_false, *leaf_missing;
  int32_t *order_slot; /* per column: its slot among the order columns, or -1 */
  uint32_t *below;     /* per slot, from below_at(slot): the lanes whose value's position is below q */
  uint32_t *known;     /* per slot: the lanes that know the value */
  uint32_t *lane_words;              /* slot * 32 + lane */
  int32_t lane_preference[4 * BLOCK]; /* class * 32 + lane */
  int32_t *profile_fit;              /* profile * 32 + lane */
  int32_t *profile_max;
  uint32_t *stack_true, *stack_false, *stack_missing;
} Block;

typedef struct {
  int32_t *top_count, *top_products, *top_scores;
  int8_t *top_statuses;
  int32_t *product_matches;
  int32_t *lead_count, *leads, *lead_scores;
  int8_t *lead_statuses;
  int32_t *matches, *consenting_matches;
} Results;

/* Where an order slot's part of the below table starts: 2K + 2 entries for K cuts (program-code.ts). */
static int32_t below_at(const int32_t *cut_start, int32_t slot) { return 2 * cut_start[slot] + 2 * slot; }

static void *need(size_t bytes) {
  void *p = calloc(bytes > 0 ? bytes : 1, 1);
  if (p == NULL) {
    fprintf(stderr, "out of memory\n");
    exit(2);
  }
  return p;
}

static void read_exact(FILE *f, void *into, size_t bytes) {
  if (bytes > 0 && fread(into, 1, bytes, f) != bytes) {
    fprintf(stderr, "the input file is short\n");
    exit(2);
  }
}

static int32_t *read_ints(FILE *f, int32_t n) {
  int32_t *p = need((size_t)n * sizeof(int32_t));
  read_exact(f, p, (size_t)n * sizeof(int32_t));
  return p;
}

static double *read_doubles(FILE *f, size_t n) {
  double *p = need(n * sizeof(double));
  read_exact(f, p, n * sizeof(double));
  return p;
}

static void read_program(const char *path, Program *g) {
  FILE *f = fopen(path, "rb");
  if (f == NULL) {
    perror(path);
    exit(2);
  }
  char magic[8];
  read_exact(f, magic, 8);
  if (memcmp(magic, "KBMATCH1", 8) != 0) {
    fprintf(stderr, "%s is not a match input file\n", path);
    exit(2);
  }
  int32_t h[24];
  read_exact(f, h, sizeof h);
  g->width = h[0];
  g->consent_column = h[1];
  g->preference_column = h[2];
  g->count = h[3];
  g->product_count = h[4];
  g->leaf_count = h[5];
  g->stack_depth = h[6];
  g->k_products = h[7];
  g->k_leads = h[8];
  g->profile_count = h[9];
  g->n_set_columns = h[10];
  g->n_order_columns = h[11];
  g->set_columns = read_ints(f, h[10]);
  g->order_columns = read_ints(f, h[11]);
  g->cut_start = read_ints(f, h[12]);
  g->cuts = read_doubles(f, (size_t)h[13]);
  g->leaf_bound_start = read_ints(f, h[14]);
  g->bounds = read_ints(f, h[15]);
  g->leaves = read_ints(f, h[16]);
  g->constants = read_doubles(f, (size_t)h[17]);
  g->code_start = read_ints(f, h[18]);
  g->code = read_ints(f, h[19]);
  g->product_profile = read_ints(f, h[20]);
  g->profile_class = read_ints(f, h[21]);
  g->profile_term_start = read_ints(f, h[22]);
  g->terms = read_ints(f, h[23]);
  g->rows = read_doubles(f, (size_t)g->count * (size_t)g->width);
  fclose(f);
}

static void create_block(const Program *g, Block *b) {
  memset(b, 0, sizeof *b);
  b->leaf_true = need((size_t)g->leaf_count * 4);
  b->leaf_false = need((size_t)g->leaf_count * 4);
  b->leaf_missing = need((size_t)g->leaf_count * 4);
  b->order_slot = need((size_t)g->width * 4);
  for (int32_t c = 0; c < g->width; c++) b->order_slot[c] = -1;
  for (int32_t slot = 0; slot < g->n_order_columns; slot++) b->order_slot[g->order_columns[slot]] = slot;
  b->below = need((size_t)below_at(g->cut_start, g->n_order_columns) * 4);
  b->known = need((size_t)g->n_order_columns * 4);
  b->lane_words = need((size_t)g->n_set_columns * BLOCK * 4);
  b->profile_fit = need((size_t)g->profile_count * BLOCK * 4);
  b->profile_max = need((size_t)g->profile_count * 4);
  b->stack_true = need((size_t)g->stack_depth * 4);
  b->stack_false = need((size_t)g->stack_depth * 4);
  b->stack_missing = need((size_t)g->stack_depth * 4);
}

static void place_values(const double *rows, int32_t start, int lanes, const Program *g, Block *b) {
  const int32_t width = g->width;
  const double *cuts = g->cuts;
  uint32_t *below = b->below;
  for (int32_t s = 0; s < g->n_order_columns; s++) {
    const int32_t from = g->cut_start[s];
    const int32_t n = g->cut_start[s + 1] - from;
    const int32_t at = below_at(g->cut_start, s);
    memset(below + at, 0, (size_t)(2 * n + 2) * 4);
    uint32_t present = 0;
    size_t index = (size_t)start * width + g->order_columns[s];
    for (int i = 0; i < lanes; i++, index += width) {
      const double v = rows[index];
      if (v != v) continue;
      present |= 1u << i;
      /* The cuts below v: a binary search whose halving does not branch on the data. */
      int32_t low = 0;
      int32_t size = n;
      while (size > 0) {
        const int32_t half = size >> 1;
        const int32_t less = (int32_t)(cuts[from + low + half] < v);
        low += less * (half + 1);
        size = half + less * (size - half - half - 1);
      }
      const int32_t equal = (int32_t)(cuts[from + (low < n - 1 ? low : n - 1)] == v);
      const int32_t position = 2 * low + equal;
      below[at + position + 1] |= 1u << i;
    }
    uint32_t lanes_below = 0;
    for (int32_t q = at + 1; q <= at + 2 * n + 1; q++) {
      lanes_below |= below[q];
      below[q] = lanes_below;
    }
    b->known[s] = present;
  }
}

static void evaluate_leaves(const double *rows, int32_t start, int lanes, const Program *g, Block *b) {
  const int32_t *leaves = g->leaves;
  const int32_t width = g->width;
  for (int32_t l = 0, at = 0; l < g->leaf_count; l++, at += LEAF_STRIDE) {
    const int32_t kind = leaves[at];
    const int32_t a = leaves[at + 3];
    const int32_t column = leaves[at + 2];
    uint32_t t = 0, f = 0, m = 0;
    if (kind <= IN) {
      /* A comparison: the lanes below its upper position and not below its lower one. */
      const int32_t end = g->leaf_bound_start[l + 1];
      for (int32_t k = g->leaf_bound_start[l]; k < end; k += 2) {
        t |= b->below[g->bounds[k]] & ~b->below[g->bounds[k + 1]];
      }
      const uint32_t present = b->known[b->order_slot[column]];
      f = present & ~t;
      m = ~present;
    } else if (kind == SET_ANY || kind == SET_ALL) {
      const int all = kind == SET_ALL;
      size_t index = (size_t)start * width + column;
      for (int i = 0; i < lanes; i++, index += width) {
        const double v = rows[index];
        if (v != v) continue;
        const uint32_t held = (uint32_t)(int32_t)v & (uint32_t)a;
        const int holds = all ? held == (uint32_t)a : held != 0;
        t |= (uint32_t)holds << i;
        f |= (uint32_t)!holds << i;
      }
      m = ~(t | f);
    } else {
      /* EXISTS: never unknown. */
      size_t index = (size_t)start * width + column;
      for (int i = 0; i < lanes; i++, index += width) {
        const double v = rows[index];
        t |= (uint32_t)(v == v) << i;
      }
      f = ~t;
    }
    /* Negated: true and false swap (without a branch: the flag is -1 or 0). */
    const uint32_t swap = (t ^ f) & (uint32_t)-leaves[at + 1];
    b->leaf_true[l] = t ^ swap;
    b->leaf_false[l] = f ^ swap;
    b->leaf_missing[l] = m;
  }
}

static void load_block(const double *rows, int32_t start, int lanes, const Program *g, Block *b) {
  const int32_t width = g->width;
  const int32_t *terms = g->terms;
  b->lanes = lanes;
  b->valid = lanes == BLOCK ? 0xffffffffu : (1u << lanes) - 1u;
  uint32_t consent = 0;
  size_t at = (size_t)start * width + g->consent_column;
  for (int i = 0; i < lanes; i++, at += width) {
    consent |= (uint32_t)(rows[at] == 1) << i;
  }
  b->consent = consent;
  for (int32_t s = 0; s < g->n_set_columns; s++) {
    const int32_t base = s * BLOCK;
    size_t at2 = (size_t)start * width + g->set_columns[s];
    for (int i = 0; i < lanes; i++, at2 += width) {
      const double value = rows[at2];
      b->lane_words[base + i] = value != value ? 0 : (uint32_t)(int32_t)value;
    }
  }
  for (int c = 0; c < 4; c++) {
    const int base = c * BLOCK;
    size_t at3 = (size_t)start * width + g->preference_column + c;
    for (int i = 0; i < lanes; i++, at3 += width) {
      b->lane_preference[base + i] = (int32_t)rows[at3];
    }
  }
  for (int32_t r = 0; r < g->profile_count; r++) {
    const int32_t base = r * BLOCK;
    const int32_t preference_at = g->profile_class[r] * BLOCK;
    const int32_t from = g->profile_term_start[r] * TERM_STRIDE;
    const int32_t to = g->profile_term_start[r + 1] * TERM_STRIDE;
    int32_t max = 0;
    for (int i = 0; i < lanes; i++) {
      int32_t fit = b->lane_preference[preference_at + i];
      for (int32_t t = from; t < to; t += TERM_STRIDE) {
        const uint32_t word = b->lane_words[terms[t] * BLOCK + i] & (uint32_t)terms[t + 1];
        fit = fit + terms[t + 2] * __builtin_popcount(word);
      }
      b->profile_fit[base + i] = fit;
      if (fit > max) max = fit;
    }
    b->profile_max[r] = max;
  }
  place_values(rows, start, lanes, g, b);
  evaluate_leaves(rows, start, lanes, g, b);
}

static int lane_status(uint32_t undecided, uint32_t referred, int i) {
  if (((referred >> i) & 1u) != 0) return STATUS_REFERRED;
  return ((undecided >> i) & 1u) != 0 ? STATUS_POSSIBLY_ELIGIBLE : STATUS_ELIGIBLE;
}

static int32_t insert_ranked(int32_t *scores, int32_t *items, int8_t *statuses, int32_t *counts, int32_t owner,
                             int32_t k, int32_t score, int32_t item, int status) {
  const size_t base = (size_t)owner * k;
  const int32_t count = counts[owner];
  int32_t at = count < k ? count : k - 1;
  if (count < k) counts[owner] = count + 1;
  while (at > 0 && scores[base + at - 1] < score) {
    scores[base + at] = scores[base + at - 1];
    items[base + at] = items[base + at - 1];
    statuses[base + at] = statuses[base + at - 1];
    at--;
  }
  scores[base + at] = score;
  items[base + at] = item;
  statuses[base + at] = (int8_t)status;
  return count + 1 < k ? NO_THRESHOLD : scores[base + k - 1];
}

static int32_t rank_threshold(const int32_t *scores, const int32_t *counts, int32_t owner, int32_t k) {
  return counts[owner] < k ? NO_THRESHOLD : scores[(size_t)owner * k + k - 1];
}

static int32_t lowest(const int32_t *thresholds, int lanes) {
  int32_t floor = INT32_MAX;
  for (int i = 0; i < lanes; i++) {
    const int32_t threshold = thresholds[i];
    if (threshold < floor) floor = threshold;
  }
  return floor;
}

static int32_t lowest_threshold(int32_t *thresholds, int lanes, const int32_t *top_scores, const int32_t *top_count,
                                int32_t start, int32_t k) {
  int32_t floor = INT32_MAX;
  for (int i = 0; i < lanes; i++) {
    const int32_t threshold = rank_threshold(top_scores, top_count, start + i, k);
    thresholds[i] = threshold;
    if (threshold < floor) floor = threshold;
  }
  return lanes == 0 ? NO_THRESHOLD : floor;
}

/* A rank key is score * 2^20 + (65535 - product) * 4 + status (match-range.ts). */
#define KEY_SCALE 1048576.0
#define MAX_PRODUCTS 65535

static double rank_key(int32_t score, int32_t product, int status) {
  return (double)score * KEY_SCALE + (double)(MAX_PRODUCTS - product) * 4 + status;
}

static int32_t insert_key(double *keys, int32_t *counts, int lane, int32_t k, double key) {
  const size_t base = (size_t)lane * k;
  const int32_t count = counts[lane];
  int32_t at = count < k ? count : k - 1;
  if (count < k) counts[lane] = count + 1;
  while (at > 0 && keys[base + at - 1] < key) {
    keys[base + at] = keys[base + at - 1];
    at--;
  }
  keys[base + at] = key;
  return count + 1 < k ? NO_THRESHOLD : (int32_t)floor(keys[base + k - 1] / KEY_SCALE);
}

static void pack_rankings(double *keys, int32_t *counts, int lanes, int32_t k, int32_t start, const Results *r) {
  for (int i = 0; i < lanes; i++) {
    const int32_t count = r->top_count[start + i];
    counts[i] = count;
    for (int32_t j = 0; j < count; j++) {
      const size_t at = (size_t)(start + i) * k + j;
      keys[(size_t)i * k + j] = rank_key(r->top_scores[at], r->top_products[at], r->top_statuses[at]);
    }
  }
}

static void unpack_rankings(const double *keys, const int32_t *counts, int lanes, int32_t k, int32_t start,
                            Results *r) {
  for (int i = 0; i < lanes; i++) {
    const int32_t count = counts[i];
    r->top_count[start + i] = count;
    for (int32_t j = 0; j < count; j++) {
      const double key = keys[(size_t)i * k + j];
      const double score = floor(key / KEY_SCALE);
      const double rest = key - score * KEY_SCALE;
      const size_t at = (size_t)(start + i) * k + j;
      r->top_scores[at] = (int32_t)score;
      r->top_products[at] = MAX_PRODUCTS - (int32_t)floor(rest / 4);
      r->top_statuses[at] = (int8_t)fmod(rest, 4);
    }
  }
}

static void match_range(const double *rows, const Program *g, int32_t from, int32_t to, Results *r, Block *block) {
  const int32_t product_count = g->product_count;
  const int32_t k_products = g->k_products, k_leads = g->k_leads;
  const int32_t *product_profile = g->product_profile;
  const int32_t *profile_fit = block->profile_fit;
  const int32_t *profile_max = block->profile_max;
  const int32_t *program = g->code;
  const uint32_t *leaf_true = block->leaf_true, *leaf_false = block->leaf_false, *leaf_missing = block->leaf_missing;
  uint32_t *stack_true = block->stack_true, *stack_false = block->stack_false, *stack_missing = block->stack_missing;
  int32_t thresholds[BLOCK] = {0};
  int32_t lane_scores[BLOCK] = {0};
  /* The block's enterprises' rankings while the block is matched, one packed key per entry. */
  double *ranked = need((size_t)BLOCK * g->k_products * sizeof(double));
  int32_t ranked_count[BLOCK] = {0};
  /* Per lane, the most any product could score for it in this block. */
  int32_t lane_best[BLOCK] = {0};
  int32_t *lead_thresholds = need((size_t)product_count * 4);
  for (int32_t p = 0; p < product_count; p++) lead_thresholds[p] = rank_threshold(r->lead_scores, r->lead_count, p, k_leads);
  /* Bit planes counting, per lane, the products that match. */
  uint32_t planes[16];
  for (int32_t start = from; start < to; start += BLOCK) {
    const int lanes = to - start < BLOCK ? to - start : BLOCK;
    load_block(rows, start, lanes, g, block);
    int32_t floor = lowest_threshold(thresholds, lanes, r->top_scores, r->top_count, start, k_products);
    pack_rankings(ranked, ranked_count, lanes, k_products, start, r);
    /* A lane is open while its best possible score beats its threshold; a closed lane is never scored again. */
    uint32_t open = 0;
    for (int i = 0; i < lanes; i++) {
      int32_t best = 0;
      for (int32_t q = 0; q < g->profile_count; q++) best = best > profile_fit[q * BLOCK + i] ? best : profile_fit[q * BLOCK + i];
      best = SCORE_BASE + SCORE_ELIGIBLE + best;
      lane_best[i] = best;
      open |= (uint32_t)(best > thresholds[i]) << i;
    }
    memset(planes, 0, sizeof planes);
    for (int32_t p = 0; p < product_count; p++) {
      /* runProduct (block.ts), written out: the product's rules over the block's leaves. */
      int32_t pc = g->code_start[p];
      const int32_t end = g->code_start[p + 1];
      uint32_t excluded = 0, undecided = 0, declined = 0, referred = 0;
      uint32_t c0 = 0, c1 = 0, c2 = 0;
      int32_t sp = 0;
      while (pc < end) {
        const int32_t op = program[pc];
        /* The missing-fact mask of a rule just decided, counted after the branches. */
        uint32_t m = 0;
        if (op >= OP_ELIGIBILITY_LEAF) {
          const int32_t l = program[pc + 1];
          m = leaf_missing[l];
          if (op == OP_ELIGIBILITY_LEAF) {
            excluded |= leaf_false[l];
            undecided |= m;
          } else if (op == OP_DECLINE_LEAF)
            declined |= leaf_true[l];
          else
            referred |= leaf_true[l];
          pc += 2;
        } else if (op >= OP_ELIGIBILITY) {
          sp--;
          m = stack_missing[sp];
          if (op == OP_ELIGIBILITY) {
            excluded |= stack_false[sp];
            undecided |= m;
          } else if (op == OP_DECLINE)
            declined |= stack_true[sp];
          else
            referred |= stack_true[sp];
          pc += 1;
        } else if (op == OP_LEAF) {
          const int32_t l = program[pc + 1];
          stack_true[sp] = leaf_true[l];
          stack_false[sp] = leaf_false[l];
          stack_missing[sp] = leaf_missing[l];
          sp++;
          pc += 2;
        } else if (op == OP_ALL || op == OP_ANY) {
          const int32_t n = program[pc + 1];
          const int all = op == OP_ALL;
          uint32_t t = all ? 0xffffffffu : 0;
          uint32_t f = all ? 0 : 0xffffffffu;
          uint32_t missing = 0;
          for (int32_t k = 0; k < n; k++) {
            sp--;
            if (all) {
              t &= stack_true[sp];
              f |= stack_false[sp];
            } else {
              t |= stack_true[sp];
              f &= stack_false[sp];
            }
            missing |= stack_missing[sp];
          }
          stack_true[sp] = t;
          stack_false[sp] = f;
          /* Decided lanes report nothing missing. */
          stack_missing[sp] = missing & ~(t | f);
          sp++;
          pc += 2;
        } else if (op == OP_NOT) {
          const uint32_t t = stack_true[sp - 1];
          stack_true[sp - 1] = stack_false[sp - 1];
          stack_false[sp - 1] = t;
          pc += 1;
        } else if (op == OP_CLEAR_TRUE) {
          stack_true[sp - 1] = 0;
          pc += 1;
        } else {
          stack_false[sp - 1] = 0;
          pc += 1;
        }
        if (m != 0) {
          /* Add one to the lanes of m in the three bit planes; a carry out of the top saturates at 7. */
          uint32_t carry = c0 & m;
          c0 ^= m;
          uint32_t next = c1 & carry;
          c1 ^= carry;
          carry = c2 & next;
          c2 ^= next;
          next = carry;
          c0 |= next;
          c1 |= next;
          c2 |= next;
        }
      }
      const uint32_t match = block->valid & ~excluded & ~declined;
      if (match == 0) continue;
      const uint32_t lead_lanes = match & block->consent;
      r->matches[p] += __builtin_popcount(match);
      r->consenting_matches[p] += __builtin_popcount(lead_lanes);
      uint32_t carry = match;
      for (int j = 0; carry != 0; j++) {
        const uint32_t next = planes[j] & carry;
        planes[j] ^= carry;
        carry = next;
      }
      /* The most any matching lane can score: a bound, for skipping the lanes when none can get in. */
      const int32_t profile = product_profile[p];
      const int32_t fit_at = profile * BLOCK;
      const int32_t bound = SCORE_BASE + SCORE_ELIGIBLE * (int32_t)((match & ~undecided) != 0) -
                            SCORE_REFERRED * (int32_t)((match & ~referred) == 0) + profile_max[profile];
      int32_t lead_threshold = lead_thresholds[p];
      const int for_enterprises = bound > floor;
      const int for_product = lead_lanes != 0 && bound > lead_threshold;
      if (!for_enterprises && !for_product) continue;
      /* Two passes over the lanes: score them all, then rank only those that beat a threshold, in lane order. */
      uint32_t better = 0;
      uint32_t lead_better = 0;
      uint32_t pending = (for_enterprises ? match & open : 0) | (for_product ? lead_lanes : 0);
      while (pending != 0) {
        const int i = 31 - __builtin_clz(pending ^ (pending - 1));
        pending &= pending - 1;
        /* laneScore (block.ts), statement for statement. */
        const int32_t count = (int32_t)(((c0 >> i) & 1u) + (((c1 >> i) & 1u) << 1) + (((c2 >> i) & 1u) << 2));
        const int32_t fit = profile_fit[fit_at + i];
        const int32_t score = SCORE_BASE + SCORE_ELIGIBLE * (int32_t)(((undecided >> i) & 1u) ^ 1u) -
                              SCORE_REFERRED * (int32_t)((referred >> i) & 1u) - SCORE_UNDECIDED_RULE * count + fit;
        lane_scores[i] = score;
        better |= (uint32_t)(score > thresholds[i]) << i;
        lead_better |= (uint32_t)(score > lead_threshold) << i;
      }
      lead_better &= lead_lanes;
      int raised = 0;
      uint32_t candidates = better | lead_better;
      while (candidates != 0) {
        const int i = 31 - __builtin_clz(candidates ^ (candidates - 1));
        candidates &= candidates - 1;
        const int32_t row = start + i;
        const int32_t score = lane_scores[i];
        if (((better >> i) & 1u) != 0) {
          const int32_t was = thresholds[i];
          const int status = lane_status(undecided, referred, i);
          thresholds[i] = insert_key(ranked, ranked_count, i, k_products, rank_key(score, p, status));
          if (was == floor) raised = 1;
          /* Close the lane once no product can enter its ranking. */
          open &= ~((uint32_t)(lane_best[i] <= thresholds[i]) << i);
        }
        /* The product's threshold rises as leads go in: check again. */
        if ((((lead_better >> i) & 1u) & (uint32_t)(score > lead_threshold)) != 0) {
          const int status = lane_status(undecided, referred, i);
          lead_threshold = insert_ranked(r->lead_scores, r->leads, r->lead_statuses, r->lead_count, p, k_leads, score,
                                         row, status);
        }
      }
      lead_thresholds[p] = lead_threshold;
      /* A lane at the floor rose: the floor is the lowest threshold again (only the bound test reads it). */
      if (raised) floor = lowest(thresholds, lanes);
    }
    for (int i = 0; i < lanes; i++) {
      int32_t n = 0;
      for (int j = 0; j < 16; j++) n |= (int32_t)((planes[j] >> i) & 1u) << j;
      r->product_matches[start + i] = n;
    }
    unpack_rankings(ranked, ranked_count, lanes, k_products, start, r);
  }
  free(lead_thresholds);
  free(ranked);
}

static Results create_results(const Program *g) {
  Results r;
  const size_t e = (size_t)g->count, p = (size_t)g->product_count;
  r.top_count = need(e * 4);
  r.top_products = need(e * g->k_products * 4);
  r.top_scores = need(e * g->k_products * 4);
  r.top_statuses = need(e * g->k_products);
  r.product_matches = need(e * 4);
  r.lead_count = need(p * 4);
  r.leads = need(p * g->k_leads * 4);
  r.lead_scores = need(p * g->k_leads * 4);
  r.lead_statuses = need(p * g->k_leads);
  r.matches = need(p * 4);
  r.consenting_matches = need(p * 4);
  return r;
}

static void free_results(Results *r) {
  free(r->top_count);
  free(r->top_products);
  free(r->top_scores);
  free(r->top_statuses);
  free(r->product_matches);
  free(r->lead_count);
  free(r->leads);
  free(r->lead_scores);
  free(r->lead_statuses);
  free(r->matches);
  free(r->consenting_matches);
}

/* FNV-1a over 32-bit words (int8 statuses sign-extended), as binary.ts computes it. */
static uint32_t fnv_ints(uint32_t h, const int32_t *values, size_t n) {
  for (size_t i = 0; i < n; i++) h = (h ^ (uint32_t)values[i]) * 16777619u;
  return h;
}

static uint32_t fnv_bytes(uint32_t h, const int8_t *values, size_t n) {
  for (size_t i = 0; i < n; i++) h = (h ^ (uint32_t)(int32_t)values[i]) * 16777619u;
  return h;
}

static double clock_ms(clockid_t clock) {
  struct timespec ts;
  clock_gettime(clock, &ts);
  return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

int main(int argc, char **argv) {
  if (argc < 2) {
    fprintf(stderr, "usage: %s input.bin [repeats]\n", argv[0]);
    return 2;
  }
  const int repeats = argc > 2 ? atoi(argv[2]) : 1;
  Program g;
  read_program(argv[1], &g);
  Block block;
  create_block(&g, &block);
  Results r = create_results(&g);
  for (int run = 0; run < (repeats > 0 ? repeats : 1); run++) {
    free_results(&r);
    const double start = clock_ms(CLOCK_MONOTONIC);
    const double cpu_start = clock_ms(CLOCK_PROCESS_CPUTIME_ID);
    /* As matchAll: fresh results, then every row with every product. */
    r = create_results(&g);
    match_range(g.rows, &g, 0, g.count, &r, &block);
    printf("run %.3f %.3f\n", clock_ms(CLOCK_MONOTONIC) - start, clock_ms(CLOCK_PROCESS_CPUTIME_ID) - cpu_start);
  }
  const size_t e = (size_t)g.count, p = (size_t)g.product_count;
  const uint32_t basis = 2166136261u;
  const uint32_t scores =
      fnv_ints(fnv_ints(basis, r.top_scores, e * g.k_products), r.lead_scores, p * g.k_leads);
  uint32_t rankings = basis;
  rankings = fnv_ints(rankings, r.top_count, e);
  rankings = fnv_ints(rankings, r.top_products, e * g.k_products);
  rankings = fnv_bytes(rankings, r.top_statuses, e * g.k_products);
  rankings = fnv_ints(rankings, r.product_matches, e);
  rankings = fnv_ints(rankings, r.lead_count, p);
  rankings = fnv_ints(rankings, r.leads, p * g.k_leads);
  rankings = fnv_bytes(rankings, r.lead_statuses, p * g.k_leads);
  rankings = fnv_ints(rankings, r.matches, p);
  rankings = fnv_ints(rankings, r.consenting_matches, p);
  printf("checksums %08x %08x\n", scores, rankings);
  return 0;
}
