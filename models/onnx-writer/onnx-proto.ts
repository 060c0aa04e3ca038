// onnx-proto is CommonJS: Node's ESM loader cannot see its named export, so take the default
// export and re-export the namespace once, as both value and types, for the rest of the writer.
import onnxProto from 'onnx-proto';

export import onnx = onnxProto.onnx;
