import { exhaustiveTests } from './exhaustive.js';

exhaustiveTests(7, 7);
