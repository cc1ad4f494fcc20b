// `npm start` runs `vite --config demo/vite.config.ts`: the demo pages plus the embedded demo issuer.
import { defineConfig } from 'vite';
import { demoConfig } from './src/devServer/demoConfig.js';

export default defineConfig(demoConfig());
