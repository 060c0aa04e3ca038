import { cosimMatrix } from './rtl-cosim-matrix.js';

cosimMatrix('io_stream');
