// ARI request paths as route templates (`POST /channels/{id}/play`), so timings are kept per kind of
// request and never per channel, and which connection pool each route uses. The templates are the
// resource paths Asterisk 22.10 declares (ari-api-docs/*.json), every parameter written `{id}`.

export type AriMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

const DECLARED_PATHS = [
  '/applications',
  '/applications/{id}',
  '/applications/{id}/subscription',
  '/applications/{id}/eventFilter',
  '/asterisk/config/dynamic/{id}/{id}/{id}',
  '/asterisk/info',
  '/asterisk/ping',
  '/asterisk/modules',
  '/asterisk/modules/{id}',
  '/asterisk/logging',
  '/asterisk/logging/{id}',
  '/asterisk/logging/{id}/rotate',
  '/asterisk/variable',
  '/bridges',
  '/bridges/{id}',
  '/bridges/{id}/variable',
  '/bridges/{id}/variables',
  '/bridges/{id}/addChannel',
  '/bridges/{id}/removeChannel',
  '/bridges/{id}/videoSource/{id}',
  '/bridges/{id}/videoSource',
  '/bridges/{id}/moh',
  '/bridges/{id}/play',
  '/bridges/{id}/play/{id}',
  '/bridges/{id}/record',
  '/channels',
  '/channels/create',
  '/channels/externalMedia',
  '/channels/{id}',
  '/channels/{id}/continue',
  '/channels/{id}/move',
  '/channels/{id}/redirect',
  '/channels/{id}/answer',
  '/channels/{id}/ring',
  '/channels/{id}/progress',
  '/channels/{id}/dtmf',
  '/channels/{id}/mute',
  '/channels/{id}/hold',
  '/channels/{id}/moh',
  '/channels/{id}/silence',
  '/channels/{id}/play',
  '/channels/{id}/play/{id}',
  '/channels/{id}/record',
  '/channels/{id}/variable',
  '/channels/{id}/variables',
  '/channels/{id}/snoop',
  '/channels/{id}/snoop/{id}',
  '/channels/{id}/dial',
  '/channels/{id}/rtp_statistics',
  '/channels/{id}/transfer_progress',
  '/deviceStates',
  '/deviceStates/{id}',
  '/endpoints',
  '/endpoints/sendMessage',
  '/endpoints/refer',
  '/endpoints/{id}',
  '/endpoints/{id}/{id}',
  '/endpoints/{id}/{id}/sendMessage',
  '/endpoints/{id}/{id}/refer',
  '/events',
  '/events/user/{id}',
  '/events/claim',
  '/mailboxes',
  '/mailboxes/{id}',
  '/playbacks/{id}',
  '/playbacks/{id}/control',
  '/recordings/stored',
  '/recordings/stored/{id}',
  '/recordings/stored/{id}/file',
  '/recordings/stored/{id}/copy',
  '/recordings/live/{id}',
  '/recordings/live/{id}/stop',
  '/recordings/live/{id}/pause',
  '/recordings/live/{id}/mute',
  '/sounds',
  '/sounds/{id}',
] as const;

const PARAMETER = '{id}';

interface Template {
  readonly path: string;
  readonly segments: readonly string[];
  /** Fixed words in it: where two templates match, the one with more fixed words is meant. */
  readonly fixed: number;
}

const TEMPLATES: readonly Template[] = DECLARED_PATHS.map((path) => {
  const segments = path.split('/').slice(1);
  return { path, segments, fixed: segments.filter((segment) => segment !== PARAMETER).length };
});

/** Every path nobody declared falls in here, so a stray path cannot grow the set of routes. */
export const OTHER_ROUTE_PATH = '/(undeclared)';

/** `/channels/call-1.2/play` → `/channels/{id}/play`; the query is ignored. */
export function routePathOf(path: string): string {
  const query = path.indexOf('?');
  const segments = (query < 0 ? path : path.slice(0, query)).split('/').slice(1);
  let best: Template | undefined;
  for (const template of TEMPLATES) {
    if (template.segments.length !== segments.length) continue;
    if (!template.segments.every((segment, i) => segment === PARAMETER || segment === segments[i])) continue;
    if (!best || template.fixed > best.fixed) best = template;
  }
  return best?.path ?? OTHER_ROUTE_PATH;
}

/** `POST /channels/{id}/play`. */
export function routeOf(method: AriMethod, path: string): string {
  return `${method} ${routePathOf(path)}`;
}

export type AriPool = 'fast' | 'slow';

/**
 * Requests that make channels, bridges or recordings: Asterisk answers them after creating
 * something (a Local channel pair, a snoop, a file), and under load they took seconds (decisions:
 * ICE lookups made originates wait over 5 s). They get their own connections, so a burst of them
 * never keeps a prompt, an answer or a hang-up waiting for a free socket. Setting a channel
 * variable (a call's mark) is here too: Asterisk sets it only between the channel's operations,
 * so behind a prompt it waits for the prompt's end (3.6 s measured), and nothing waits for a mark.
 */
const SLOW_ROUTES: ReadonlySet<string> = new Set([
  'POST /channels',
  'POST /channels/create',
  'POST /channels/externalMedia',
  'POST /channels/{id}',
  'POST /channels/{id}/snoop',
  'POST /channels/{id}/snoop/{id}',
  'POST /channels/{id}/record',
  'POST /channels/{id}/dial',
  'POST /channels/{id}/variable',
  'POST /bridges',
  'POST /bridges/{id}',
  'POST /bridges/{id}/record',
  'GET /channels',
  'GET /bridges',
  // Answered with the application's every subscription (hundreds of channel ids under load); an
  // agent's leg is followed this way while it rings, and nothing waits for it.
  'POST /applications/{id}/subscription',
]);

/** Which pool a route's requests use; recordings (stored and live) are all slow. */
export function poolOf(route: string): AriPool {
  return SLOW_ROUTES.has(route) || route.includes(' /recordings/') ? 'slow' : 'fast';
}
