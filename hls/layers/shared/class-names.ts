// hls4ml class names that depend on a layer's shape: shared by the kinds' lowerings and by hls/config's
// names for imported layers, so the two cannot drift (a 3-D Conv is 'Conv' in both).

/** hls4ml's class: Conv1D / Conv2D, DepthwiseConv1D / 2D when group == channels, Conv beyond two spatial axes. */
export function convClass(rank: number, group: number, channels: number): string {
  if (rank > 2) return 'Conv';
  return group > 1 && group === channels ? `DepthwiseConv${rank}D` : `Conv${rank}D`;
}

/** hls4ml's class: [Global]{Max,Average}Pooling{1,2}D. */
export function poolClass(global: boolean, mode: 'max' | 'average', rank: number): string {
  return `${global ? 'Global' : ''}${mode === 'max' ? 'Max' : 'Average'}Pooling${rank <= 1 ? 1 : 2}D`;
}
