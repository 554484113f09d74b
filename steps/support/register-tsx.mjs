// Loaded first by cucumber (see the runner's `import` list) so that the .ts step files can be imported:
// cucumber 12 has no TypeScript loader of its own and `loader: ['tsx']` does not work (toolchain-notes.md).
import { register } from 'tsx/esm/api';

register();
