// The few layer kinds of the convolutional examples, in Float64 over NCHW (1D as H = 1), so the
// script can compute features to train the read-out. Follows the ONNX operator definitions
// (Conv with group/strides/pads, MaxPool and AveragePool without padding, BatchNormalization in inference).

export interface Tensor {
  /** [N, C, H, W]. */
  shape: [number, number, number, number];
  data: Float64Array;
}

export interface ConvParameters {
  /** [M, C / group, kh, kw] row-major. */
  weights: Float64Array;
  bias: Float64Array;
  outChannels: number;
  kernel: [number, number];
  strides: [number, number];
  /** Same padding at both ends of each axis. */
  pads: [number, number];
  group: number;
}

export function conv(x: Tensor, p: ConvParameters): Tensor {
  const [n, c, h, w] = x.shape;
  const [kh, kw] = p.kernel;
  const [sh, sw] = p.strides;
  const [ph, pw] = p.pads;
  const outH = Math.floor((h + 2 * ph - kh) / sh) + 1;
  const outW = Math.floor((w + 2 * pw - kw) / sw) + 1;
  const perGroupIn = c / p.group;
  const perGroupOut = p.outChannels / p.group;
  const out = new Float64Array(n * p.outChannels * outH * outW);
  for (let b = 0; b < n; b++) {
    for (let m = 0; m < p.outChannels; m++) {
      const firstIn = Math.floor(m / perGroupOut) * perGroupIn;
      for (let oy = 0; oy < outH; oy++) {
        for (let ox = 0; ox < outW; ox++) {
          let sum = p.bias[m]!;
          for (let ci = 0; ci < perGroupIn; ci++) {
            for (let ky = 0; ky < kh; ky++) {
              const iy = oy * sh + ky - ph;
              if (iy < 0 || iy >= h) continue;
              for (let kx = 0; kx < kw; kx++) {
                const ix = ox * sw + kx - pw;
                if (ix < 0 || ix >= w) continue;
                sum += p.weights[((m * perGroupIn + ci) * kh + ky) * kw + kx]! * x.data[((b * c + firstIn + ci) * h + iy) * w + ix]!;
              }
            }
          }
          out[((b * p.outChannels + m) * outH + oy) * outW + ox] = sum;
        }
      }
    }
  }
  return { shape: [n, p.outChannels, outH, outW], data: out };
}

export function relu(x: Tensor): Tensor {
  return { shape: x.shape, data: x.data.map((value) => (value > 0 ? value : 0)) };
}

/** Non-overlapping pooling (kernel = stride), the only kind the examples use. */
export function pool(x: Tensor, kind: 'max' | 'average', kernel: [number, number]): Tensor {
  const [n, c, h, w] = x.shape;
  const [kh, kw] = kernel;
  const outH = Math.floor(h / kh);
  const outW = Math.floor(w / kw);
  const out = new Float64Array(n * c * outH * outW);
  for (let plane = 0; plane < n * c; plane++) {
    for (let oy = 0; oy < outH; oy++) {
      for (let ox = 0; ox < outW; ox++) {
        let acc = kind === 'max' ? -Infinity : 0;
        for (let ky = 0; ky < kh; ky++) {
          for (let kx = 0; kx < kw; kx++) {
            const value = x.data[(plane * h + oy * kh + ky) * w + ox * kw + kx]!;
            acc = kind === 'max' ? Math.max(acc, value) : acc + value;
          }
        }
        out[(plane * outH + oy) * outW + ox] = kind === 'max' ? acc : acc / (kh * kw);
      }
    }
  }
  return { shape: [n, c, outH, outW], data: out };
}

export interface BatchNormParameters {
  scale: Float64Array;
  bias: Float64Array;
  mean: Float64Array;
  variance: Float64Array;
  epsilon: number;
}

export function batchNormalization(x: Tensor, p: BatchNormParameters): Tensor {
  const [, c, h, w] = x.shape;
  const data = x.data.map((value, i) => {
    const channel = Math.floor(i / (h * w)) % c;
    return (p.scale[channel]! * (value - p.mean[channel]!)) / Math.sqrt(p.variance[channel]! + p.epsilon) + p.bias[channel]!;
  });
  return { shape: x.shape, data };
}

/** Per-channel mean and (population) variance, to set BatchNormalization as training would have. */
export function channelStatistics(x: Tensor): { mean: Float64Array; variance: Float64Array } {
  const [n, c, h, w] = x.shape;
  const mean = new Float64Array(c);
  const variance = new Float64Array(c);
  const perChannel = n * h * w;
  x.data.forEach((value, i) => {
    const channel = Math.floor(i / (h * w)) % c;
    mean[channel] = mean[channel]! + value / perChannel;
  });
  x.data.forEach((value, i) => {
    const channel = Math.floor(i / (h * w)) % c;
    variance[channel] = variance[channel]! + (value - mean[channel]!) ** 2 / perChannel;
  });
  return { mean, variance };
}
