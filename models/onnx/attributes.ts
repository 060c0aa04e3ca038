// Typed access to a node's attributes: each getter checks the attribute's type and says what it
// must be when it is not.
import type { AttributeProto } from './decode.js';
import { int64ToNumber } from './decode.js';
import type { TensorProto } from './decode.js';

// onnx.AttributeProto.AttributeType values.
const FLOAT = 1;
const INT = 2;
const STRING = 3;
const TENSOR = 4;
const FLOATS = 6;
const INTS = 7;
const TYPE_NAMES = ['undefined', 'float', 'int', 'string', 'tensor', 'graph', 'floats', 'ints', 'strings', 'tensors', 'graphs', 'sparse tensor', 'sparse tensors', 'type proto', 'type protos'];

export class NodeAttributes {
  private readonly byName = new Map<string, AttributeProto>();

  constructor(
    attributes: readonly AttributeProto[],
    private readonly fail: (message: string) => never,
  ) {
    for (const attribute of attributes) this.byName.set(attribute.name ?? '', attribute);
  }

  has(name: string): boolean {
    return this.byName.has(name);
  }

  names(): string[] {
    return [...this.byName.keys()];
  }

  private get(name: string, expected: number): AttributeProto | undefined {
    const attribute = this.byName.get(name);
    if (!attribute) return undefined;
    const type = attribute.type ?? 0;
    if (type !== expected) this.fail(`attribute ${name} must be of type ${TYPE_NAMES[expected]}, not ${TYPE_NAMES[type] ?? `type ${type}`}`);
    return attribute;
  }

  int(name: string, fallback: number): number {
    const attribute = this.get(name, INT);
    if (!attribute) return fallback;
    const value = int64ToNumber(attribute.i);
    if (!Number.isSafeInteger(value)) this.fail(`attribute ${name} must be a safe integer, not ${value}`);
    return value;
  }

  float(name: string, fallback: number): number {
    const attribute = this.get(name, FLOAT);
    return attribute ? (attribute.f ?? 0) : fallback;
  }

  string(name: string, fallback: string): string {
    const attribute = this.get(name, STRING);
    return attribute ? new TextDecoder().decode(attribute.s ?? new Uint8Array()) : fallback;
  }

  ints(name: string): number[] | undefined {
    const attribute = this.get(name, INTS);
    if (!attribute) return undefined;
    const values = (attribute.ints ?? []).map((value) => int64ToNumber(value));
    if (values.some((value) => !Number.isSafeInteger(value))) this.fail(`attribute ${name} must hold safe integers, not [${values.join(', ')}]`);
    return values;
  }

  floats(name: string): number[] | undefined {
    const attribute = this.get(name, FLOATS);
    return attribute ? [...(attribute.floats ?? [])] : undefined;
  }

  tensor(name: string): TensorProto | undefined {
    return this.get(name, TENSOR)?.t ?? undefined;
  }
}
