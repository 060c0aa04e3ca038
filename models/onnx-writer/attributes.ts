// Node attributes. JavaScript cannot tell 1 from 1.0, so plain values are classified by content
// (integers become INT/INTS) and the tagged forms below say what plain values cannot.
import type { NpyArray } from '../npy.js';
import { onnx } from './onnx-proto.js';
import { tensorProto } from './tensor.js';

export type TaggedAttribute =
  | { kind: 'int'; value: number }
  | { kind: 'float'; value: number }
  | { kind: 'string'; value: string }
  | { kind: 'ints'; value: number[] }
  | { kind: 'floats'; value: number[] }
  | { kind: 'strings'; value: string[] }
  | { kind: 'tensor'; value: NpyArray }
  | { kind: 'graph'; value: onnx.IGraphProto };

/** number (integer: INT, else FLOAT), string, number[] (all integers: INTS, else FLOATS), string[], or a tagged value. */
export type AttributeValue = number | string | number[] | string[] | TaggedAttribute;

export type Attributes = Record<string, AttributeValue>;

export const attribute = {
  int: (value: number): TaggedAttribute => ({ kind: 'int', value }),
  float: (value: number): TaggedAttribute => ({ kind: 'float', value }),
  string: (value: string): TaggedAttribute => ({ kind: 'string', value }),
  ints: (value: number[]): TaggedAttribute => ({ kind: 'ints', value }),
  floats: (value: number[]): TaggedAttribute => ({ kind: 'floats', value }),
  strings: (value: string[]): TaggedAttribute => ({ kind: 'strings', value }),
  tensor: (value: NpyArray): TaggedAttribute => ({ kind: 'tensor', value }),
  graph: (value: onnx.IGraphProto): TaggedAttribute => ({ kind: 'graph', value }),
};

function tag(value: AttributeValue): TaggedAttribute {
  if (typeof value === 'number') return Number.isInteger(value) ? attribute.int(value) : attribute.float(value);
  if (typeof value === 'string') return attribute.string(value);
  if (Array.isArray(value)) {
    if (value.every((item): item is string => typeof item === 'string') && value.length > 0) return attribute.strings(value);
    const numbers = value as number[];
    return numbers.every(Number.isInteger) ? attribute.ints(numbers) : attribute.floats(numbers);
  }
  return value;
}

const Type = onnx.AttributeProto.AttributeType;
const encoder = new TextEncoder();

export function attributeProto(name: string, value: AttributeValue): onnx.IAttributeProto {
  const tagged = tag(value);
  switch (tagged.kind) {
    case 'int':
      return { name, type: Type.INT, i: tagged.value };
    case 'float':
      return { name, type: Type.FLOAT, f: tagged.value };
    case 'string':
      return { name, type: Type.STRING, s: encoder.encode(tagged.value) };
    case 'ints':
      return { name, type: Type.INTS, ints: tagged.value };
    case 'floats':
      return { name, type: Type.FLOATS, floats: tagged.value };
    case 'strings':
      return { name, type: Type.STRINGS, strings: tagged.value.map((text) => encoder.encode(text)) };
    case 'tensor':
      return { name, type: Type.TENSOR, t: tensorProto(name, tagged.value) };
    case 'graph':
      return { name, type: Type.GRAPH, g: tagged.value };
  }
}
