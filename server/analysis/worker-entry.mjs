// Worker threads start without the parent's TypeScript loader (under vitest there is none to
// inherit), so each registers tsx itself before loading the TypeScript worker.
import { register } from 'tsx/esm/api';

register();
await import('./worker.ts');
