// npm run prompts: (re)generate prompt audio from ivr-flows/prompts/<lang>.yaml into the local
// Asterisk root (cached by text, so only changed prompts are spoken again).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../src/config.js';
import { installPromptAudio, LocalPbxError, pbxLayout } from '../src/local-pbx/index.js';

const repoDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
try {
  const config = loadConfig();
  const layout = pbxLayout(config.localPbx);
  const result = installPromptAudio(path.join(repoDir, 'ivr-flows', 'prompts'), config.promptLanguage, config.localPbx.cacheDir, layout.soundsDir);
  console.log(`${result.language}: ${result.generated} generated, ${result.cached} from cache, installed in ${layout.soundsDir}`);
} catch (error) {
  if (error instanceof LocalPbxError) {
    console.error(`${error.code}: ${error.message}`);
    process.exit(1);
  }
  throw error;
}
