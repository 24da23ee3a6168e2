// Local channels are originated at 8 kHz signed linear (unpinned, Asterisk 22 ran them at 192 kHz and
// resampled every frame); SIP endpoints keep their own codecs, and a format asked for is kept.
import { describe, expect, it } from 'vitest';
import { withLocalFormats } from '../../../src/adapters/ari/ari-client.js';

describe('originate formats', () => {
  it('pins Local channels to slin, and leaves SIP endpoints and explicit formats alone', () => {
    expect(withLocalFormats({ endpoint: 'Local/8001@demo-phones', app: 'hotline' })).toEqual({ endpoint: 'Local/8001@demo-phones', app: 'hotline', formats: 'slin' });
    expect(withLocalFormats({ endpoint: 'PJSIP/agent-8001-web' })).toEqual({ endpoint: 'PJSIP/agent-8001-web' });
    expect(withLocalFormats({ endpoint: 'Local/12345@from-citizen', formats: 'ulaw' })).toEqual({ endpoint: 'Local/12345@from-citizen', formats: 'ulaw' });
  });
});
