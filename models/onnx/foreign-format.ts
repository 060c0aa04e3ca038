// Model files of other frameworks handed to the ONNX importer. Users of hls4ml arrive with Keras .h5 and
// PyTorch .pt files; instead of a protobuf decode failure they get what the file is and how to export it.
// Recognised by signature bytes first (a misnamed file is still recognised), then, for bytes that are not
// ONNX, by the file name's extension.

const TF2ONNX_KERAS = '`python -m tf2onnx.convert --keras model.h5 --output model.onnx`';
const TORCH_EXPORT = 'torch.onnx.export(model, example_input, "model.onnx")';
const BREVITAS = 'a Brevitas model exports to QONNX with brevitas.export.export_qonnx(model, example_input, export_path="model.onnx")';
const KERAS = `export it to ONNX with tf2onnx: ${TF2ONNX_KERAS} (or tf2onnx.convert.from_keras(model, output_path="model.onnx") in Python); a QKeras model exports to QONNX with qonnx.converters.from_keras(model)`;
const TORCH = `export it to ONNX in Python: ${TORCH_EXPORT}; ${BREVITAS}`;
const TENSORFLOW = 'export it to ONNX with tf2onnx: `python -m tf2onnx.convert --saved-model SAVED_MODEL_DIR --output model.onnx` (a frozen graph: --graphdef model.pb --inputs INPUT:0 --outputs OUTPUT:0)';
const TFLITE = 'convert it to ONNX with tf2onnx: `python -m tf2onnx.convert --tflite model.tflite --output model.onnx`';
const PICKLE = `export the model to ONNX in Python: PyTorch with ${TORCH_EXPORT} (${BREVITAS}), scikit-learn with skl2onnx.to_onnx(model, X[:1])`;
const ZIP = `unzip it if it holds an .onnx file; export a PyTorch model with ${TORCH_EXPORT}, a Keras model with tf2onnx: ${TF2ONNX_KERAS}`;

/** What a file is instead of ONNX, and how to get ONNX from it. */
export interface ForeignFormat {
  readonly what: string;
  readonly hint: string;
}

const BY_EXTENSION: ReadonlyMap<string, ForeignFormat> = new Map([
  ['h5', { what: 'a Keras/HDF5 file (.h5)', hint: KERAS }],
  ['hdf5', { what: 'a Keras/HDF5 file (.hdf5)', hint: KERAS }],
  ['keras', { what: 'a Keras model (.keras)', hint: KERAS }],
  ['pt', { what: 'a PyTorch file (.pt)', hint: TORCH }],
  ['pth', { what: 'a PyTorch file (.pth)', hint: TORCH }],
  ['pb', { what: 'a TensorFlow protobuf (.pb: a SavedModel or frozen GraphDef)', hint: TENSORFLOW }],
  ['tflite', { what: 'a TensorFlow Lite model (.tflite)', hint: TFLITE }],
  ['pkl', { what: 'a Python pickle (.pkl)', hint: PICKLE }],
  ['pickle', { what: 'a Python pickle (.pickle)', hint: PICKLE }],
]);

const HDF5_SIGNATURE = [0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a];
const ZIP_SIGNATURE = [0x50, 0x4b, 0x03, 0x04];
// torch.save's legacy (pre-1.6) format: a pickle protocol 2 of the magic number 0x1950a86a20f9469cfc6c.
const LEGACY_TORCH_SIGNATURE = [0x80, 0x02, 0x8a, 0x0a, 0x6c, 0xfc, 0x9c, 0x46, 0xf9, 0x20, 0x6a, 0xa8, 0x50, 0x19];

function startsWith(bytes: Uint8Array, signature: readonly number[], at = 0): boolean {
  return bytes.length >= at + signature.length && signature.every((byte, index) => bytes[at + index] === byte);
}

/** Whether the ASCII `text` occurs in `bytes` (zip entry names are stored uncompressed). */
function containsAscii(bytes: Uint8Array, text: string): boolean {
  const codes = Array.from(text, (char) => char.charCodeAt(0));
  const first = codes[0] ?? 0;
  for (let at = bytes.indexOf(first); at >= 0 && at + codes.length <= bytes.length; at = bytes.indexOf(first, at + 1)) {
    if (startsWith(bytes, codes, at)) return true;
  }
  return false;
}

function extensionOf(source: string): string {
  return /\.([A-Za-z0-9]+)$/.exec(source)?.[1]?.toLowerCase() ?? '';
}

/** HDF5 puts its signature at byte 0, or after a user block of 512, 1024, 2048, ... bytes. */
function isHdf5(bytes: Uint8Array): boolean {
  for (let at = 0; at + HDF5_SIGNATURE.length <= bytes.length; at = at === 0 ? 512 : at * 2) {
    if (startsWith(bytes, HDF5_SIGNATURE, at)) return true;
  }
  return false;
}

function zipFormat(bytes: Uint8Array, extension: string): ForeignFormat {
  // torch.save (>= 1.6) writes a zip whose entries are ARCHIVE/data.pkl, ARCHIVE/data/0, ...
  if (containsAscii(bytes, 'data.pkl')) return { what: 'a PyTorch zip archive (torch.save, with a data.pkl entry)', hint: TORCH };
  // Keras 3 .keras files: a zip of config.json, metadata.json and model.weights.h5.
  if (containsAscii(bytes, 'model.weights.h5') || (containsAscii(bytes, 'config.json') && containsAscii(bytes, 'metadata.json'))) {
    return { what: 'a Keras 3 model archive (.keras zip with model.weights.h5)', hint: KERAS };
  }
  const named = BY_EXTENSION.get(extension);
  if (named) return { what: `a zip archive named .${extension}`, hint: named.hint };
  return { what: 'a zip archive', hint: ZIP };
}

/**
 * What the bytes are by their signature, when that signature cannot begin an ONNX ModelProto (HDF5,
 * zip and pickle signatures start with field tags ModelProto does not have); null otherwise.
 */
export function foreignFormatBySignature(bytes: Uint8Array, source: string): ForeignFormat | null {
  const extension = extensionOf(source);
  if (isHdf5(bytes)) return { what: 'an HDF5 file (a Keras .h5 model, or a data set)', hint: KERAS };
  if (startsWith(bytes, ZIP_SIGNATURE)) return zipFormat(bytes, extension);
  if (startsWith(bytes, LEGACY_TORCH_SIGNATURE)) return { what: 'a PyTorch file (torch.save legacy format)', hint: TORCH };
  // Pickle protocols 2 to 5 begin with PROTO (0x80) and the protocol number.
  if (bytes[0] === 0x80 && (bytes[1] ?? 0) >= 2 && (bytes[1] ?? 0) <= 5) {
    return extension === 'pt' || extension === 'pth' ? { what: `a PyTorch file (.${extension}, a pickle)`, hint: TORCH } : { what: 'a Python pickle', hint: PICKLE };
  }
  return null;
}

/**
 * What a file that failed to decode as ONNX is, by weaker evidence: the TensorFlow Lite FlatBuffer
 * identifier at bytes 4-8, or the file name's extension; null when nothing points anywhere.
 */
export function foreignFormatByName(bytes: Uint8Array, source: string): ForeignFormat | null {
  if (startsWith(bytes, [0x54, 0x46, 0x4c, 0x33], 4)) return { what: 'a TensorFlow Lite model (TFL3 FlatBuffer)', hint: TFLITE };
  return BY_EXTENSION.get(extensionOf(source)) ?? null;
}

export function foreignFormatMessage(source: string, format: ForeignFormat): string {
  return `${source} must be an ONNX model, not ${format.what}: ${format.hint}`;
}
