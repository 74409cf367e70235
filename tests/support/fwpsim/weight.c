/*
 * weight.c -- the effective weight BFE generates for an FWP_EMPTY / FWP_UINT8 filter weight (Microsoft:
 * filter-weight-assignment: the low 60 bits are generated; their layout is not documented). The same tables
 * and arithmetic as modules/graph/weight.ts, which explains them (inferred from a real dump's
 * effectiveWeights; docs/windows-verification.md EW1, EW2); tests/ffi/effective_weight.test.ts checks that
 * both agree.
 */
#include <math.h>
#include <string.h>

#include "sim.h"

#define AUTO_MAX ((1ull << 60) - 1)

typedef struct Fitted {
  const char *layer;
  int field;
  uint64_t exact;
  int scaled; /* 0: a non-exact condition contributes the lowest bit of exact */
} Fitted;

/* fields read from the real dump's ALE filters (weight.ts FITTED) */
static const Fitted fitted[] = {
    {"ALE_AUTH_CONNECT_V4", C_PROTOCOL, 7ull << 47, 0},    {"ALE_AUTH_CONNECT_V4", C_LOCAL_PORT, 1ull << 46, 0},
    {"ALE_AUTH_CONNECT_V4", C_REMOTE_PORT, 7ull << 39, 0}, {"ALE_AUTH_CONNECT_V4", C_APP_ID, 1ull << 38, 0},
    {"ALE_AUTH_CONNECT_V4", C_USER_ID, 1ull << 37, 0},     {"ALE_AUTH_CONNECT_V4", C_FLAGS, 1ull << 36, 0},
    {"ALE_AUTH_CONNECT_V6", C_PROTOCOL, 3ull << 45, 0},    {"ALE_AUTH_CONNECT_V6", C_LOCAL_PORT, 1ull << 44, 0},
    {"ALE_AUTH_CONNECT_V6", C_REMOTE_PORT, 7ull << 37, 0}, {"ALE_AUTH_CONNECT_V6", C_APP_ID, 1ull << 36, 0},
    {"ALE_AUTH_CONNECT_V6", C_USER_ID, 1ull << 35, 0},     {"ALE_AUTH_CONNECT_V6", C_FLAGS, 1ull << 34, 0},
    {"ALE_AUTH_RECV_ACCEPT_V4", C_PROTOCOL, 3ull << 49, 0},
    {"ALE_AUTH_RECV_ACCEPT_V4", C_LOCAL_PORT, 1ull << 48, 5},
    {"ALE_AUTH_RECV_ACCEPT_V4", C_REMOTE_PORT, 7ull << 40, 0},
    {"ALE_AUTH_RECV_ACCEPT_V4", C_APP_ID, 1ull << 39, 0},
    {"ALE_AUTH_RECV_ACCEPT_V4", C_USER_ID, 1ull << 38, 0},
    {"ALE_AUTH_RECV_ACCEPT_V4", C_FLAGS, 1ull << 35, 0},
    {"ALE_AUTH_RECV_ACCEPT_V6", C_PROTOCOL, 3ull << 47, 0},
    {"ALE_AUTH_RECV_ACCEPT_V6", C_LOCAL_PORT, 1ull << 46, 5},
    {"ALE_AUTH_RECV_ACCEPT_V6", C_REMOTE_PORT, 3ull << 39, 0},
    {"ALE_AUTH_RECV_ACCEPT_V6", C_APP_ID, 1ull << 38, 0},
    {"ALE_AUTH_RECV_ACCEPT_V6", C_USER_ID, 1ull << 37, 0},
    {"ALE_AUTH_RECV_ACCEPT_V6", C_FLAGS, 1ull << 34, 0},
};

/* the inferred layout everywhere else (weight.ts GENERIC): lowest bit, width */
static const int generic[C_COUNT][2] = {
    [C_REMOTE_ADDR] = {52, 8}, [C_LOCAL_ADDR] = {44, 8},     [C_PROTOCOL] = {40, 4},       [C_LOCAL_PORT] = {34, 6},
    [C_REMOTE_PORT] = {28, 6}, [C_LOCAL_ADDR_TYPE] = {27, 1}, [C_APP_ID] = {26, 1},         [C_USER_ID] = {25, 1},
    [C_REMOTE_USER_ID] = {24, 1}, [C_REMOTE_MACHINE_ID] = {23, 1}, [C_FLAGS] = {22, 1}, [C_LOCAL_IF] = {21, 1},
    [C_PROFILE] = {20, 1},
};

static int bit_width(uint32_t type) {
  switch (type) {
  case FWP_UINT8: return 8;
  case FWP_UINT16: return 16;
  case FWP_UINT32: case FWP_V4_ADDR_MASK: return 32;
  case FWP_UINT64: return 64;
  case FWP_BYTE_ARRAY16_TYPE: case FWP_V6_ADDR_MASK: return 128;
  default: return 0;
  }
}

typedef unsigned __int128 u128;

static u128 scalar(const SIM_FWP_VALUE0 *v) {
  switch (v->type) {
  case FWP_UINT8: return v->uint8;
  case FWP_UINT16: return v->uint16;
  case FWP_UINT32: return v->uint32;
  case FWP_UINT64: return *v->uint64;
  case FWP_BYTE_ARRAY16_TYPE: {
    u128 n = 0;
    for (int i = 0; i < 16; i++) n = (n << 8) | v->byteArray16->byteArray16[i];
    return n;
  }
  default: return 0;
  }
}

/* log2 of size from its bit length and top 53 bits (weight.ts log2Big) */
static double log2_size(u128 n) {
  int bits = 0;
  for (u128 m = n; m; m >>= 1) bits++;
  int shift = bits > 53 ? bits - 53 : 0;
  return log2((double)(uint64_t)(n >> shift)) + shift;
}

/* log2 of how many values the condition admits; -1 for an exact or identity test */
static double cond_log2(const SIM_FWPM_FILTER_CONDITION0 *c) {
  const SIM_FWP_CONDITION_VALUE0 *v = &c->conditionValue;
  if (v->type == FWP_V4_ADDR_MASK) return 32 - __builtin_popcount(v->v4AddrMask->mask);
  if (v->type == FWP_V6_ADDR_MASK) return 128 - v->v6AddrMask->prefixLength;
  if (v->type == FWP_RANGE_TYPE) {
    u128 d = scalar(&v->rangeValue->valueHigh) - scalar(&v->rangeValue->valueLow);
    if (d == ~(u128)0) return 128;
    return log2_size(d + 1);
  }
  return -1;
}

uint64_t auto_weight(const Layer *L, const SIM_FWPM_FILTER_CONDITION0 *c, uint32_t n) {
  uint64_t w = 0;
  bool seen[C_COUNT] = {0};
  for (uint32_t i = 0; i < n; i++) {
    int field = cond_find(&c[i].fieldKey, NULL);
    if (field < 0 || seen[field]) continue;
    seen[field] = true;
    /* the field's conditions, in order: count, exactness, width, log2 of the union's size */
    int count = 0, width = 0;
    bool allExact = true;
    double sizeLog = 0;
    bool first = true;
    for (uint32_t j = i; j < n; j++) {
      if (cond_find(&c[j].fieldKey, NULL) != field) continue;
      count++;
      double l = cond_log2(&c[j]);
      const SIM_FWP_CONDITION_VALUE0 *v = &c[j].conditionValue;
      int bw = bit_width(v->type == FWP_RANGE_TYPE ? v->rangeValue->valueLow.type : v->type);
      if (bw > width) width = bw;
      if (l > 0) allExact = false;
      double li = l < 0 ? 0 : l;
      if (first) sizeLog = li;
      else sizeLog = fmax(sizeLog, li) + log2(1 + pow(2, -fabs(sizeLog - li)));
      first = false;
    }
    bool exact = count == 1 && allExact;
    double frac = exact || !width ? 1 : fmax(0, fmin(1, (width - sizeLog) / width));
    const Fitted *fit = NULL;
    for (size_t k = 0; k < sizeof fitted / sizeof fitted[0]; k++)
      if (fitted[k].field == field && strcmp(fitted[k].layer, L->name) == 0) fit = &fitted[k];
    if (fit) {
      if (exact) w += fit->exact;
      else if (fit->scaled) w += (uint64_t)floor(frac * (double)(1u << fit->scaled)) * (fit->exact >> fit->scaled);
      else w += fit->exact & (~fit->exact + 1);
      continue;
    }
    int low = generic[field][0], bits = generic[field][1];
    uint64_t full = (1ull << bits) - 1;
    uint64_t value = exact ? full : (uint64_t)fmax(1, floor(frac * (double)full));
    w += value << low;
  }
  return w > AUTO_MAX ? AUTO_MAX : w;
}
