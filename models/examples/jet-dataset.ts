// A synthetic stand-in for hls4ml's jet-substructure data set (Duarte et al. 2018, 'hls4ml_lhc_jets_hlf'):
// five classes g, q, W, Z, t and its 16 high-level features, drawn from class-conditional
// distributions with the physics that makes them separate, and the overlaps that keep the best
// classifiers near the real data set's ~75-80% accuracy. Not a simulation: a
// labelled, reproducible data set with the right shape and difficulty for the FPGA flow.
import { encodeNpy } from '../npy.js';
import type { Random } from './random.js';

export const JET_CLASSES = ['g', 'q', 'W', 'Z', 't'] as const;

/** The real data set's feature names and order (soft-drop groomed, 'mmdt', energy-correlation observables). */
export const JET_FEATURES = [
  'j_zlogz',
  'j_c1_b0_mmdt',
  'j_c1_b1_mmdt',
  'j_c1_b2_mmdt',
  'j_c2_b1_mmdt',
  'j_c2_b2_mmdt',
  'j_d2_b1_mmdt',
  'j_d2_b2_mmdt',
  'j_d2_a1_b1_mmdt',
  'j_d2_a1_b2_mmdt',
  'j_m2_b1_mmdt',
  'j_m2_b2_mmdt',
  'j_n2_b1_mmdt',
  'j_n2_b2_mmdt',
  'j_mass_mmdt',
  'j_multiplicity',
] as const;

export interface JetDataset {
  /** Row-major [count, 16]. */
  features: Float64Array;
  /** Class index into JET_CLASSES. */
  labels: Int32Array;
  count: number;
}

/** The hidden per-jet quantities that all 16 observables derive from. */
interface Jet {
  pt: number;
  mass: number;
  /** 0..1, low for a clean two-prong (W, Z, top's W) substructure. */
  twoProng: number;
  /** 0..1, low for a clean three-prong (top) substructure. */
  threeProng: number;
  /** 0..1, how much soft radiation: gluons radiate most (colour factor C_A = 3 vs C_F = 4/3). */
  width: number;
  multiplicity: number;
}

const W_MASS = 80.4;
const Z_MASS = 91.2;
const TOP_MASS = 172.8;

function logistic(value: number): number {
  return 1 / (1 + Math.exp(-value));
}

/** Light QCD masses: a broad log-normal, heavier for gluons. */
function qcdMass(random: Random, median: number): number {
  return median * Math.exp(0.55 * random.normal());
}

function drawJet(random: Random, label: number): Jet {
  const pt = 1000 * Math.exp(0.08 * random.normal());
  // Resolution and pile-up smear every mass peak; a fraction of boson and top jets lose a prong to
  // grooming and look QCD-like: that is where the real data set's confusion comes from.
  const smear = 1 + 0.03 * random.normal();
  let mass: number;
  let twoProngCentre: number;
  let threeProngCentre = 0.6;
  let widthCentre: number;
  let multiplicityMean: number;
  switch (label) {
    case 0: // gluon
      mass = qcdMass(random, 38);
      twoProngCentre = 0.25;
      widthCentre = 0.6;
      multiplicityMean = 52;
      break;
    case 1: // light quark
      mass = qcdMass(random, 24);
      twoProngCentre = 0.1;
      widthCentre = -0.5;
      multiplicityMean = 32;
      break;
    case 2: // W
    case 3: {
      // Z
      const peak = label === 2 ? W_MASS : Z_MASS;
      const contained = random.uniform() < 0.85;
      mass = contained ? peak * smear + 6.5 * random.normal() : qcdMass(random, 30);
      twoProngCentre = contained ? -1.2 : 0;
      widthCentre = -0.4;
      multiplicityMean = label === 2 ? 40 : 42;
      break;
    }
    default: {
      // top: mostly all three quarks inside the jet; sometimes only the W, sometimes one b + one quark
      const u = random.uniform();
      if (u < 0.66) {
        mass = TOP_MASS * smear + 17 * random.normal();
        threeProngCentre = -1.1;
        twoProngCentre = -0.4;
      } else if (u < 0.86) {
        mass = W_MASS * smear + 11 * random.normal();
        twoProngCentre = -0.9;
      } else {
        mass = qcdMass(random, 60);
        twoProngCentre = -0.2;
      }
      widthCentre = 0.3;
      multiplicityMean = 60;
    }
  }
  mass = Math.max(1, mass);
  const width = logistic(widthCentre + 0.8 * random.normal());
  const twoProng = logistic(twoProngCentre + 0.8 * random.normal());
  const threeProng = logistic(threeProngCentre + 0.8 * random.normal());
  // Multiplicity grows with radiation; Poisson-like spread.
  const mean = multiplicityMean * (0.8 + 0.4 * width);
  const multiplicity = Math.max(2, Math.round(mean + Math.sqrt(mean) * 1.3 * random.normal()));
  return { pt, mass, twoProng, threeProng, width, multiplicity };
}

/** The 16 observables of one jet, each a noisy function of the hidden quantities. */
function observe(random: Random, jet: Jet, out: Float64Array, offset: number): void {
  const { pt, mass, twoProng, threeProng, width, multiplicity } = jet;
  const n = (): number => random.normal();
  const massRatio = mass / pt;
  const d2 = 0.6 + 3 * twoProng; // D2 = e3/e2^3: large for one-prong jets
  out[offset + 0] = -(0.85 * Math.log(multiplicity) + 0.6 * width) + 0.12 * n();
  out[offset + 1] = 0.15 + 0.35 * width + 0.12 * twoProng + 0.04 * n();
  out[offset + 2] = massRatio * (0.7 + 0.5 * width) * Math.exp(0.1 * n());
  out[offset + 3] = 4 * massRatio * massRatio * (0.5 + width) * Math.exp(0.15 * n());
  out[offset + 4] = 0.05 + 0.3 * twoProng + 0.06 * width + 0.03 * n();
  out[offset + 5] = 0.02 + 0.2 * twoProng * twoProng + 0.05 * width * width + 0.02 * n();
  out[offset + 6] = d2 * Math.exp(0.2 * n());
  out[offset + 7] = (0.3 + 2.6 * twoProng + 0.4 * width) * Math.exp(0.25 * n());
  out[offset + 8] = (0.5 + 1.8 * twoProng + 1.2 * threeProng) * Math.exp(0.2 * n());
  out[offset + 9] = (0.4 + 1.5 * twoProng + 1.6 * threeProng) * Math.exp(0.25 * n());
  out[offset + 10] = 0.03 + 0.08 * width + 0.06 * threeProng + 0.015 * n();
  out[offset + 11] = 0.02 + 0.05 * width * width + 0.07 * threeProng + 0.015 * n();
  out[offset + 12] = 0.12 + 0.32 * twoProng + 0.04 * width + 0.04 * n();
  out[offset + 13] = 0.06 + 0.28 * twoProng * (0.8 + 0.4 * threeProng) + 0.035 * n();
  out[offset + 14] = mass * (1 + 0.02 * n());
  out[offset + 15] = multiplicity;
}

/** `count` jets, classes balanced and interleaved in random order, from the given generator. */
export function generateJets(random: Random, count: number): JetDataset {
  const features = new Float64Array(count * JET_FEATURES.length);
  const labels = new Int32Array(count);
  const order = random.permutation(count);
  for (let i = 0; i < count; i++) {
    const label = (order[i] ?? 0) % JET_CLASSES.length;
    labels[i] = label;
    observe(random, drawJet(random, label), features, i * JET_FEATURES.length);
  }
  return { features, labels, count };
}

export interface Standardisation {
  mean: Float64Array;
  std: Float64Array;
}

/** Per-feature mean and standard deviation (what scikit-learn's StandardScaler fits). */
export function fitStandardisation(data: JetDataset): Standardisation {
  const width = JET_FEATURES.length;
  const mean = new Float64Array(width);
  const std = new Float64Array(width);
  for (let i = 0; i < data.count; i++) for (let f = 0; f < width; f++) mean[f] = (mean[f] ?? 0) + (data.features[i * width + f] ?? 0);
  for (let f = 0; f < width; f++) mean[f] = (mean[f] ?? 0) / data.count;
  for (let i = 0; i < data.count; i++) {
    for (let f = 0; f < width; f++) {
      const d = (data.features[i * width + f] ?? 0) - (mean[f] ?? 0);
      std[f] = (std[f] ?? 0) + d * d;
    }
  }
  for (let f = 0; f < width; f++) std[f] = Math.sqrt((std[f] ?? 0) / data.count);
  return { mean, std };
}

/** (x - mean) / std per feature, in place. */
export function standardise(data: JetDataset, { mean, std }: Standardisation): void {
  const width = JET_FEATURES.length;
  for (let i = 0; i < data.features.length; i++) {
    const f = i % width;
    data.features[i] = ((data.features[i] ?? 0) - (mean[f] ?? 0)) / (std[f] ?? 1);
  }
}

export const JET_SEED = 2018;
export const JET_TRAIN_COUNT = 60_000;
export const JET_TEST_COUNT = 10_000;

export interface JetSplits {
  train: JetDataset;
  test: JetDataset;
  standardisation: Standardisation;
}

/** The examples' fixed train and test splits, standardised with the training split's statistics. */
export function makeJetSplits(random: Random): JetSplits {
  const train = generateJets(random, JET_TRAIN_COUNT);
  const test = generateJets(random, JET_TEST_COUNT);
  const standardisation = fitStandardisation(train);
  standardise(train, standardisation);
  standardise(test, standardisation);
  return { train, test, standardisation };
}

/** The shipped test split: float32 features [M, 16] and int64 labels [M]. */
export function testSplitFiles(test: JetDataset): { x: Uint8Array; y: Uint8Array } {
  return {
    x: encodeNpy({ dtype: 'float32', shape: [test.count, JET_FEATURES.length], data: Float32Array.from(test.features) }),
    y: encodeNpy({ dtype: 'int64', shape: [test.count], data: BigInt64Array.from(test.labels, (label) => BigInt(label)) }),
  };
}
