// The hotspot warnings' routes as the analysis page and the wallboard call them, and the units a
// warning can be sent to.
import { api, query } from '../api.js';
import type { HandlingUnit, HotspotDetailReply, HotspotKind, HotspotListReply, HotspotState, HotspotStepBody, HotspotStepReply, HotspotView, ProactiveOrderBody, ProactiveOrderReply, UnitsReply } from '../api-types.js';

export async function listHotspots(filter: { state?: HotspotState | ''; kind?: HotspotKind | ''; limit?: number }): Promise<HotspotView[]> {
  return (await api<HotspotListReply>('GET', `/api/hotspots${query({ state: filter.state, kind: filter.kind, limit: filter.limit })}`)).items;
}

export const hotspotDetail = (id: number): Promise<HotspotDetailReply> => api<HotspotDetailReply>('GET', `/api/hotspots/${id}`);

export const stepHotspot = (id: number, body: HotspotStepBody): Promise<HotspotStepReply> => api<HotspotStepReply>('POST', `/api/hotspots/${id}/steps`, body);

export const proactiveOrder = (id: number, body: ProactiveOrderBody): Promise<ProactiveOrderReply> => api<ProactiveOrderReply>('POST', `/api/hotspots/${id}/orders`, body);

let units: Promise<HandlingUnit[]> | null = null;
/** The handling units, read once per page. */
export function handlingUnits(): Promise<HandlingUnit[]> {
  units ??= api<UnitsReply>('GET', '/api/units').then(
    (reply) => reply.units,
    (error: unknown) => {
      units = null;
      throw error;
    },
  );
  return units;
}
