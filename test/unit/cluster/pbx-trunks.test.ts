// The trunks between a cluster's boxes: each box gets one endpoint per other box (never one to
// itself), calls out as trunk-<itself> with the shared secret and answers the others' challenge with
// it; an id or a secret that cannot be written into pjsip.conf is refused; the dial string names
// the agent and the box.
import { describe, expect, it } from 'vitest';
import { DEFAULT_TRUNK_ENDPOINT, trunkDialString } from '../../../src/domain/cluster/pbx-trunks.js';
import { parseTrunk, pbxTrunksConfig } from '../../../src/local-pbx/pbx-trunks.js';

const SECRET = '0123456789abcdef0123';

/** The sections of a pjsip.conf text, by header, each with its key = value lines. */
function sections(text: string): { header: string; keys: Record<string, string> }[] {
  const found: { header: string; keys: Record<string, string> }[] = [];
  for (const line of text.split('\n')) {
    if (line.startsWith('[')) found.push({ header: line, keys: {} });
    const pair = /^(\w+) = (.*)$/.exec(line);
    const last = found.at(-1);
    if (pair && last) last.keys[pair[1] as string] = pair[2] as string;
  }
  return found;
}

describe('pbxTrunksConfig', () => {
  it('writes an endpoint, an address and a password for each other box, and none to itself', () => {
    const text = pbxTrunksConfig('pbx-1', [{ pbx: 'pbx-1', host: '127.0.0.1', port: 5160 }, { pbx: 'pbx-2', host: '10.0.0.2', port: 5060 }], SECRET);
    const all = sections(text);
    expect(all.map((s) => s.header)).toEqual(['[pbx-trunk](!)', '[pbx-trunk-out]', '[trunk-pbx-2](pbx-trunk)', '[trunk-pbx-2]', '[trunk-pbx-2]']);
    expect(all[0]?.keys).toMatchObject({ type: 'endpoint', context: 'from-pbx', from_user: 'trunk-pbx-1', outbound_auth: 'pbx-trunk-out' });
    expect(all[1]?.keys).toMatchObject({ type: 'auth', username: 'trunk-pbx-1', password: SECRET });
    expect(all[2]?.keys).toEqual({ aors: 'trunk-pbx-2', auth: 'trunk-pbx-2' });
    expect(all[3]?.keys).toMatchObject({ type: 'aor', contact: 'sip:10.0.0.2:5060' });
    expect(all[4]?.keys).toMatchObject({ type: 'auth', username: 'trunk-pbx-2', password: SECRET });
  });

  it('refuses a PBX id or a secret that cannot be written safely', () => {
    expect(() => pbxTrunksConfig('pbx 1', [], SECRET)).toThrow(/PBX id/);
    expect(() => pbxTrunksConfig('pbx-1', [{ pbx: 'pbx-2]\n[x', host: 'h', port: 1 }], SECRET)).toThrow(/PBX id/);
    expect(() => pbxTrunksConfig('pbx-1', [], 'short')).toThrow(/secret/);
    expect(() => pbxTrunksConfig('pbx-1', [], `${SECRET}\npassword = x`)).toThrow(/secret/);
  });
});

describe('parseTrunk (pbx:render --trunk)', () => {
  it('reads the other box, its host and its SIP port, and refuses anything else', () => {
    expect(parseTrunk('pbx-2=asterisk-2:5060')).toEqual({ pbx: 'pbx-2', host: 'asterisk-2', port: 5060 });
    for (const bad of ['pbx-2', 'pbx-2=asterisk-2', 'pbx-2=asterisk-2:0', 'pbx-2=asterisk-2:70000', 'pbx 2=a:5060', 'pbx-2=a b:5060', '=a:5060']) expect(() => parseTrunk(bad)).toThrow();
  });
});

describe('trunkDialString', () => {
  it('names the agent and the box in the endpoint dialed', () => {
    expect(trunkDialString(DEFAULT_TRUNK_ENDPOINT, '8003', 'pbx-2')).toBe('PJSIP/8003@trunk-pbx-2');
  });
});
