/**
 * Converts a TensorFlow.js graph model (MoveNet as @vladmandic/human ships it) into an ONNX model
 * for onnxruntime. It maps only the op types that graph uses and fails loudly on any other.
 *
 * Layout: TF runs NHWC, ONNX convolutions want NCHW. Feature maps switch to NCHW at the first
 * convolution and stay there through element-wise ops and resizes; a Transpose back to NHWC is
 * inserted only where a layout-sensitive op (reshape, gather, the heads' constants) reads them.
 */
import onnxProto from 'onnx-proto';

const { onnx } = onnxProto;
type Node = InstanceType<typeof onnx.NodeProto>;
type Attr = { name: string } & Record<string, unknown>;

export interface TfGraphModel {
  modelTopology: { node: TfNode[] };
  weightsManifest: { weights: TfWeight[] }[];
}
interface TfNode {
  name: string;
  op: string;
  input?: string[];
  attr?: Record<string, {
    i?: string; b?: boolean; s?: string; type?: string; list?: { i?: string[]; s?: string[] }; shape?: { dim: { size: string }[] };
  }>;
}
interface TfWeight {
  name: string;
  shape: number[];
  dtype: 'float32' | 'int32';
  quantization?: { dtype: string };
}
interface Const {
  shape: number[];
  data: Float32Array | Int32Array;
}

const FLOAT = onnx.TensorProto.DataType.FLOAT;
const INT32 = onnx.TensorProto.DataType.INT32;
const INT64 = onnx.TensorProto.DataType.INT64;
const DTYPES: Record<string, number> = { DT_FLOAT: FLOAT, DT_INT32: INT32 };
const TO_NCHW = [0, 3, 1, 2];
const TO_NHWC = [0, 2, 3, 1];
const ELEMENTWISE: Record<string, string> = { AddV2: 'Add', Sub: 'Sub', Mul: 'Mul', RealDiv: 'Div', Sigmoid: 'Sigmoid', Sqrt: 'Sqrt' };

function halfToFloat(h: number): number {
  const sign = h & 0x8000 ? -1 : 1;
  const exp = (h >> 10) & 0x1f;
  const frac = h & 0x3ff;
  if (exp === 0) return sign * 2 ** -14 * (frac / 1024);
  if (exp === 31) return frac ? NaN : sign * Infinity;
  return sign * 2 ** (exp - 15) * (1 + frac / 1024);
}

/** The weights file holds every Const, in manifest order; float16-quantized ones widen to float32. */
function readWeights(manifest: TfWeight[], bin: Uint8Array): Map<string, Const> {
  const view = new DataView(bin.buffer, bin.byteOffset, bin.byteLength);
  const out = new Map<string, Const>();
  let at = 0;
  for (const w of manifest) {
    const n = w.shape.reduce((a, b) => a * b, 1);
    const data = w.dtype === 'int32' ? new Int32Array(n) : new Float32Array(n);
    const half = w.quantization?.dtype === 'float16';
    if (w.quantization && !half) throw new Error(`unsupported quantization ${w.quantization.dtype} on ${w.name}`);
    for (let k = 0; k < n; k++) {
      if (half) data[k] = halfToFloat(view.getUint16(at + 2 * k, true));
      else if (w.dtype === 'int32') data[k] = view.getInt32(at + 4 * k, true);
      else data[k] = view.getFloat32(at + 4 * k, true);
    }
    at += n * (half ? 2 : 4);
    out.set(w.name, { shape: w.shape, data });
  }
  if (at !== bin.byteLength) throw new Error(`weights: read ${at} of ${bin.byteLength} bytes`);
  return out;
}

/** Reorders a row-major tensor's axes: out[..] = in[perm-indexed ..]. */
function transposeData(c: Const, perm: number[]): Const {
  const shape = perm.map((p) => c.shape[p]);
  const strides = c.shape.map((_, i) => c.shape.slice(i + 1).reduce((a, b) => a * b, 1));
  const data = new Float32Array(c.data.length);
  const idx = new Array(shape.length).fill(0);
  for (let o = 0; o < data.length; o++) {
    let src = 0;
    for (let d = 0; d < shape.length; d++) src += idx[d] * strides[perm[d]];
    data[o] = c.data[src];
    for (let d = shape.length - 1; d >= 0 && ++idx[d] === shape[d]; d--) idx[d] = 0;
  }
  return { shape, data };
}

export function convertGraphModel(model: TfGraphModel, weightBytes: Uint8Array): Uint8Array {
  const consts = readWeights(model.weightsManifest.flatMap((m) => m.weights), weightBytes);
  const nodes: Node[] = [];
  const initializers: InstanceType<typeof onnx.TensorProto>[] = [];
  const nchw = new Set<string>();
  const transposed = new Map<string, string>();
  const inputs: InstanceType<typeof onnx.ValueInfoProto>[] = [];
  let uid = 0;

  const ref = (input: string) => (input.endsWith(':0') ? input.slice(0, -2) : input);
  const constOf = (input: string) => consts.get(ref(input));
  const intsOf = (input: string) => {
    const c = constOf(input);
    if (!(c?.data instanceof Int32Array)) throw new Error(`${input} must be an int32 constant`);
    return [...c.data];
  };
  const add = (opType: string, input: string[], output: string[], attribute: Attr[] = []) => {
    nodes.push(onnx.NodeProto.create({ opType, input, output, attribute, name: `${opType}_${uid++}` }));
    return output[0];
  };
  const initializer = (name: string, dataType: number, dims: number[], bytes: ArrayBufferView) => {
    initializers.push(onnx.TensorProto.create({ name, dataType, dims, rawData: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength) }));
    return name;
  };
  const int64s = (values: number[]) => initializer(`const_${uid++}`, INT64, [values.length], BigInt64Array.from(values.map(BigInt)));
  const constant = (name: string, c: Const) => initializer(name, c.data instanceof Int32Array ? INT32 : FLOAT, c.shape, c.data);
  const attrInts = (name: string, ints: number[]): Attr => ({ name, type: onnx.AttributeProto.AttributeType.INTS, ints });
  const attrInt = (name: string, i: number): Attr => ({ name, type: onnx.AttributeProto.AttributeType.INT, i });
  const attrStr = (name: string, s: string): Attr => ({ name, type: onnx.AttributeProto.AttributeType.STRING, s: new TextEncoder().encode(s) });

  /** A feature map in NHWC, transposing (once) if it was left in NCHW. */
  const nhwc = (input: string) => {
    const name = ref(input);
    if (!nchw.has(name)) return name;
    if (!transposed.has(name)) transposed.set(name, add('Transpose', [name], [`${name}__nhwc`], [attrInts('perm', TO_NHWC)]));
    return transposed.get(name)!;
  };
  const toNchw = (input: string) => {
    const name = ref(input);
    if (nchw.has(name)) return name;
    const out = add('Transpose', [name], [`${name}__nchw`], [attrInts('perm', TO_NCHW)]);
    nchw.add(out);
    return out;
  };

  constant('relu6_min', { shape: [], data: Float32Array.of(0) });
  constant('relu6_max', { shape: [], data: Float32Array.of(6) });
  for (const n of model.modelTopology.node) {
    const a = n.attr ?? {};
    const ins = n.input ?? [];
    const str = (key: string) => Buffer.from(a[key]?.s ?? '', 'base64').toString();
    const out = n.name;
    switch (n.op) {
      case 'Const': {
        const c = consts.get(n.name);
        if (!c) throw new Error(`no weights for constant ${n.name}`);
        constant(n.name, c);
        break;
      }
      case 'Placeholder': {
        const dim = (a.shape?.shape?.dim ?? []).map((d) => ({ dimValue: Number(d.size) }));
        inputs.push(onnx.ValueInfoProto.create({ name: n.name, type: { tensorType: { elemType: DTYPES[a.dtype?.type ?? ''], shape: { dim } } } }));
        break;
      }
      case '_FusedConv2D':
      case 'FusedDepthwiseConv2dNative':
      case 'DepthwiseConv2dNative': {
        const depthwise = n.op !== '_FusedConv2D';
        const filter = constOf(ins[1])!;
        const [kh, kw, cin, mult] = filter.shape;
        // TF filters are HWIO (depthwise: H W C multiplier); ONNX wants OIHW (depthwise: C*mult 1 H W).
        const w = transposeData(filter, depthwise ? [2, 3, 0, 1] : [3, 2, 0, 1]);
        if (depthwise) w.shape = [cin * mult, 1, kh, kw];
        const fused = (a.fused_ops?.list?.s ?? []).map((s) => Buffer.from(s, 'base64').toString());
        if (fused.some((f) => !['BiasAdd', 'Relu', 'Relu6'].includes(f))) throw new Error(`${n.name}: fused ops ${fused}`);
        const strides = (a.strides?.list?.i ?? ['1', '1', '1', '1']).map(Number);
        const dilations = (a.dilations?.list?.i ?? ['1', '1', '1', '1']).map(Number);
        const padding = str('padding');
        if (str('data_format') !== 'NHWC' || !['SAME', 'VALID'].includes(padding)) throw new Error(`${n.name}: ${padding} ${str('data_format')}`);
        const convIns = [toNchw(ins[0]), constant(`${n.name}__w`, w)];
        if (fused.includes('BiasAdd')) convIns.push(ref(ins[2]));
        const activation = fused.find((f) => f.startsWith('Relu'));
        const convOut = add('Conv', convIns, [activation ? `${out}__conv` : out], [
          attrInts('strides', strides.slice(1, 3)), attrInts('dilations', dilations.slice(1, 3)), attrInt('group', depthwise ? cin : 1),
          attrInts('kernel_shape', [kh, kw]), attrStr('auto_pad', padding === 'SAME' ? 'SAME_UPPER' : 'VALID'),
        ]);
        if (activation === 'Relu') add('Relu', [convOut], [out]);
        if (activation === 'Relu6') add('Clip', [convOut, 'relu6_min', 'relu6_max'], [out]);
        nchw.add(out);
        break;
      }
      case 'ResizeBilinear': {
        if (a.align_corners?.b) throw new Error(`${n.name}: align_corners`);
        const inNchw = nchw.has(ref(ins[0]));
        add('Resize', [ref(ins[0]), '', '', int64s(intsOf(ins[1]))], [out], [
          attrStr('mode', 'linear'), attrInts('axes', inNchw ? [2, 3] : [1, 2]),
          attrStr('coordinate_transformation_mode', a.half_pixel_centers?.b ? 'half_pixel' : 'asymmetric'),
        ]);
        if (inNchw) nchw.add(out);
        break;
      }
      case 'AddV2': case 'Sub': case 'Mul': case 'RealDiv': case 'Sigmoid': case 'Sqrt': case 'SquaredDifference': {
        // Stay in NCHW only when the other operands are scalars, which broadcast the same either way.
        const scalar = (i: string) => constOf(i)?.data.length === 1;
        const keep = ins.some((i) => nchw.has(ref(i))) && ins.every((i) => nchw.has(ref(i)) || scalar(i));
        const args = ins.map((i) => (keep ? ref(i) : nhwc(i)));
        if (n.op === 'SquaredDifference') {
          const d = add('Sub', args, [`${out}__diff`]);
          add('Mul', [d, d], [out]);
        } else add(ELEMENTWISE[n.op], args, [out]);
        if (keep) nchw.add(out);
        break;
      }
      case 'Cast':
        add('Cast', [nhwc(ins[0])], [out], [attrInt('to', DTYPES[a.DstT?.type ?? ''])]);
        break;
      case 'Identity':
        add('Identity', [nhwc(ins[0])], [out]);
        break;
      case 'ExpandDims':
        add('Unsqueeze', [nhwc(ins[0]), int64s(intsOf(ins[1]))], [out]);
        break;
      case 'Squeeze':
        add('Squeeze', [nhwc(ins[0]), int64s((a.squeeze_dims?.list?.i ?? []).map(Number))], [out]);
        break;
      case 'Reshape':
        add('Reshape', [nhwc(ins[0]), int64s(intsOf(ins[1]))], [out]);
        break;
      case 'Unpack': {
        // One Gather with a scalar index per output drops the unpacked axis, as TF does.
        const axis = Number(a.axis?.i ?? 0);
        for (let k = 0; k < Number(a.num?.i); k++) {
          const index = initializer(`const_${uid++}`, INT64, [], BigInt64Array.of(BigInt(k)));
          add('Gather', [nhwc(ins[0]), index], [k ? `${out}:${k}` : out], [attrInt('axis', axis)]);
        }
        break;
      }
      case 'Pack': {
        const axis = Number(a.axis?.i ?? 0);
        const axes = int64s([axis]);
        add('Concat', ins.map((i) => add('Unsqueeze', [nhwc(i), axes], [`${out}__${uid++}`])), [out], [attrInt('axis', axis)]);
        break;
      }
      case 'ConcatV2':
        add('Concat', ins.slice(0, -1).map(nhwc), [out], [attrInt('axis', intsOf(ins.at(-1)!)[0])]);
        break;
      case 'ArgMax': {
        // ONNX ArgMax yields int64 and keeps the axis unless told; TF drops it and yields int32 here.
        const idx = add('ArgMax', [nhwc(ins[0])], [`${out}__i64`], [attrInt('axis', intsOf(ins[1])[0]), attrInt('keepdims', 0)]);
        add('Cast', [idx], [out], [attrInt('to', INT32)]);
        break;
      }
      case 'FloorDiv':
        // Integer Div truncates; in this graph both operands are non-negative indices, so it floors.
        if (a.T?.type !== 'DT_INT32') throw new Error(`${n.name}: FloorDiv on ${a.T?.type}`);
        add('Div', ins.map(nhwc), [out]);
        break;
      case 'GatherNd': {
        const indices = add('Cast', [nhwc(ins[1])], [`${out}__idx`], [attrInt('to', INT64)]);
        add('GatherND', [nhwc(ins[0]), indices], [out]);
        break;
      }
      default:
        throw new Error(`unsupported op ${n.op} (${n.name})`);
    }
  }
  if (inputs.length !== 1) throw new Error(`expected one input, got ${inputs.length}`);
  // Only the constants some node reads as a tensor stay (not the TF-layout filters, shapes, axes).
  const used = new Set(nodes.flatMap((n) => n.input));
  const outputs = [onnx.ValueInfoProto.create({ name: 'Identity', type: { tensorType: { elemType: FLOAT } } })];
  const graph = onnx.GraphProto.create({
    name: 'movenet', node: nodes, input: inputs, output: outputs, initializer: initializers.filter((t) => used.has(t.name)),
  });
  const m = onnx.ModelProto.create({
    irVersion: 8, producerName: 'replens-tfjs-to-onnx', graph, opsetImport: [{ domain: '', version: 18 }],
  });
  return onnx.ModelProto.encode(m).finish();
}
