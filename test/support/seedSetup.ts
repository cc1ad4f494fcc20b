// Vitest setup file (every test file): fast-check's properties draw from SEED unless a test gives its own.
import fc from 'fast-check';
import { SEED } from './seed.js';

fc.configureGlobal({ ...fc.readConfigureGlobal(), seed: SEED });
