/** `npm start`: configuration from the environment, then the whole RepLens server. */
import { ConfigError, loadConfig } from './config.ts';
import { startRepLens } from './start.ts';

try {
  const config = loadConfig();
  const replens = await startRepLens(config);
  console.log(`RepLens is running at ${replens.url} (Guru: ${config.guru ? config.guru.apiUrl : `local, at ${replens.guruUrl}`})`);
  const stop = () => {
    replens.close().then(() => process.exit(0), () => process.exit(1));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
} catch (error) {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
}
