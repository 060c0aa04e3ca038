/* The jet tagger (16-64-32-32-5, ReLU, softmax 'stable') in plain C with the integer arithmetic of
 * hls4ml's nnet_utils at ap_fixed<16,6> (AP_TRN, AP_WRAP) and softmax tables ap_fixed<18,8,AP_RND,AP_SAT>:
 * the reference point of bench/hls-predict.ts. Weights, biases, tables and shifts come from
 * bench/build/jet-weights.h, which the benchmark writes from ngt's hardware IR, so both sides compute the
 * same bits (the benchmark checks that they do). Build: gcc -O2 -I bench/build bench/c/jet-tagger.c -lm
 * Run: ./jet-tagger INPUTS.f64 COUNT REPEATS OUTPUTS.i32 -> prints samples per second. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <math.h>
#include <time.h>
#include "jet-weights.h"

/* Two's complement wrap to W bits (AP_WRAP). */
static inline int32_t wrap(int64_t v, int w) { return (int32_t)((int64_t)((uint64_t)v << (64 - w)) >> (64 - w)); }

static void dense(const int32_t *x, int n_in, int n_out, const int32_t *w, const int32_t *b, int32_t *out) {
  for (int j = 0; j < n_out; j++) {
    int32_t acc = b[j];
    const int32_t *wj = w + j * n_in;
    for (int i = 0; i < n_in; i++) {
      int32_t p = wrap(((int64_t)x[i] * wj[i]) >> PRODUCT_SHIFT, ACCUM_WIDTH);
      acc = wrap((int64_t)acc + p, ACCUM_WIDTH);
    }
    out[j] = acc; /* result type == accum type here */
  }
}

static void relu(int32_t *x, int n) { for (int i = 0; i < n; i++) if (x[i] < 0) x[i] = 0; }

static inline int32_t sat(int64_t v, int w) {
  int64_t hi = ((int64_t)1 << (w - 1)) - 1, lo = -((int64_t)1 << (w - 1));
  return (int32_t)(v > hi ? hi : v < lo ? lo : v);
}

static void softmax(const int32_t *x, int32_t *out) {
  int32_t max = x[0];
  for (int i = 1; i < 5; i++) if (x[i] > max) max = x[i];
  int32_t e[5];
  for (int i = 0; i < 5; i++) {
    int32_t d = sat((int64_t)x[i] - max, DATA_WIDTH);
    e[i] = EXP_TABLE[((uint32_t)d & ((1u << DATA_WIDTH) - 1)) >> (DATA_WIDTH - TABLE_BITS)];
  }
  /* nnet_common.h reduce over 5: ((e0 + e1) + (e2 + e3)) + e4, each sum saturated to exp_table_t. */
  int32_t s01 = sat((int64_t)e[0] + e[1], EXP_WIDTH), s23 = sat((int64_t)e[2] + e[3], EXP_WIDTH);
  int32_t s03 = sat((int64_t)s01 + s23, EXP_WIDTH), total = sat((int64_t)s03 + e[4], EXP_WIDTH);
  int32_t inv = INV_TABLE[((uint32_t)total & ((1u << EXP_WIDTH) - 1)) >> (EXP_WIDTH - TABLE_BITS)];
  for (int i = 0; i < 5; i++) out[i] = wrap(((int64_t)e[i] * inv) >> SOFTMAX_SHIFT, DATA_WIDTH);
}

int main(int argc, char **argv) {
  if (argc != 5) { fprintf(stderr, "usage: jet-tagger INPUTS.f64 COUNT REPEATS OUTPUTS.i32\n"); return 2; }
  long count = atol(argv[2]), repeats = atol(argv[3]);
  double *inputs = malloc(sizeof(double) * count * 16);
  int32_t *outputs = malloc(sizeof(int32_t) * count * 5);
  FILE *f = fopen(argv[1], "rb");
  if (!f || fread(inputs, sizeof(double), count * 16, f) != (size_t)(count * 16)) { fprintf(stderr, "cannot read inputs\n"); return 1; }
  fclose(f);
  struct timespec t0, t1;
  clock_gettime(CLOCK_MONOTONIC, &t0);
  for (long r = 0; r < repeats; r++) {
    for (long s = 0; s < count; s++) {
      int32_t x[16], h1[64], h2[32], h3[32], y[5];
      /* ap_fixed<16,6> from double: floor(x * 2^10), wrapped. */
      for (int i = 0; i < 16; i++) x[i] = wrap((int64_t)floor(inputs[s * 16 + i] * (1 << INPUT_FRACTION)), DATA_WIDTH);
      dense(x, 16, 64, W1, B1, h1); relu(h1, 64);
      dense(h1, 64, 32, W2, B2, h2); relu(h2, 32);
      dense(h2, 32, 32, W3, B3, h3); relu(h3, 32);
      dense(h3, 32, 5, W4, B4, y);
      softmax(y, outputs + s * 5);
    }
  }
  clock_gettime(CLOCK_MONOTONIC, &t1);
  double seconds = (t1.tv_sec - t0.tv_sec) + 1e-9 * (t1.tv_nsec - t0.tv_nsec);
  printf("%.1f\n", (double)count * repeats / seconds);
  f = fopen(argv[4], "wb");
  fwrite(outputs, sizeof(int32_t), count * 5, f);
  fclose(f);
  return 0;
}
