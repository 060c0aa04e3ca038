// synth/: the open FPGA tools on the model's RTL: Yosys synthesis per family (real cell counts per
// layer), and for iCE40 nextpnr placement and routing and icepack (real timing, a bitstream).
export { classifyCell, parseLongestPaths, parseStat, StatFormatError, type CellCounts, type DesignStat, type ModuleStat, type SynthFamily } from './stat.js';
export { SYNTH_FAMILIES, synthCommand, synthesize, synthScript, type RtlSources, type SynthesisOptions, type SynthesisResult } from './yosys.js';
export { buildIce40, checkFits, DesignDoesNotFitError, ice40DeviceFlags, type BuildPorts, type Ice40BuildOptions, type Ice40BuildResult, type PnrUtilisation } from './ice40.js';
export { shellVerilog, SHELL_TOP, type ShellPorts } from './shell.js';
export { cacheKey, findTool, PnrError, runTool, synthCacheRoot, toolVersion, YosysError, type SynthTool, type SynthToolName, type ToolBuild } from './tools.js';
export { familyOfPart } from './family.js';
