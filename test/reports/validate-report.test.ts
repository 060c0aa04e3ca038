/* eslint-disable @typescript-eslint/no-explicit-any -- these tests corrupt parsed report JSON field by field */
import { describe, expect, it } from 'vitest';
import { ReportError, schemaVersion, summarizeResources, validateReport } from '../../reports/index.js';
import { fixtureJson } from './report-fixture.js';

/** Validates a mutated fixture and returns the ReportError it must raise. */
function errorFor(mutate: (json: Record<string, any>) => void): ReportError {
  const json = fixtureJson() as Record<string, any>;
  mutate(json);
  try {
    validateReport(json);
  } catch (error) {
    if (error instanceof ReportError) return error;
    throw error;
  }
  throw new Error('validateReport accepted a bad report');
}

describe('validateReport', () => {
  it('accepts the fixture and returns it unchanged', () => {
    const json = fixtureJson();
    expect(validateReport(json)).toBe(json);
    expect(json.schemaVersion).toBe(schemaVersion);
    expect(json.layers.map((layer) => layer.name)).toEqual(['fc1', 'relu1', 'fc2', 'relu2', 'fc3', 'relu3', 'output', 'softmax']);
  });

  it.each<[string, (json: Record<string, any>) => void, string, string]>([
    ['not an object', (json) => { json['layers'] = 3; }, 'layers', 'layers must be an array, not 3'],
    ['foreign schema', (json) => { delete json['schema']; }, 'schema', "schema must be 'ngt-report', not missing"],
    ['newer version', (json) => { json['schemaVersion'] = 3; }, 'schemaVersion', 'schemaVersion must be 2, not 3'],
    ['bad date', (json) => { json['date'] = 'yesterday'; }, 'date', 'date must be an ISO 8601 date-time, not "yesterday"'],
    ['unknown source', (json) => { json['layers'][2].latency[0].source = 'guess'; }, 'layers[2].latency[0].source', "layers[2].latency[0].source must be one of 'estimate', 'yosys', 'cosim', 'pnr', not \"guess\""],
    ['same source twice', (json) => { json['layers'][0].resources.push({ ...json['layers'][0].resources[0] }); }, 'layers[0].resources[1].source', 'layers[0].resources[1].source must be a source not already read in layers[0].resources, not "estimate"'],
    ['no readings', (json) => { json['maxClock'] = []; }, 'maxClock', 'maxClock must be a non-empty array of readings, not an array'],
    ['fractional DSP', (json) => { json['layers'][4].resources[0].dsp = 2.5; }, 'layers[4].resources[0].dsp', 'layers[4].resources[0].dsp must be an integer >= 0, not 2.5'],
    ['zero II', (json) => { json['ii'][0].cycles = 0; }, 'ii[0].cycles', 'ii[0].cycles must be an integer >= 1, not 0'],
    ['bad shape', (json) => { json['layers'][1].outputShape = [64, 0]; }, 'layers[1].outputShape[1]', 'layers[1].outputShape[1] must be an integer >= 1, not 0'],
    ['no result precision', (json) => { delete json['layers'][3].precision.result; }, 'layers[3].precision.result', 'layers[3].precision.result must be a non-empty string, not missing'],
    ['duplicate layer', (json) => { json['layers'][1].name = 'fc1'; }, 'layers[1].name', 'layers[1].name must be a name no other layer has, not "fc1"'],
    ['stale percentage', (json) => { json['resources'].utilization[0].lut = 2; }, 'resources.utilization[0].lut', `resources.utilization[0].lut must be 100 * totals / capacity = ${(100 * 28486) / 1728000}, not 2`],
    ['timeline of no layer', (json) => { json['timeline'].spans[5].layer = 'fc9'; }, 'timeline.spans[5].layer', 'timeline.spans[5].layer must be the name of a layer, not "fc9"'],
    ['span ends before it starts', (json) => { json['timeline'].spans[0].endCycle = -1; }, 'timeline.spans[0].endCycle', 'timeline.spans[0].endCycle must be an integer >= 0, not -1'],
    ['overfull FIFO', (json) => { json['fifoOccupancy'].fifos[6].points[6][1] = 9; }, 'fifoOccupancy.fifos[6].points[6][1]', 'fifoOccupancy.fifos[6].points[6][1] must be an occupancy <= depth 8, not 9'],
    ['time going back', (json) => { json['fifoOccupancy'].fifos[6].points[2][0] = 22; }, 'fifoOccupancy.fifos[6].points[2][0]', 'fifoOccupancy.fifos[6].points[2][0] must be a cycle after 22, not 22'],
    ['agreement over 1', (json) => { json['comparisons'][1].argmaxAgreement = 97.8; }, 'comparisons[1].argmaxAgreement', 'comparisons[1].argmaxAgreement must be a fraction in [0, 1], not 97.8'],
    ['note not text', (json) => { json['notes'] = [null]; }, 'notes[0]', 'notes[0] must be a string, not null'],
    ['empty warning', (json) => { json['warnings'] = ['']; }, 'warnings[0]', 'warnings[0] must be a non-empty string, not ""'],
    ['no config label', (json) => { delete json['config'].label; }, 'config.label', 'config.label must be a non-empty string, not missing'],
    ['more overflows than casts', (json) => { json['overflows'].rows[0].overflows = 528001; }, 'overflows.rows[0].overflows', 'overflows.rows[0].overflows must be at most casts (528000), not 528001'],
    ['float accuracy over 1', (json) => { json['comparisons'][0].floatAccuracy = 76.5; }, 'comparisons[0].floatAccuracy', 'comparisons[0].floatAccuracy must be a fraction in [0, 1], not 76.5'],
  ])('rejects %s, naming the field', (_label, mutate, path, message) => {
    const error = errorFor(mutate);
    expect(error.path).toBe(path);
    expect(error.message).toBe(message);
    expect(error.name).toBe('ReportError');
    expect(error.code).toBe('REPORT');
  });

  it('rejects a document that is not an object', () => {
    expect(() => validateReport([1, 2])).toThrow(new ReportError('', 'the report must be an object, not an array'));
  });
});

describe('summarizeResources', () => {
  it('reproduces the fixture totals and percentages from its layers', () => {
    const json = fixtureJson();
    const summary = summarizeResources(json.resources.part, json.resources.capacity, json.layers);
    expect(summary.totals).toEqual([{ dsp: 3634, lut: 28486, ff: 16050, bram18: 2, source: 'estimate' }]);
    expect(summary.utilization[0]?.dsp).toBe((100 * 3634) / 12288);
    expect(summary).toEqual(json.resources);
  });

  it('totals a source only when every layer has it', () => {
    const layers = [
      { resources: [{ dsp: 1, lut: 10, ff: 20, bram18: 0, source: 'estimate' as const }, { dsp: 1, lut: 8, ff: 19, bram18: 0, source: 'yosys' as const }] },
      { resources: [{ dsp: 2, lut: 30, ff: 40, bram18: 1, source: 'estimate' as const }] },
    ];
    const summary = summarizeResources('p', { dsp: 10, lut: 100, ff: 100, bram18: 10 }, layers);
    expect(summary.totals).toEqual([{ dsp: 3, lut: 40, ff: 60, bram18: 1, source: 'estimate' }]);
    expect(summary.utilization).toEqual([{ dsp: 30, lut: 40, ff: 60, bram18: 10, source: 'estimate' }]);
  });
});
