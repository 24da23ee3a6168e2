// Turns "an order of this category, in this area, at this instant" into every fact a ticket carries:
// where (小区 + 号楼 + 单元 + 室, road + 号, or 村 + 组), who called, the words, the request type, the unit
// the dispatch rules name, the reply against its due day (each unit with its own on-time and
// satisfaction habits) and the call that brought it.
import type { CityArea } from '../../../domain/areas/city-areas.js';
import { chinaDate, chinaInstant, DAY_MS, HOUR_MS, toChinaLocal, type LocalDate } from '../../../domain/calendar/china-calendar.js';
import { suggestUnits } from '../../../domain/tickets/dispatch-suggestion.js';
import type { RequestType } from '../../../domain/tickets/request-types.js';
import type { SatisfactionRating } from '../../../domain/tickets/ticket-warnings.js';
import type { GeneratedCall, GeneratedOrder, YearSources } from './generated-order.js';
import type { Draw } from './seeded-random.js';
import { CONSULTATION_MAJORS, DURATIONS, placeKindOf, PROBLEMS } from './year-data.js';

export interface OrderDraft {
  readonly createdAt: number;
  readonly categoryCode: string;
  readonly area: string;
  readonly location: string;
  readonly callerNumber: string;
  readonly hotspotId: string | null;
  /** A returning caller's order is a complaint about the same matter. */
  readonly requestType?: RequestType;
  /** Forces the unit's reply this long after creation (the first order of a repeat is replied before the caller comes back). */
  readonly handledInMs?: number;
}

const FALLBACK_UNIT = 'city-government';

export class OrderFacts {
  private readonly units = new Map<string, string>();
  private readonly dueDays = new Map<string, LocalDate>();

  /** `asOf`: the end of the generated span; nothing is replied or closed after it. */
  constructor(private readonly sources: YearSources, private readonly draw: Draw, private readonly asOf: number) {}

  location(area: CityArea, categoryCode: string): string {
    const kind = placeKindOf(categoryCode);
    const d = this.draw;
    if (kind === 'none') return '';
    if (kind === 'village' || (area.villages.length > 0 && kind === 'building' && d.chance(0.65))) {
      return area.villages.length > 0 ? `${d.pick(area.villages)}${d.int(1, 8)}组` : `${d.pick(area.roads)}${d.int(1, 300)}号`;
    }
    if (kind === 'road') return `${d.pick(area.roads)}${d.int(1, 300)}号`;
    const estate = d.pick(d.pick(area.communities).estates);
    return `${estate.name}${d.int(1, estate.buildings)}号楼${d.int(1, 4)}单元${d.int(1, 18)}0${d.int(1, 4)}室`;
  }

  callerNumber(): string {
    return `1${this.draw.pick(['3', '5', '8', '9'])}${String(this.draw.int(0, 999_999_999)).padStart(9, '0')}`;
  }

  order(draft: OrderDraft, id: number): GeneratedOrder {
    const requestType = draft.requestType ?? this.requestType(draft.categoryCode);
    const call = this.answeredCall(draft.createdAt);
    const { title, description } = this.text(draft, requestType);
    // Most questions are answered on the call (首呼解决): closed at once, no unit.
    const onTheCall = requestType === 'consultation' && this.draw.chance(0.6);
    const end = draft.createdAt + call.waitMs + call.talkMs;
    const h = onTheCall ? { status: 'closed' as const, mainUnit: null, replyBy: null, handledAt: end, closedAt: end, satisfaction: null } : this.handling(draft, requestType);
    return {
      id, createdAt: draft.createdAt, callerNumber: draft.callerNumber, call, status: h.status, requestType, categoryCode: draft.categoryCode, area: draft.area,
      location: draft.location, title, description, mainUnit: h.mainUnit, replyBy: h.replyBy, handledAt: h.handledAt, closedAt: h.closedAt, satisfaction: h.satisfaction, hotspotId: draft.hotspotId,
    };
  }

  /** A caller who hung up while queued: a missed call, no request taken. */
  missed(createdAt: number, area: string, id: number): GeneratedOrder {
    const call: GeneratedCall = { waitMs: this.draw.int(20, 150) * 1000, talkMs: 0, answered: false };
    return {
      id, createdAt, callerNumber: this.callerNumber(), call, status: 'missed', requestType: null, categoryCode: null, area, location: '',
      title: '未接来电', description: '', mainUnit: null, replyBy: null, handledAt: null, closedAt: null, satisfaction: null, hotspotId: null,
    };
  }

  private requestType(code: string): RequestType {
    if (code === '2102') return 'praise';
    if (code === '2101') return 'suggestion';
    const roll = this.draw.next();
    if (CONSULTATION_MAJORS.has(code.slice(0, 2))) return roll < 0.7 ? 'consultation' : 'help';
    return roll < 0.6 ? 'complaint' : roll < 0.85 ? 'help' : roll < 0.95 ? 'report' : 'consultation';
  }

  private text(draft: OrderDraft, requestType: RequestType): { title: string; description: string } {
    const entry = this.sources.taxonomy.byCode.get(draft.categoryCode);
    const name = entry?.sub.name ?? '其他诉求';
    const problem = this.draw.pick(PROBLEMS[draft.categoryCode] ?? [`${name}方面的问题`]);
    const where = draft.location === '' ? draft.area : `${draft.area}${draft.location}`;
    const ask = requestType === 'consultation' ? '希望得到答复。' : '希望相关部门尽快处理。';
    return { title: `${name}：${problem.split('，')[0] ?? problem}`, description: `来电人反映：${where}${problem}，${this.draw.pick(DURATIONS)}，${ask}` };
  }

  private answeredCall(at: number): GeneratedCall {
    const hour = toChinaLocal(at).hour;
    const busy = (hour >= 9 && hour < 12) || (hour >= 14 && hour < 17);
    const waitMs = Math.round(-Math.log(Math.max(this.draw.next(), 1e-9)) * (busy ? 14_000 : 6_000));
    return { waitMs, talkMs: this.draw.int(90, 600) * 1000, answered: true };
  }

  private handling(draft: OrderDraft, requestType: RequestType): Pick<GeneratedOrder, 'status' | 'mainUnit' | 'replyBy' | 'handledAt' | 'closedAt' | 'satisfaction'> {
    const mainUnit = this.unitOf(draft.categoryCode, draft.area);
    const replyBy = this.dueAt(draft.createdAt, requestType === 'consultation' ? 1 : 4);
    const habit = unitHabit(mainUnit);
    const handledAt = draft.handledInMs !== undefined ? draft.createdAt + draft.handledInMs : this.draw.chance(habit.onTime)
      ? draft.createdAt + Math.round((0.1 + 0.9 * this.draw.next()) * (replyBy - draft.createdAt))
      : replyBy + Math.round((0.2 + 4 * this.draw.next()) * DAY_MS);
    if (handledAt > this.asOf) {
      const status = draft.createdAt > this.asOf - 2 * HOUR_MS ? 'dispatched' : 'in-progress';
      return { status, mainUnit, replyBy, handledAt: null, closedAt: null, satisfaction: null };
    }
    const closedAt = handledAt + Math.round((1 + 2 * this.draw.next()) * DAY_MS);
    if (closedAt > this.asOf) return { status: 'replied', mainUnit, replyBy, handledAt, closedAt: null, satisfaction: null };
    return { status: 'closed', mainUnit, replyBy, handledAt, closedAt, satisfaction: this.rating(habit.satisfied) };
  }

  private rating(satisfied: number): SatisfactionRating {
    const roll = this.draw.next();
    return roll < satisfied ? 'satisfied' : roll < satisfied + (1 - satisfied) * 0.6 ? 'basically-satisfied' : 'dissatisfied';
  }

  /** The unit the dispatch rules rank first for the category in the area (keywords aside). */
  private unitOf(code: string, area: string): string {
    const key = `${code}|${area}`;
    let unit = this.units.get(key);
    if (unit === undefined) {
      unit = suggestUnits(this.sources.rules, { text: '', categoryCode: code, area }, []).main ?? FALLBACK_UNIT;
      this.units.set(key, unit);
    }
    return unit;
  }

  /** The same time of day on the n-th working day after the order's day (the calendar's 调休 included). */
  private dueAt(at: number, workingDays: number): number {
    const day = chinaDate(at);
    const key = `${day}|${workingDays}`;
    let due = this.dueDays.get(key);
    if (due === undefined) {
      due = day;
      for (let i = 0; i < workingDays; i += 1) due = this.sources.calendar.nextWorkingDay(due);
      this.dueDays.set(key, due);
    }
    return chinaInstant(due, toChinaLocal(at).minuteOfDay);
  }
}

/** A unit's habits, fixed by its id: on-time share 0.72..0.98, satisfied share 0.70..0.95. */
export function unitHabit(unitId: string): { readonly onTime: number; readonly satisfied: number } {
  let hash = 0;
  for (const ch of unitId) hash = (hash * 31 + ch.charCodeAt(0)) >>> 0;
  return { onTime: 0.72 + ((hash % 13) / 12) * 0.26, satisfied: 0.7 + (((hash >>> 8) % 11) / 10) * 0.25 };
}
