import { exhaustiveTests } from './exhaustive.js';

exhaustiveTests(8, 8, [false]);
