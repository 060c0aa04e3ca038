// onnx-proto is CommonJS: Node's ESM loader cannot see its named export, so take the default export
// and re-export the namespace once (as models/onnx-writer does; hls/ may not reach into that folder).
import onnxProto from 'onnx-proto';

export import onnx = onnxProto.onnx;
