// ARI request paths as route templates (ids never kept, so the set of routes stays bounded) and the
// pool each route uses: what creates channels, bridges and recordings is slow, the rest fast.
import { describe, expect, it } from 'vitest';
import { OTHER_ROUTE_PATH, poolOf, routeOf, routePathOf } from '../../../src/adapters/ari/ari-routes.js';

describe('routePathOf', () => {
  it.each([
    ['/channels/1764577320.12/play', '/channels/{id}/play'],
    ['/channels/call-1764577320.12-leg-1', '/channels/{id}'],
    ['/channels/sim-4b1f/dtmf?dtmf=1&between=150', '/channels/{id}/dtmf'],
    ['/channels', '/channels'],
    ['/channels/create', '/channels/create'],
    ['/channels/externalMedia', '/channels/externalMedia'],
    ['/channels/1.2/snoop', '/channels/{id}/snoop'],
    ['/channels/1.2/variable', '/channels/{id}/variable'],
    ['/bridges/conv-call-1', '/bridges/{id}'],
    ['/bridges/conv-call-1/addChannel', '/bridges/{id}/addChannel'],
    ['/playbacks/ivr-1-3', '/playbacks/{id}'],
    ['/recordings/live/call-1-1/stop', '/recordings/live/{id}/stop'],
    ['/recordings/stored', '/recordings/stored'],
    ['/applications/hotline/eventFilter', '/applications/{id}/eventFilter'],
    ['/endpoints/PJSIP/agent-8001', '/endpoints/{id}/{id}'],
    ['/endpoints/sendMessage', '/endpoints/sendMessage'],
    ['/asterisk/info', '/asterisk/info'],
    ['/events/user/ping', '/events/user/{id}'],
  ])('%s → %s', (path, template) => {
    expect(routePathOf(path)).toBe(template);
  });

  it('puts every path Asterisk does not declare in one bucket, whatever its ids', () => {
    for (const path of ['/nothing', '/channels/1/2/3/4', '/', '/channels/1.2/unknownAction', '/bridges/x/y/z']) expect(routePathOf(path)).toBe(OTHER_ROUTE_PATH);
  });

  it('names the route with its method', () => {
    expect(routeOf('POST', '/channels/1.2/play')).toBe('POST /channels/{id}/play');
    expect(routeOf('DELETE', '/channels/1.2')).toBe('DELETE /channels/{id}');
  });
});

describe('poolOf', () => {
  it.each([
    ['POST /channels', 'slow'],
    ['POST /channels/{id}', 'slow'],
    ['POST /channels/{id}/snoop', 'slow'],
    ['POST /channels/{id}/record', 'slow'],
    ['POST /bridges/{id}', 'slow'],
    ['POST /bridges', 'slow'],
    ['POST /recordings/live/{id}/stop', 'slow'],
    ['GET /recordings/stored', 'slow'],
    ['GET /channels', 'slow'],
    ['POST /channels/{id}/play', 'fast'],
    ['POST /channels/{id}/answer', 'fast'],
    ['DELETE /channels/{id}', 'fast'],
    ['POST /channels/{id}/dtmf', 'fast'],
    ['POST /channels/{id}/variable', 'slow'],
    ['GET /channels/{id}/variable', 'fast'],
    ['POST /channels/{id}/moh', 'fast'],
    ['POST /channels/{id}/continue', 'fast'],
    ['POST /bridges/{id}/addChannel', 'fast'],
    ['DELETE /playbacks/{id}', 'fast'],
    ['PUT /applications/{id}/eventFilter', 'fast'],
  ] as const)('%s is %s', (route, pool) => {
    expect(poolOf(route)).toBe(pool);
  });
});
