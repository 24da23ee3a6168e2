export { pbxUp, pbxDown, pbxStatus, readRuntime, ariAnswers, amiAnswers, type PbxRuntime, type PbxStatus } from './local-pbx.js';
export { LocalPbxError } from './local-pbx-error.js';
export { pbxLayout, rootDirFor } from './pbx-layout.js';
export { installPromptAudio } from './prompt-audio.js';
