// The city's areas (街道 and 镇) as data: each with its relative size, its communities (社区) and their
// estates (小区, with building counts), a town's villages (村) and its roads. Validated here once from
// plain data (fixtures/areas.yaml), every problem with a stable AREAS_* code and its path. Pure.
import type { ParseResult } from '../acd/acd-config.js';
import { FieldReader, join } from '../acd/field-reader.js';

export const AREA_KINDS = ['subdistrict', 'town'] as const;
export type AreaKind = (typeof AREA_KINDS)[number];

export interface Estate {
  readonly name: string;
  /** Numbered 1..buildings (号楼). */
  readonly buildings: number;
  /** A 老旧小区 (built before about 2000): where pipes, roofs and lifts fail. */
  readonly old: boolean;
}

export interface Community {
  readonly name: string;
  readonly estates: readonly Estate[];
}

export interface CityArea {
  readonly name: string;
  readonly kind: AreaKind;
  /** Relative share of the city's orders (1..100); only ratios between areas matter. */
  readonly size: number;
  readonly communities: readonly Community[];
  /** A town's villages; a subdistrict has none. */
  readonly villages: readonly string[];
  readonly roads: readonly string[];
}

export interface CityAreas {
  readonly areas: readonly CityArea[];
  readonly byName: ReadonlyMap<string, CityArea>;
}

type Obj = Readonly<Record<string, unknown>>;

const AREA_FIELDS = ['name', 'kind', 'size', 'communities', 'villages', 'roads'];

export function parseCityAreas(raw: unknown): ParseResult<CityAreas> {
  const r = new FieldReader('AREAS');
  const top = r.object(raw, '');
  if (!top) return { ok: false, errors: r.errors };
  r.onlyFields(top, '', ['areas']);
  const names = new Set<string>();
  const areas = r.list(top.areas, 'areas').flatMap((item, i) => {
    const area = readArea(r, item, join('areas', i), names);
    return area ? [area] : [];
  });
  if (areas.length === 0 && r.errors.length === 0) r.fail('MISSING_FIELD', 'areas', 'at least one area is needed');
  if (r.errors.length > 0) return { ok: false, errors: r.errors };
  return { ok: true, value: { areas, byName: new Map(areas.map((area) => [area.name, area])) } };
}

function readArea(r: FieldReader, raw: unknown, path: string, names: Set<string>): CityArea | null {
  const o = r.object(raw, path);
  if (!o) return null;
  r.onlyFields(o, path, AREA_FIELDS);
  const name = uniqueName(r, r.string(o, 'name', path), join(path, 'name'), names);
  const kind = r.string(o, 'kind', path);
  if (kind !== '' && !(AREA_KINDS as readonly string[]).includes(kind)) r.fail('INVALID_KIND', join(path, 'kind'), `kind must be one of ${AREA_KINDS.join(', ')}`);
  const size = r.int(o, 'size', path, { min: 1, max: 100 });
  const places = new Set<string>();
  const communities = r.list(o.communities, join(path, 'communities')).flatMap((item, i) => {
    const community = readCommunity(r, item, join(join(path, 'communities'), i), places);
    return community ? [community] : [];
  });
  const villages = kind === 'town' ? r.strings(o, 'villages', path) : r.strings(o, 'villages', path, []);
  if (kind === 'subdistrict' && villages.length > 0) r.fail('VILLAGES_IN_SUBDISTRICT', join(path, 'villages'), 'only a town (镇) has villages');
  if (kind === 'town' && villages.length === 0 && o.villages !== undefined) r.fail('MISSING_FIELD', join(path, 'villages'), 'a town needs at least one village');
  villages.forEach((village, i) => uniqueName(r, village, join(join(path, 'villages'), i), places));
  const roads = r.strings(o, 'roads', path);
  if (roads.length === 0) r.fail('MISSING_FIELD', join(path, 'roads'), 'an area needs at least one road');
  if (communities.length === 0 && villages.length === 0) r.fail('MISSING_FIELD', join(path, 'communities'), 'an area needs a community or a village');
  return { name, kind: kind as AreaKind, size, communities, villages, roads };
}

function readCommunity(r: FieldReader, raw: unknown, path: string, places: Set<string>): Community | null {
  const o = r.object(raw, path);
  if (!o) return null;
  r.onlyFields(o, path, ['name', 'estates']);
  const name = uniqueName(r, r.string(o, 'name', path), join(path, 'name'), places);
  const estates = r.list(o.estates, join(path, 'estates')).flatMap((item, i) => {
    const estatePath = join(join(path, 'estates'), i);
    const e = r.object(item, estatePath);
    if (!e) return [];
    r.onlyFields(e, estatePath, ['name', 'buildings', 'old']);
    const estateName = uniqueName(r, r.string(e, 'name', estatePath), join(estatePath, 'name'), places);
    return [{ name: estateName, buildings: r.int(e, 'buildings', estatePath, { min: 1, max: 200 }), old: r.bool(e, 'old', estatePath, false) }];
  });
  if (estates.length === 0) r.fail('MISSING_FIELD', join(path, 'estates'), 'a community needs at least one estate');
  return { name, estates };
}

/** Names are unique within their scope (areas in the city; communities, estates and villages in an area). */
function uniqueName(r: FieldReader, name: string, path: string, seen: Set<string>): string {
  if (name !== '' && seen.has(name)) r.fail('DUPLICATE_NAME', path, `'${name}' is named twice`);
  seen.add(name);
  return name;
}
