import { commandLatencyBench } from './commandLatency';
import { sceneRenderBench } from './sceneRender';

// `npm run bench`: figures measured on this machine, each beside a baseline measured in the same run.
console.log(`# CueRoom benchmarks — ${new Date().toISOString()} — Node ${process.version}`);
await commandLatencyBench();
await sceneRenderBench();
process.exit(0);
