// hls/rtl: Verilog for the dataflow, from the same layer declarations the simulators read: a module
// builder, casts as logic, the stream FIFO and the process shell of the execution model.
export { literal, ModuleBuilder, resize, slice, verilogName, type Signal } from './netlist.js';
export { castSignal } from './cast.js';
export { FIFO_MODULE, fifoAddressBits, fifoVerilog } from './fifo.js';
export { processModule, uniformProgram, type ProcessPorts, type ProcessTiming } from './process.js';
export { elementReader, elementsOf, packElements, type VerilogContext } from './values.js';
export {
  findSimulator,
  HdlSourceError,
  HdlToolError,
  lintVerilog,
  onPath,
  runTestbench,
  SimulatorNotFoundError,
  toolVersion,
  verilatorCacheRoot,
  type SimulatorKind,
  type SimulatorTool,
  type TestbenchPhase,
} from './tools.js';
