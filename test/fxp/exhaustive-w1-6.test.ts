import { exhaustiveTests } from './exhaustive.js';

exhaustiveTests(1, 6);
